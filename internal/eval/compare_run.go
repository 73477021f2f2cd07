package eval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/render"
	"github.com/parallax-news/parallax/internal/store"
)

// RunCompare makes, for every BASIL event of data, the report `parallax
// report --format json FOLDER` makes of the event's three articles
// written as seed-format files (FOLDER/{fox,hpo,nyt}.txt, as
// ../shared/scorers/basil_seedlike.py writes them), into a fresh store,
// and scores the reports against the gold as score_compare.py does,
// printing its lines. With reports set, each event's report is written
// there as <event_id>.json.
func RunCompare(ctx context.Context, w io.Writer, data, gold, reports string) error {
	golds, err := readCompareGold(gold)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "parallax-compare-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	if reports != "" {
		if err := os.MkdirAll(reports, 0o755); err != nil {
			return err
		}
	}
	built := map[string][]byte{}
	err = EachJSONLine(data, func(b []byte) error {
		var ev BasilEvent
		if err := json.Unmarshal(b, &ev); err != nil {
			return err
		}
		rep, err := EventReport(ctx, &ev, filepath.Join(work, ev.EventID))
		if err != nil {
			return fmt.Errorf("event %s: %w", ev.EventID, err)
		}
		built[ev.EventID] = rep
		if reports != "" {
			return os.WriteFile(filepath.Join(reports, ev.EventID+".json"), rep, 0o644)
		}
		return nil
	})
	if err != nil {
		return err
	}
	t := CompareTally{}
	missing := 0
	for _, g := range golds {
		rep, ok := built[g.EventID]
		if !ok {
			missing++
			continue
		}
		if err := t.Add(g, rep); err != nil {
			return err
		}
	}
	t.Write(w, missing)
	return nil
}

func readCompareGold(path string) ([]*CompareGold, error) {
	var out []*CompareGold
	err := EachJSONLine(path, func(b []byte) error {
		g := &CompareGold{}
		if err := json.Unmarshal(b, g); err != nil {
			return err
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

// SeedLike writes a BASIL article as the seed format, the way
// basil_seedlike.py does: " date YYYY-MM-DD <title>", a blank line, the
// text's non-blank lines as paragraphs.
func SeedLike(date, title, text string) string {
	var paras []string
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	return " date " + date + " " + title + "\n\n" + strings.Join(paras, "\n\n") + "\n"
}

// EventReport writes an event's articles as seed-format files in dir and
// returns the JSON report the command line prints for that folder,
// ingested into a fresh store.
func EventReport(ctx context.Context, ev *BasilEvent, dir string) ([]byte, error) {
	var out []byte
	err := withEvent(ctx, ev, dir, func(e *engine.Engine, stories, _ []string) error {
		rs := &compare.Reports{Reports: []*compare.Report{}}
		for _, id := range stories {
			r, err := e.Report(ctx, id)
			if err != nil {
				return err
			}
			rs.Reports = append(rs.Reports, r)
		}
		var err error
		out, err = reportsJSON(rs)
		return err
	})
	return out, err
}

// withEvent ingests an event's articles, written as seed-format files in
// dir, into a fresh store and calls fn with the engine, the stories of
// the event (in the order their first article was read) and its
// articles.
func withEvent(ctx context.Context, ev *BasilEvent, dir string, fn func(e *engine.Engine, stories, articles []string) error) error {
	folder := filepath.Join(dir, "articles")
	if err := writeSeedLike(ev, folder); err != nil {
		return err
	}
	st, err := store.OpenSQLite(ctx, filepath.Join(dir, "p.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	e := &engine.Engine{Store: st}
	res, err := e.Run(ctx, engine.Files([]string{folder}, ingest.Options{}), engine.Options{})
	if err != nil {
		return err
	}
	stories, err := e.StoriesOf(ctx, res.IDs)
	if err != nil {
		return err
	}
	return fn(e, stories, res.IDs)
}

// reportsJSON renders reports as `parallax report --format json` prints
// them.
func reportsJSON(rs *compare.Reports) ([]byte, error) {
	var b bytes.Buffer
	bw := bufio.NewWriter(&b)
	if err := render.JSON(bw, rs); err != nil {
		return nil, err
	}
	err := bw.Flush()
	return b.Bytes(), err
}

// writeSeedLike writes an event's articles into folder as <source>.txt
// in the seed format.
func writeSeedLike(ev *BasilEvent, folder string) error {
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return err
	}
	for _, a := range ev.Articles {
		if err := os.WriteFile(filepath.Join(folder, a.Source+".txt"), []byte(SeedLike(a.Date, a.Title, a.Text)), 0o644); err != nil {
			return err
		}
	}
	return nil
}
