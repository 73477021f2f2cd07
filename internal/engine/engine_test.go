package engine

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/store"
)

// ingestArticles runs the pipeline on articles in memory, as the server
// does, and returns what it did with each and the reports rebuilt.
func ingestArticles(ctx context.Context, e *Engine, arts []ingest.Article) ([]Added, []string, error) {
	res, err := e.Run(ctx, Articles(arts), Options{})
	return res.Articles, res.Reports, err
}

func article(t *testing.T, outlet, id, text string) ingest.Article {
	t.Helper()
	body := `{"id":"` + id + `","source":"` + outlet + `","date":"2025-03-03","text":"` + text + `"}`
	arts, errs := ingest.ReadBytes(context.Background(), ".jsonl", []byte(body), ingest.Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return arts[0]
}

const wireText = "The council voted 7 to 2 on Monday to close the old bridge over the Avon for repairs, the mayor said. Work will start in May and last two years, at a cost of 14 million pounds."

// Two processes share a store: what one stores, the other sees before it
// decides. A server that built its clustering state earlier finds the copy
// of an article an ingest run stored meanwhile.
func TestClusteringSeesOtherProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	ctx := context.Background()
	open := func() *Engine {
		st, err := store.OpenSQLite(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return &Engine{Store: st}
	}
	server, cli := open(), open()
	// The server builds its state on an unrelated article.
	if _, _, err := ingestArticles(ctx, server, []ingest.Article{article(t, "Gazette", "g1", "A new library opened in the town centre on Saturday with twelve thousand books, the council said.")}); err != nil {
		t.Fatal(err)
	}
	// The command line stores the wire story.
	if _, _, err := ingestArticles(ctx, cli, []ingest.Article{article(t, "Wire", "w1", wireText)}); err != nil {
		t.Fatal(err)
	}
	// The server receives a verbatim copy.
	added, _, err := ingestArticles(ctx, server, []ingest.Article{article(t, "Herald", "h1", wireText)})
	if err != nil {
		t.Fatal(err)
	}
	wire, err := server.Store.Article(ctx, ingest.MakeID("Wire", "id:w1"))
	if err != nil {
		t.Fatal(err)
	}
	if added[0].StoryID != wire.StoryID {
		t.Errorf("the copy opened story %s; the wire story is in %s", added[0].StoryID, wire.StoryID)
	}
	links, _ := server.Store.Copies(ctx, []string{added[0].ID})
	if len(links) != 1 || links[0].OfID != wire.Article.ID || links[0].Relation != "verbatim" {
		t.Errorf("copy links: %+v", links)
	}
}

// A revised article leaves its story; the story it left is summarised
// and reported again, and the article is clustered anew.
func TestRevisionMovesTheArticle(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e := &Engine{Store: st}
	first, _, err := ingestArticles(ctx, e, []ingest.Article{article(t, "Wire", "w1", wireText), article(t, "Herald", "h1", wireText)})
	if err != nil {
		t.Fatal(err)
	}
	if first[0].StoryID != first[1].StoryID {
		t.Fatalf("copies in two stories: %+v", first)
	}
	// The Herald's article is rewritten about something else.
	other := "A new library opened in the town centre on Saturday with twelve thousand books, the council said."
	again, changed, err := ingestArticles(ctx, e, []ingest.Article{article(t, "Herald", "h1", other)})
	if err != nil {
		t.Fatal(err)
	}
	if again[0].Outcome != "revised" || again[0].Revision != 2 || again[0].StoryID == first[0].StoryID {
		t.Errorf("revision: %+v (first story %s)", again[0], first[0].StoryID)
	}
	sum, arts, err := st.Story(ctx, first[0].StoryID)
	if err != nil || sum.Articles != 1 || len(arts) != 1 {
		t.Errorf("the story the revision left: %+v %v", sum, err)
	}
	if !strings.Contains(strings.Join(changed, " "), first[0].StoryID) {
		t.Errorf("the story it left was not reported again: %v", changed)
	}
	if stale, _ := st.StaleReports(ctx); len(stale) != 0 {
		t.Errorf("stale reports: %v", stale)
	}
	if links, _ := st.Copies(ctx, []string{first[1].ID}); len(links) != 0 {
		t.Errorf("copy links of the old text remain: %+v", links)
	}
}
