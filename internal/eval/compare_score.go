package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// This file scores story reports against the fact-checker's gold of
// basil-compare-dev.jsonl exactly as ../shared/scorers/score_compare.py
// does (its docstring defines the measures; README-compare.md the data).

// CompareGold is one event of the comparison gold.
type CompareGold struct {
	EventID       string `json:"event_id"`
	Discrepancies []struct {
		Type    string     `json:"type"`
		Verdict string     `json:"verdict"`
		What    string     `json:"what"`
		Sides   []GoldSide `json:"sides"`
	} `json:"discrepancies"`
	Shared []struct {
		Fact      string     `json:"fact"`
		CarriedBy []GoldSide `json:"carried_by"`
	} `json:"shared"`
	Unique []struct {
		Source string `json:"source"`
		Fact   string `json:"fact"`
		Text   string `json:"text"`
	} `json:"unique"`
	Quotes []struct {
		Source  string `json:"source"`
		Text    string `json:"text"`
		Speaker string `json:"speaker"`
	} `json:"quotes"`
}

// GoldSide is one outlet's text of a gold item.
type GoldSide struct {
	Source string `json:"source"`
	Text   string `json:"text"`
}

// CompareTally holds the scorer's counts, summed over events.
type CompareTally map[string]int

// onlyTop is how much of each outlet's "only in" list the scorer reads.
const onlyTop = 8

// pspan is a located span: article id and code-point offsets.
type pspan struct {
	aid        string
	start, end int
}

// scoreEvent is the report of one event as the scorer reads it.
type scoreEvent struct {
	ok       bool
	story    map[string]any
	texts    map[string][]rune
	outlet   map[string]string
	byOutlet map[string]string
}

func newScoreEvent(report map[string]any) *scoreEvent {
	ev := &scoreEvent{texts: map[string][]rune{}, outlet: map[string]string{}, byOutlet: map[string]string{}, story: map[string]any{}}
	stories, _ := report["stories"].([]any)
	ev.ok = len(stories) == 1
	if len(stories) > 0 {
		ev.story, _ = stories[0].(map[string]any)
	}
	for _, s := range stories {
		st, _ := s.(map[string]any)
		arts, _ := st["articles"].([]any)
		for _, a := range arts {
			am, _ := a.(map[string]any)
			id, _ := am["id"].(string)
			text, _ := am["text"].(string)
			outlet, _ := am["outlet"].(string)
			ev.texts[id] = []rune(text)
			ev.outlet[id] = outlet
			ev.byOutlet[outlet] = id // the last article of an outlet, as the scorer's dict keeps
		}
	}
	return ev
}

// normWS folds white space as the scorer does (Python's \s is Unicode).
func normWS(s []rune) []rune {
	var out []rune
	inSpace := false
	for _, r := range s {
		if unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f {
			if !inSpace {
				out = append(out, ' ')
			}
			inSpace = true
			continue
		}
		inSpace = false
		out = append(out, r)
	}
	return out
}

func runeIndex(s, sub []rune) int {
	if len(sub) == 0 {
		return 0
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i] == sub[0] && string(s[i:i+len(sub)]) == string(sub) {
			return i
		}
	}
	return -1
}

// locate finds a gold text in its outlet's article.
func (ev *scoreEvent) locate(source, text string) *pspan {
	aid, ok := ev.byOutlet[source]
	if !ok {
		return nil
	}
	t, x := ev.texts[aid], []rune(text)
	if i := runeIndex(t, x); i >= 0 {
		return &pspan{aid, i, i + len(x)}
	}
	nt, nx := normWS(t), normWS(x)
	if i := runeIndex(nt, nx); i >= 0 {
		return &pspan{aid, i, i + len(nx)}
	}
	return nil
}

// spansOf collects the citations in an item, as the scorer's walk does.
func spansOf(item any) []map[string]any {
	var out []map[string]any
	var walk func(any)
	walk = func(x any) {
		switch v := x.(type) {
		case map[string]any:
			_, a := v["article_id"]
			_, s := v["start"]
			_, e := v["end"]
			if a && s && e {
				out = append(out, v)
				return
			}
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	walk(item)
	return out
}

func (ev *scoreEvent) sp(s map[string]any) *pspan {
	if in, _ := s["in"].(string); in == "raw" {
		return nil
	}
	aid, _ := s["article_id"].(string)
	start, _ := s["start"].(float64)
	end, _ := s["end"].(float64)
	return &pspan{aid, int(start), int(end)}
}

func (ev *scoreEvent) src(s map[string]any) (string, bool) {
	aid, _ := s["article_id"].(string)
	o, ok := ev.outlet[aid]
	return o, ok
}

func overlaps(a, b *pspan) bool {
	if a == nil || b == nil || a.aid != b.aid {
		return false
	}
	o := min(a.end, b.end) - max(a.start, b.start)
	return o > 0 && float64(o) >= 0.5*float64(min(a.end-a.start, b.end-b.start))
}

type locatedSide struct {
	source string
	at     *pspan
}

// matchesSides reports whether spans from two outlets match two sides of
// a gold item.
func (ev *scoreEvent) matchesSides(spans []map[string]any, sides []locatedSide) bool {
	hit := map[string]bool{}
	for _, s := range spans {
		k := ev.sp(s)
		o, known := ev.src(s)
		for _, g := range sides {
			if known && g.source == o && overlaps(k, g.at) {
				hit[o] = true
			}
		}
	}
	return len(hit) >= 2
}

func list(m map[string]any, key string) []any {
	l, _ := m[key].([]any)
	return l
}

// nameTokens are a name's words as the scorer compares speakers.
func nameTokens(n string) []string {
	var out []string
	for _, w := range strings.Fields(n) {
		var b strings.Builder
		for _, r := range strings.ToLower(w) {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		t := b.String()
		switch t {
		case "", "the", "of", "jr", "sr", "mr", "mrs", "ms", "dr":
			continue
		}
		out = append(out, t)
	}
	return out
}

// sameSpeaker: the last name-word of either is among the other's.
func sameSpeaker(pred, gold string) bool {
	p, g := nameTokens(pred), nameTokens(gold)
	if len(p) == 0 || len(g) == 0 {
		return false
	}
	has := func(xs []string, x string) bool {
		for _, y := range xs {
			if y == x {
				return true
			}
		}
		return false
	}
	return has(g, p[len(p)-1]) || has(p, g[len(g)-1])
}

// Add scores one event's report (the JSON of `parallax report --format
// json`) against its gold.
func (t CompareTally) Add(g *CompareGold, reportJSON []byte) error {
	var report map[string]any
	if err := json.Unmarshal(reportJSON, &report); err != nil {
		return fmt.Errorf("report of %s: %w", g.EventID, err)
	}
	ev := newScoreEvent(report)
	t["events"]++
	if !ev.ok {
		t["not_one_story"]++
	}
	st := ev.story
	loc := func(source, text string) locatedSide { return locatedSide{source, ev.locate(source, text)} }
	sidesOf := func(ss []GoldSide) []locatedSide {
		var out []locatedSide
		for _, s := range ss {
			out = append(out, loc(s.Source, s.Text))
		}
		return out
	}
	var gconf, gcomp, gshared [][]locatedSide
	for _, d := range g.Discrepancies {
		switch d.Verdict {
		case "conflict":
			gconf = append(gconf, sidesOf(d.Sides))
		case "compatible":
			gcomp = append(gcomp, sidesOf(d.Sides))
		}
	}
	for _, f := range g.Shared {
		gshared = append(gshared, sidesOf(f.CarriedBy))
	}
	for _, l := range [][][]locatedSide{gconf, gcomp, gshared} {
		for _, sides := range l {
			t["gold_sides"] += len(sides)
			for _, s := range sides {
				if s.at == nil {
					t["gold_unlocated"]++
				}
			}
		}
	}
	// Conflicts.
	var predicted [][]map[string]any
	for _, c := range list(st, "conflicts") {
		cm, _ := c.(map[string]any)
		if v, _ := cm["verdict"].(string); v != "conflict" && v != "unclear" {
			continue
		}
		var vs []map[string]any
		for _, v := range list(cm, "values") {
			vs = append(vs, spansOf(v)...)
		}
		predicted = append(predicted, vs)
	}
	found := map[int]bool{}
	right := 0
	for _, vs := range predicted {
		ok := false
		for i, gs := range gconf {
			if ev.matchesSides(vs, gs) {
				found[i], ok = true, true
			}
		}
		if ok {
			right++
		}
		for _, gs := range gcomp {
			if ev.matchesSides(vs, gs) {
				t["conf_on_compatible"]++
				break
			}
		}
	}
	t["conf_pred"] += len(predicted)
	t["conf_right"] += right
	t["conf_gold"] += len(gconf)
	t["conf_found"] += len(found)
	// Shared facts.
	found, right = map[int]bool{}, 0
	facts := list(st, "shared_facts")
	for _, f := range facts {
		fm, _ := f.(map[string]any)
		var ss []map[string]any
		for _, c := range list(fm, "sentences") {
			ss = append(ss, spansOf(c)...)
		}
		ok := false
		for i, gs := range gshared {
			if ev.matchesSides(ss, gs) {
				found[i], ok = true, true
			}
		}
		if ok {
			right++
		}
	}
	t["shared_pred"] += len(facts)
	t["shared_right"] += right
	t["shared_gold"] += len(gshared)
	t["shared_found"] += len(found)
	// A span of a gold shared fact's side of the same outlet.
	onSharedSide := func(ss []map[string]any) bool {
		for _, s := range ss {
			o, known := ev.src(s)
			for _, sides := range gshared {
				for _, g := range sides {
					if known && g.source == o && overlaps(ev.sp(s), g.at) {
						return true
					}
				}
			}
		}
		return false
	}
	// Only in one report, and left out.
	var guniq []locatedSide
	for _, u := range g.Unique {
		guniq = append(guniq, loc(u.Source, u.Text))
	}
	ufound := map[int]bool{}
	for _, of := range list(st, "unique_facts") {
		om, _ := of.(map[string]any)
		only := list(om, "only")
		if len(only) > onlyTop {
			only = only[:onlyTop]
		}
		for _, item := range only {
			ss := spansOf(item)
			t["only_pred"]++
			if onSharedSide(ss) {
				t["only_wrong"]++
			}
			for i, u := range guniq {
				for _, s := range ss {
					if o, known := ev.src(s); known && u.source == o && overlaps(ev.sp(s), u.at) {
						ufound[i] = true
					}
				}
			}
		}
		x, _ := om["outlet"].(string)
		for _, item := range list(om, "left_out") {
			ss := spansOf(item)
			t["left_pred"]++
			wrong := false
			for _, sides := range gshared {
				carried := false
				for _, g := range sides {
					carried = carried || g.source == x
				}
				if !carried {
					continue
				}
				for _, s := range ss {
					for _, g := range sides {
						wrong = wrong || overlaps(ev.sp(s), g.at)
					}
				}
			}
			if wrong {
				t["left_wrong"]++
			}
		}
	}
	t["uniq_gold"] += len(guniq)
	t["uniq_found"] += len(ufound)
	// Quotes and speakers.
	type goldQuote struct {
		side    locatedSide
		speaker string
	}
	var gq []goldQuote
	for _, q := range g.Quotes {
		if !strings.HasPrefix(q.Speaker, "unnamed") {
			gq = append(gq, goldQuote{loc(q.Source, q.Text), q.Speaker})
		}
	}
	qfound := map[int]bool{}
	for _, grp := range list(st, "quotes") {
		gm, _ := grp.(map[string]any)
		for _, w := range list(gm, "wordings") {
			wm, _ := w.(map[string]any)
			sps := spansOf(wm["spans"])
			spk, _ := wm["speaker"].(string)
			if spk == "" {
				spk, _ = gm["speaker"].(string)
			}
			spk = strings.TrimSpace(spk)
			for i, q := range gq {
				hit := false
				for _, s := range sps {
					if o, known := ev.src(s); known && q.side.source == o && overlaps(ev.sp(s), q.side.at) {
						hit = true
					}
				}
				if !hit || qfound[i] {
					continue
				}
				qfound[i] = true
				t["spk_matched"]++
				if sameSpeaker(spk, q.speaker) {
					t["spk_right"]++
				}
			}
		}
	}
	t["quote_gold"] += len(gq)
	t["quote_found"] += len(qfound)
	// Summary.
	for _, item := range list(st, "summary") {
		t["sum_pred"]++
		if onSharedSide(spansOf(item)) {
			t["sum_shared"]++
		}
	}
	return nil
}

func (t CompareTally) ratio(a, b string) float64 {
	if t[b] == 0 {
		if t[a] == 0 {
			return 1
		}
		return 0
	}
	return float64(t[a]) / float64(t[b])
}

func f1of(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// CompareScore is the scorer's measures.
type CompareScore struct {
	ConflictP, ConflictR, SharedP, SharedR float64
	OnlyWrong, UniqueFound, LeftWrong      float64
	SpeakersRight, QuotesFound, Summary    float64
	SharedF1                               float64
	Events, OneStory                       int
}

// Score returns the measures.
func (t CompareTally) Score() CompareScore {
	return CompareScore{
		ConflictP: t.ratio("conf_right", "conf_pred"), ConflictR: t.ratio("conf_found", "conf_gold"),
		SharedP: t.ratio("shared_right", "shared_pred"), SharedR: t.ratio("shared_found", "shared_gold"),
		OnlyWrong: t.ratio("only_wrong", "only_pred"), UniqueFound: t.ratio("uniq_found", "uniq_gold"),
		LeftWrong: t.ratio("left_wrong", "left_pred"), SpeakersRight: t.ratio("spk_right", "spk_matched"),
		QuotesFound: t.ratio("quote_found", "quote_gold"), Summary: t.ratio("sum_shared", "sum_pred"),
		SharedF1: f1of(t.ratio("shared_right", "shared_pred"), t.ratio("shared_found", "shared_gold")),
		Events:   t["events"], OneStory: t["events"] - t["not_one_story"],
	}
}

// Write prints the measures as the scorer prints them, line for line.
func (t CompareTally) Write(w io.Writer, missing int) {
	s := t.Score()
	fmt.Fprintf(w, "events %d (missing reports %d, not one story %d); gold sides not found in report texts: %d/%d\n",
		t["events"], missing, t["not_one_story"], t["gold_unlocated"], t["gold_sides"])
	fmt.Fprintf(w, "conflicts   P %.3f (%d/%d)  R %.3f (%d/%d)  F1 %.3f  compatible called conflict %d\n",
		s.ConflictP, t["conf_right"], t["conf_pred"], s.ConflictR, t["conf_found"], t["conf_gold"], f1of(s.ConflictP, s.ConflictR), t["conf_on_compatible"])
	fmt.Fprintf(w, "shared      P %.3f (%d/%d)  R %.3f (%d/%d)  F1 %.3f\n",
		s.SharedP, t["shared_right"], t["shared_pred"], s.SharedR, t["shared_found"], t["shared_gold"], f1of(s.SharedP, s.SharedR))
	fmt.Fprintf(w, "only        wrong %.3f (%d/%d, %.1f per event)  gold unique found %.3f (%d/%d)\n",
		s.OnlyWrong, t["only_wrong"], t["only_pred"], float64(t["only_pred"])/float64(max(1, t["events"])), s.UniqueFound, t["uniq_found"], t["uniq_gold"])
	fmt.Fprintf(w, "left_out    wrong %.3f (%d/%d)\n", s.LeftWrong, t["left_wrong"], t["left_pred"])
	fmt.Fprintf(w, "speakers    right %.3f (%d/%d)  gold quotes found %.3f (%d/%d)\n",
		s.SpeakersRight, t["spk_right"], t["spk_matched"], s.QuotesFound, t["quote_found"], t["quote_gold"])
	fmt.Fprintf(w, "summary     states a shared fact %.3f (%d/%d)\n", s.Summary, t["sum_shared"], t["sum_pred"])
	fmt.Fprintf(w, "%.4f\n", f1of(s.ConflictP, s.ConflictR))
}
