package eval

import (
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
