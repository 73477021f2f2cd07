package eval

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Random pages and predictions (words of several scripts, repeats,
// punctuation, empty texts, snippets found and not) scored here and by
// score_wcxb.py print the same lines.
func TestWCXBScoresAgreeWithTheReference(t *testing.T) {
	script := filepath.Join(scorers, "score_wcxb.py")
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed")
	}
	if _, err := os.Stat(script); err != nil {
		t.Skipf("no reference scorer at %s", script)
	}
	vocab := []string{"Senate", "vote", "budget", "Übersee", "straße", "día", "año", "два", "года", "東京", "café",
		"3,100", "$5.7", "co-op", "it's", "under_score", "2024", "Ⅻ", "¾"}
	r := rand.New(rand.NewPCG(3, 9))
	text := func(n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteString([]string{" ", " ", ", ", ". ", "\n\n"}[r.IntN(5)])
			}
			b.WriteString(vocab[r.IntN(len(vocab))])
		}
		return b.String()
	}
	types := []string{"article", "forum", "product", ""}
	gold := map[string]GoldPage{}
	preds := map[string]map[string]string{}
	var pages []WCXBPage
	for i := range 200 {
		id := fmt.Sprintf("%04d", i)
		g := GoldPage{ArticleBody: text(r.IntN(40)), PageType: types[r.IntN(len(types))]}
		pred := text(r.IntN(40))
		if r.IntN(4) == 0 {
			pred = g.ArticleBody + " " + text(r.IntN(5))
		}
		for range r.IntN(3) {
			g.With = append(g.With, text(2))
		}
		for range r.IntN(3) {
			g.Without = append(g.Without, text(1))
		}
		gold[id], preds[id] = g, map[string]string{"articleBody": pred}
		pages = append(pages, ScoreWCXBPage(g, pred))
	}
	dir := t.TempDir()
	for name, v := range map[string]any{"gt.json": gold, "pred.json": preds} {
		b, _ := json.Marshal(v)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command("python3", script, filepath.Join(dir, "gt.json"), filepath.Join(dir, "pred.json")).Output()
	if err != nil {
		t.Fatalf("score_wcxb.py: %v", err)
	}
	want := strings.Split(strings.TrimSpace(string(out)), "\n")
	got := AggregateWCXB(pages).Lines()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("ours:\n%s\nthe reference scorer's:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A page scored by hand: reference "the vote the budget", prediction
// "the vote passed": overlap 2 (the, vote), P 2/3, R 2/4, F1 4/7.
func TestWCXBPageByHand(t *testing.T) {
	g := GoldPage{ArticleBody: "The vote; the budget.", With: []string{"THE VOTE", "budget passed"}, Without: []string{"passed"}}
	p := ScoreWCXBPage(g, "the vote passed")
	if !near(p.Precision, 2.0/3) || !near(p.Recall, 0.5) || !near(p.F1, 4.0/7) || p.With != 0.5 || p.Without != 1 {
		t.Errorf("got %+v", p)
	}
	if e := ScoreWCXBPage(g, ""); !e.Empty || e.F1 != 0 {
		t.Errorf("an empty prediction: %+v", e)
	}
	if e := ScoreWCXBPage(GoldPage{}, ""); e.F1 != 1 || e.Empty {
		t.Errorf("nothing expected, nothing given: %+v", e)
	}
}

func TestMetadataScoreByHand(t *testing.T) {
	var s MetadataScore
	s.Add(GoldPage{Title: "Rates  rise again", Author: "Dana Kim, MS, RD", Date: "2025-03-04"},
		PageMetadata{Title: "Rates rise again", Authors: []string{"DANA KIM"}, Date: "2025-03-04"})
	s.Add(GoldPage{Title: "Rates rise", Author: "Maria & Katerina", Date: "2025-03-04"},
		PageMetadata{Title: "Rates rise | Daily", Authors: []string{"Katerina"}, Date: "2025-03-05"})
	s.Add(GoldPage{Title: "Menu"}, PageMetadata{Title: "Menu", Authors: []string{"Staff"}, Date: "2024-01-01"})
	want := MetadataScore{Pages: 3, TitleRight: 2, AuthorPages: 2, AuthorRight: 1, AuthorExtra: 1, DatePages: 2, DateRight: 1, DateExtra: 1}
	if s != want {
		t.Errorf("got %+v, want %+v", s, want)
	}
}

// --per-page on a WCXB folder writes each page's scores and, beside the
// ground truth's metadata, Parallax's reading of it.
func TestPerPageWithMetadata(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "html"), 0o755); err != nil {
		t.Fatal(err)
	}
	page := `<html><head><title>Talks go on</title><meta name="author" content="Jane Doe"><meta property="article:published_time" content="2024-05-01T10:00:00Z"></head>
<body><article><h1>Talks go on</h1><p>The president said on Monday that the talks would continue next week in Geneva, after two days of meetings.</p><p>Officials from both sides described the discussions as constructive but said several issues remained open.</p></article></body></html>`
	writeGzip(t, filepath.Join(dir, "html", "0001.html.gz"), page)
	gold := map[string]GoldPage{"0001": {ArticleBody: "The president said on Monday that the talks would continue.", PageType: "article",
		Title: "Talks go on", Author: "Jane Doe", Date: "2024-05-01"}}
	b, _ := json.Marshal(gold)
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "pages.tsv")
	var report strings.Builder
	if err := RunExtraction(&report, dir, ExtractionOptions{PerPage: out}); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if len(lines) != 2 {
		t.Fatalf("per-page file: %q", raw)
	}
	head, row := strings.Split(lines[0], "\t"), strings.Split(lines[1], "\t")
	cell := map[string]string{}
	for i, h := range head {
		if i < len(row) {
			cell[h] = row[i]
		}
	}
	for k, want := range map[string]string{"id": "0001", "page_type": "article", "parallax_title": "Talks go on", "parallax_authors": "Jane Doe", "gold_date": "2024-05-01", "parallax_date": "2024-05-01"} {
		if cell[k] != want {
			t.Errorf("%s: %q, want %q (row %q)", k, cell[k], want, row)
		}
	}
	if !strings.Contains(report.String(), "metadata") {
		t.Errorf("the report prints no metadata scores:\n%s", report.String())
	}
}

func writeGzip(t *testing.T, path, text string) {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(text))
	zw.Close()
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
