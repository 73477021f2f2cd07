package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/ner"
)

// The reference scorers live beside the repository, in ../shared/scorers.
const scorers = "../../../shared/scorers"

// reference runs a reference scorer with --json and decodes its output.
func reference(t *testing.T, script string, args ...string) map[string]any {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed")
	}
	path := filepath.Join(scorers, script)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no reference scorer at %s", path)
	}
	out, err := exec.Command("python3", append([]string{path}, append(args, "--json")...)...).Output()
	if err != nil {
		t.Fatalf("%s: %v", script, err)
	}
	// Some scorers print their table before the JSON, which is the last
	// line.
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var m map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &m); err != nil {
		// Others print indented JSON alone.
		if err2 := json.Unmarshal(out, &m); err2 != nil {
			t.Fatalf("%s printed %s: %v", script, out, err)
		}
	}
	return m
}

func writeLines(t *testing.T, path string, recs []any) {
	t.Helper()
	var b strings.Builder
	for _, r := range recs {
		line, _ := json.Marshal(r)
		b.Write(append(line, '\n'))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func agree(t *testing.T, what string, ours float64, theirs any) {
	t.Helper()
	if f, ok := theirs.(float64); !ok || !near(ours, f) {
		t.Errorf("%s: ours %.9f, the reference scorer's %v", what, ours, theirs)
	}
}

// A random clustering of 300 articles of 40 events, some left out.
func TestClusterScoresAgreeWithTheReference(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	gold, pred := map[string]string{}, map[string]string{}
	var g, p []any
	for i := range 300 {
		id := fmt.Sprintf("a%03d", i)
		gold[id] = fmt.Sprintf("t%d_e%d", i%20, i%40)
		g = append(g, map[string]string{"id": id, "cluster": gold[id]})
		if r.IntN(10) > 0 {
			pred[id] = fmt.Sprintf("s%d", r.IntN(50))
			p = append(p, map[string]string{"id": id, "cluster": pred[id]})
		}
	}
	dir := t.TempDir()
	writeLines(t, filepath.Join(dir, "gold.jsonl"), g)
	writeLines(t, filepath.Join(dir, "pred.jsonl"), p)
	ref := reference(t, "score_cluster.py", filepath.Join(dir, "gold.jsonl"), filepath.Join(dir, "pred.jsonl"))
	s := ScoreClusters(gold, pred)
	agree(t, "pairwise P", s.PairP, ref["pair_p"])
	agree(t, "pairwise R", s.PairR, ref["pair_r"])
	agree(t, "pairwise F1", s.PairF1, ref["pair_f1"])
	agree(t, "BCubed P", s.B3P, ref["b3_p"])
	agree(t, "BCubed R", s.B3R, ref["b3_r"])
	agree(t, "BCubed F1", s.B3F1, ref["b3_f1"])
}

// Pages with Unicode words, empty predictions, exact matches and texts of
// one to three tokens.
func TestExtractionScoresAgreeWithTheReference(t *testing.T) {
	gold := map[string]map[string]string{}
	pred := map[string]map[string]string{}
	var counts []PageCounts
	bodies := []string{"Ünï côdé words here now and then", "one two", "a b c d e f g h i j", "Schüler lernen Mathe in der Schule", "x"}
	for i := range 25 {
		id := fmt.Sprintf("p%02d", i)
		g := bodies[i%len(bodies)]
		w := strings.Fields(g)
		var p string
		switch i % 4 {
		case 0:
			p = g
		case 1:
			p = strings.Join(w[:max(1, len(w)/2)], " ")
		case 2:
			p = ""
		default:
			p = g + " extra words at the end"
		}
		gold[id] = map[string]string{"articleBody": g, "url": "https://x.example/" + id}
		pred[id] = map[string]string{"articleBody": p}
		counts = append(counts, ScorePage(g, p))
	}
	dir := t.TempDir()
	for name, v := range map[string]any{"gt.json": gold, "pred.json": pred} {
		b, _ := json.Marshal(v)
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	ref := reference(t, "score_extraction.py", filepath.Join(dir, "gt.json"), filepath.Join(dir, "pred.json"))
	s := Aggregate(counts)
	agree(t, "precision", s.Precision, ref["precision"])
	agree(t, "recall", s.Recall, ref["recall"])
	agree(t, "F1", s.F1, ref["f1"])
	agree(t, "accuracy", s.Accuracy, ref["accuracy"])
}

// A CoNLL file with gold tags and predicted tags (IOB1 and IOB2 mixed).
func TestNERScoresAgreeWithTheReference(t *testing.T) {
	lines := []string{
		"-DOCSTART- -X- -X- O O", "",
		"Marco NNP B-NP I-PER B-PER", "Rubio NNP I-NP I-PER I-PER", "met VBD B-VP O O", "Umerov NNP B-NP I-PER B-ORG", "in IN B-PP O O", "Florida NNP B-NP I-LOC B-LOC", ". . O O O", "",
		"The DT B-NP O O", "Wall NNP I-NP I-ORG B-ORG", "Street NNP I-NP I-ORG I-ORG", "Journal NNP I-NP I-ORG O", "said VBD B-VP O O", "so RB O O B-MISC", "", "",
	}
	dir := t.TempDir()
	predPath := filepath.Join(dir, "pred.conll")
	os.WriteFile(predPath, []byte(strings.Join(lines, "\n")), 0o644)
	// Gold and predicted files for our reader: the predicted column moved
	// into the gold one's place.
	var goldLines, predLines []string
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) < 5 {
			goldLines, predLines = append(goldLines, l), append(predLines, l)
			continue
		}
		goldLines = append(goldLines, strings.Join(f[:4], " "))
		predLines = append(predLines, strings.Join(append(f[:3:3], f[4]), " "))
	}
	os.WriteFile(filepath.Join(dir, "gold"), []byte(strings.Join(goldLines, "\n")), 0o644)
	os.WriteFile(filepath.Join(dir, "p"), []byte(strings.Join(predLines, "\n")), 0o644)
	g, err := ner.ReadCoNLL(filepath.Join(dir, "gold"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := ner.ReadCoNLL(filepath.Join(dir, "p"))
	if err != nil {
		t.Fatal(err)
	}
	var c NERCounter
	for d := range g.Docs {
		for i := range g.Docs[d] {
			c.Add(g.Docs[d][i].Spans, p.Docs[d][i].Spans)
		}
	}
	ref := reference(t, "score_ner.py", predPath)
	s := c.Score()
	agree(t, "precision", s.P, ref["p"])
	agree(t, "recall", s.R, ref["r"])
	agree(t, "F1", s.F1, ref["f1"])
}

// Two articles of PolNeAR-style gold and a prediction file.
func TestQuoteScoresAgreeWithTheReference(t *testing.T) {
	type span struct {
		Start int `json:"start"`
		End   int `json:"end"`
	}
	text1 := `“We will win,” she said. He called it “a farce”. “No,” said Ann, “never.”`
	text2 := `The mayor said: “Roads close at noon.” Residents were told to stay home.`
	r1, r2 := []rune(text1), []rune(text2)
	at := func(rs []rune, s string) int { return indexRunes(rs, []rune(s)) }
	quote := func(rs []rune, content, source string, frags ...string) map[string]any {
		c := map[string]any{"start": at(rs, content), "end": at(rs, content) + len([]rune(content))}
		var fs []span
		for _, f := range frags {
			fs = append(fs, span{at(rs, f), at(rs, f) + len([]rune(f))})
		}
		if len(fs) > 0 {
			c["fragments"] = fs
			c["start"], c["end"] = fs[0].Start, fs[len(fs)-1].End
		}
		src := map[string]any{"text": source, "start": at(rs, source), "end": at(rs, source) + len([]rune(source))}
		return map[string]any{"direct": true, "content": c, "source": src}
	}
	gold := []any{
		map[string]any{"id": "a1", "text": text1, "attributions": []any{
			quote(r1, "We will win,", "she"), quote(r1, "a farce", "He"), quote(r1, "No,", "Ann", "No,", "never."),
		}},
		map[string]any{"id": "a2", "text": text2, "attributions": []any{quote(r2, "Roads close at noon.", "The mayor")}},
	}
	pred := []any{
		map[string]any{"id": "a1", "quotes": []any{
			map[string]any{"start": at(r1, "“We"), "end": at(r1, "” she") + 1, "speaker": "she"},
			map[string]any{"start": at(r1, "farce"), "end": at(r1, "farce") + 5, "speaker": nil},
			map[string]any{"start": at(r1, "No,"), "end": at(r1, "No,") + 3, "speaker": "Ann"},
			map[string]any{"start": at(r1, "never."), "end": at(r1, "never.") + 6, "speaker": "Ann"},
		}},
		map[string]any{"id": "a2", "quotes": []any{map[string]any{"start": at(r2, "Roads"), "end": at(r2, "noon.") + 5, "speaker": "mayor"}}},
	}
	dir := t.TempDir()
	writeLines(t, filepath.Join(dir, "gold.jsonl"), gold)
	writeLines(t, filepath.Join(dir, "pred.jsonl"), pred)
	ref := reference(t, "score_quotes.py", filepath.Join(dir, "gold.jsonl"), filepath.Join(dir, "pred.jsonl"))
	// Ours, from the same files.
	var c QuoteCounter
	var arts []PolnearArticle
	EachJSONLine(filepath.Join(dir, "gold.jsonl"), func(b []byte) error {
		var a PolnearArticle
		err := json.Unmarshal(b, &a)
		arts = append(arts, a)
		return err
	})
	preds := map[string][]PredQuote{}
	EachJSONLine(filepath.Join(dir, "pred.jsonl"), func(b []byte) error {
		var p struct {
			ID     string `json:"id"`
			Quotes []struct {
				Start, End int
				Speaker    *string
			} `json:"quotes"`
		}
		err := json.Unmarshal(b, &p)
		for _, q := range p.Quotes {
			pq := PredQuote{Start: q.Start, End: q.End}
			if q.Speaker != nil {
				pq.Speaker = *q.Speaker
			}
			preds[p.ID] = append(preds[p.ID], pq)
		}
		return err
	})
	for i := range arts {
		c.Add([]rune(arts[i].Text), arts[i].GoldQuotes(), preds[arts[i].ID])
	}
	s := c.Score()
	strict, _ := ref["strict"].(map[string]any)
	lenient, _ := ref["lenient"].(map[string]any)
	agree(t, "strict P", s.SP, strict["p"])
	agree(t, "strict R", s.SR, strict["r"])
	agree(t, "strict F1", s.SF1, strict["f1"])
	agree(t, "lenient P", s.LP, lenient["p"])
	agree(t, "lenient R", s.LR, lenient["r"])
	agree(t, "lenient F1", s.LF1, lenient["f1"])
	agree(t, "speaker accuracy", s.SpeakerAcc, ref["speaker_accuracy"])
}

// Reports of six BASIL events, scored here and by the reference scorer:
// the same lines.
func TestCompareScoresAgreeWithTheReference(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	data, gold := "../../../shared/data/basil-dev.jsonl.gz", "../../../shared/data/basil-compare-dev.jsonl"
	if _, err := os.Stat(gold); err != nil {
		t.Skip("no comparison gold beside the repository")
	}
	golds, err := readCompareGold(gold)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, g := range golds[:6] {
		want[g.EventID] = true
	}
	dir := t.TempDir()
	reports := filepath.Join(dir, "reports")
	os.Mkdir(reports, 0o755)
	tally := CompareTally{}
	err = EachJSONLine(data, func(b []byte) error {
		var ev BasilEvent
		if err := json.Unmarshal(b, &ev); err != nil || !want[ev.EventID] {
			return err
		}
		rep, err := EventReport(context.Background(), &ev, filepath.Join(dir, ev.EventID))
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(reports, ev.EventID+".json"), rep, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	var sub strings.Builder
	for _, g := range golds[:6] {
		rep, err := os.ReadFile(filepath.Join(reports, g.EventID+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := tally.Add(g, rep); err != nil {
			t.Fatal(err)
		}
		line, _ := json.Marshal(g)
		sub.Write(append(line, '\n'))
	}
	goldSix := filepath.Join(dir, "gold.jsonl")
	os.WriteFile(goldSix, []byte(sub.String()), 0o644)
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed")
	}
	out, err := exec.Command("python3", filepath.Join(scorers, "score_compare.py"), goldSix, reports).Output()
	if err != nil {
		t.Fatal(err)
	}
	var ours strings.Builder
	tally.Write(&ours, 0)
	if ours.String() != string(out) {
		t.Errorf("ours:\n%s\nthe reference scorer's:\n%s", ours.String(), out)
	}
}
