package engine_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/store"
)

// Run is the whole pipeline: read, clean, analyse and store, place in
// stories, report. Two outlets' reports of one event become one story.
func ExampleEngine_Run() {
	dir, _ := os.MkdirTemp("", "parallax-example-")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(dir, "p.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	e := &engine.Engine{Store: st}
	res, err := e.Run(ctx, engine.Files([]string{"../../examples/seeds"}, ingest.Options{}), engine.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d new, %d in %d story, %d report\n", res.Added, res.Cluster.Assigned, len(res.Cluster.Stories), len(res.Reports))
	rep, _ := e.Report(ctx, res.Reports[0])
	fmt.Println(rep.Event.Where.Name+",", rep.Event.Where.Country)
	// Output:
	// 2 new, 2 in 1 story, 1 report
	// Florida, United States
}
