package render

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// seedRecords reads, cleans and analyses the two seed articles. Their
// keys are fixed paths, so that their ids do not depend on where the
// repository is.
func seedRecords(t *testing.T) []store.Record {
	t.Helper()
	var arts []ingest.Article
	for _, name := range []string{"000_9cfc92a05877532c.txt", "004_9db2e0d9894f95f3.txt"} {
		b, err := os.ReadFile(filepath.Join("../../examples/seeds", name))
		if err != nil {
			t.Fatal(err)
		}
		got, errs := ingest.ReadBytes(context.Background(), name, b, ingest.Options{Path: "/seeds/" + name})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		arts = append(arts, got...)
	}
	an, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	recs, err := engine.Prepare(context.Background(), arts, an)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// seedReport is the report on the seeds' story.
func seedReport(t *testing.T) *compare.Reports {
	t.Helper()
	recs := seedRecords(t)
	idx := dedup.NewIndex(0)
	var arts []compare.Article
	var links []dedup.CopyLink
	for i := range recs {
		links = append(links, idx.Add(recs[i].Article.ID, time.Time{}, recs[i].Signature)...)
		arts = append(arts, engine.CompareArticle(&recs[i]))
	}
	return &compare.Reports{Reports: []*compare.Report{compare.Build("story-seeds", arts, links)}}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/render -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./internal/render -update rewrites it after review)\n%s", name, firstDifference(got, want))
	}
}

func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return "got:  …" + string(got[from:min(len(got), i+80)]) + "\nwant: …" + string(want[from:min(len(want), i+80)])
}

// Every report format, on the seeds, as reviewed.
func TestReportFormatsGolden(t *testing.T) {
	rs := seedReport(t)
	for _, f := range []struct{ format, file string }{
		{"json", "seeds.report.json"}, {"markdown", "seeds.report.md"}, {"html", "seeds.report.html"}, {"text", "seeds.report.txt"},
	} {
		var b bytes.Buffer
		if err := WriteReports(&b, rs, f.format, Layout{Width: 100}); err != nil {
			t.Fatal(err)
		}
		golden(t, f.file, b.Bytes())
	}
}

// An article, as text and JSON, as reviewed.
func TestArticleFormatsGolden(t *testing.T) {
	rec := seedRecords(t)[0]
	var txt, js bytes.Buffer
	if err := ArticleText(&txt, &rec); err != nil {
		t.Fatal(err)
	}
	if err := JSON(&js, NewArticleJSON(&rec)); err != nil {
		t.Fatal(err)
	}
	golden(t, "seed000.article.txt", txt.Bytes())
	golden(t, "seed000.article.json", js.Bytes())
}

// An empty section says "none" rather than showing nothing.
func TestEmptySectionsSayNone(t *testing.T) {
	var b strings.Builder
	StoryHTMLFragment(&b, &compare.Report{ID: "s", Articles: []compare.ArticleEntry{{ID: "a", Outlet: "alpha", Text: "Text."}}})
	for _, section := range []string{`class="facts"`, `class="conflicts"`, `class="quotes"`, `class="copies"`, `class="timeline"`, `class="summary"`} {
		i := strings.Index(b.String(), section)
		if i < 0 || !strings.HasPrefix(b.String()[i+len(section)+1:], `<li class="none">none</li>`) {
			t.Errorf("section %s does not say none", section)
		}
	}
}
