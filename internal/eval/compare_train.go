package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/learn"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/text"
)

// compareEvent is one BASIL event read through the engine: its stories'
// inputs as the report reads them, all its articles together (for
// training, whatever the clustering did) and its gold.
type compareEvent struct {
	id      string
	stories []storyInput
	all     storyInput
	gold    *CompareGold
}

type storyInput struct {
	id     string
	arts   []compare.Article
	copies []dedup.CopyLink
}

// loadCompareEvents runs every event of data that has a gold line through
// the engine, each into a fresh store.
func loadCompareEvents(ctx context.Context, data, gold string) ([]*compareEvent, error) {
	golds, err := readCompareGold(gold)
	if err != nil {
		return nil, err
	}
	byID := map[string]*CompareGold{}
	for _, g := range golds {
		byID[g.EventID] = g
	}
	work, err := os.MkdirTemp("", "parallax-compare-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	var out []*compareEvent
	err = EachJSONLine(data, func(b []byte) error {
		var ev BasilEvent
		if err := json.Unmarshal(b, &ev); err != nil {
			return err
		}
		g := byID[ev.EventID]
		if g == nil {
			return nil
		}
		ce, err := readEvent(ctx, &ev, filepath.Join(work, ev.EventID))
		if err != nil {
			return fmt.Errorf("event %s: %w", ev.EventID, err)
		}
		ce.gold = g
		out = append(out, ce)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out, err
}

// readEvent ingests an event's articles as EventReport does and reads
// back what its reports are built from.
func readEvent(ctx context.Context, ev *BasilEvent, dir string) (*compareEvent, error) {
	ce := &compareEvent{id: ev.EventID}
	err := withEvent(ctx, ev, dir, func(e *engine.Engine, stories, articles []string) error {
		for _, id := range stories {
			_, list, err := e.Store.Story(ctx, id)
			if err != nil {
				return err
			}
			arts, copies, err := e.CompareInputs(ctx, list)
			if err != nil {
				return err
			}
			ce.stories = append(ce.stories, storyInput{id: id, arts: arts, copies: copies})
		}
		list, err := e.Store.Articles(ctx, store.ArticleQuery{IDs: articles})
		if err != nil {
			return err
		}
		ce.all.arts, ce.all.copies, err = e.CompareInputs(ctx, list)
		return err
	})
	return ce, err
}

// report builds the event's JSON report with an alignment model, as
// `parallax report --format json` prints it.
func (ce *compareEvent) report(m *compare.AlignModel) ([]byte, error) {
	rs := &compare.Reports{Reports: []*compare.Report{}}
	for _, s := range ce.stories {
		st, err := compare.BuildWith(context.Background(), s.id, s.arts, s.copies, compare.Options{Align: m})
		if err != nil {
			return nil, err
		}
		rs.Reports = append(rs.Reports, st)
	}
	return reportsJSON(rs)
}

// located is a gold text found in an article: its outlet and span.
type located struct {
	outlet string
	span   text.Span
}

// goldLocated finds the event's gold texts in its articles: each shared
// fact's and discrepancy's sides (a discrepancy is one claim told two
// ways), and the unique facts.
func (ce *compareEvent) goldLocated() (claims [][]located, unique []located) {
	texts := map[string]string{}
	for _, a := range ce.all.arts {
		texts[a.Outlet] = a.Doc.Text
	}
	find := func(source, s string) (located, bool) {
		if i := strings.Index(texts[source], s); i >= 0 {
			return located{source, text.Span{Start: i, End: i + len(s)}}, true
		}
		return located{}, false
	}
	add := func(sides []GoldSide) {
		var g []located
		for _, s := range sides {
			if l, ok := find(s.Source, s.Text); ok {
				g = append(g, l)
			}
		}
		claims = append(claims, g)
	}
	for _, f := range ce.gold.Shared {
		add(f.CarriedBy)
	}
	for _, d := range ce.gold.Discrepancies {
		add(d.Sides)
	}
	for _, u := range ce.gold.Unique {
		if l, ok := find(u.Source, u.Text); ok {
			unique = append(unique, l)
		}
	}
	return claims, unique
}

// holds reports whether a gold claim has a side in outlet o that a span
// holds (the scorer's overlap).
func holds(g []located, o string, sp text.Span) bool {
	for _, l := range g {
		if l.outlet == o && halfOverlap(l.span, sp) {
			return true
		}
	}
	return false
}

// examples labels the event's candidate sentence pairs: a pair is
// positive when its sentences hold the two outlets' sides of one gold
// claim.
func (ce *compareEvent) examples() []learn.Example {
	claims, _ := ce.goldLocated()
	outlet := ce.outlets()
	var out []learn.Example
	for _, c := range compare.Candidates(ce.all.arts, ce.all.copies) {
		y := false
		for _, g := range claims {
			if holds(g, outlet[c.A], c.ASpan) && holds(g, outlet[c.B], c.BSpan) {
				y = true
				break
			}
		}
		out = append(out, learn.Example{X: c.X, Y: y})
	}
	return out
}

// sentenceExamples labels the event's sentences for the carried and
// newsworthiness models, read with alignment model m: "report Y carries
// s" is true when s holds its outlet's side of a gold claim Y's outlet
// has a side of; a sentence no gold claim holds is newsworthy when it
// holds a gold unique fact.
func (ce *compareEvent) sentenceExamples(m compare.AlignModel) (carried, news []learn.Example) {
	claims, unique := ce.goldLocated()
	outlet := ce.outlets()
	for _, ex := range compare.SentenceExamples(ce.all.arts, ce.all.copies, m) {
		o := outlet[ex.Article]
		shared := false
		for _, c := range ex.Carried {
			y := false
			for _, g := range claims {
				if holds(g, o, ex.Span) && holds(g, outlet[c.Other], textSpanAll) {
					y = true
					break
				}
			}
			shared = shared || y
			carried = append(carried, learn.Example{X: c.X, Y: y})
		}
		if !shared {
			news = append(news, learn.Example{X: ex.News, Y: holds(unique, o, ex.Span)})
		}
	}
	return carried, news
}

// textSpanAll covers any article: a claim has a side in an outlet when
// one of its sides overlaps it.
var textSpanAll = text.Span{Start: 0, End: 1 << 40}

// outlets maps the event's article ids to their outlets.
func (ce *compareEvent) outlets() map[string]string {
	out := map[string]string{}
	for _, a := range ce.all.arts {
		out[a.ID] = a.Outlet
	}
	return out
}

// halfOverlap says whether two spans overlap by at least half of the
// shorter, the scorer's test.
func halfOverlap(a, b text.Span) bool {
	o := min(a.End, b.End) - max(a.Start, b.Start)
	return o > 0 && 2*o >= min(a.Len(), b.Len())
}

// tally scores the events' reports built with a model.
func tally(events []*compareEvent, m *compare.AlignModel) (CompareTally, error) {
	t := CompareTally{}
	for _, ce := range events {
		rep, err := ce.report(m)
		if err != nil {
			return nil, err
		}
		if err := t.Add(ce.gold, rep); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// fitCompare fits the comparison models on events and chooses their
// thresholds on them: the alignment model and its threshold (the best
// shared-fact F1); the carried and newsworthiness models and the carried
// threshold (the most gold unique facts found for the fewest wrong "only
// in" and "left out" items); and the alignment at which values are
// compared (the best conflict F1).
func fitCompare(events []*compareEvent, note string) (compare.AlignModel, error) {
	var ex []learn.Example
	for _, ce := range events {
		ex = append(ex, ce.examples()...)
	}
	m := compare.FitAlign(ex, note)
	err := choose(events, &m, steps(0.1, 0.8), func(m *compare.AlignModel, v float64) { m.Threshold = v },
		func(s CompareScore) float64 { return s.SharedF1 })
	if err != nil {
		return m, err
	}
	var carried, news []learn.Example
	for _, ce := range events {
		c, n := ce.sentenceExamples(m)
		carried, news = append(carried, c...), append(news, n...)
	}
	compare.FitSentenceModels(&m, carried, news)
	err = choose(events, &m, steps(0.1, 0.9), func(m *compare.AlignModel, v float64) { m.Carry = v },
		func(s CompareScore) float64 { return s.UniqueFound - s.OnlyWrong - s.LeftWrong })
	if err != nil {
		return m, err
	}
	err = choose(events, &m, steps(0.3, 0.95), func(m *compare.AlignModel, v float64) { m.Compare = v },
		func(s CompareScore) float64 { return f1of(s.ConflictP, s.ConflictR) })
	return m, err
}

// steps lists from, from+0.05, … up to to.
func steps(from, to float64) []float64 {
	var out []float64
	for v := from; v <= to+0.001; v += 0.05 {
		out = append(out, math.Round(v*100)/100)
	}
	return out
}

// choose sets one threshold of m to the value, of values, whose reports
// on the events score best (the first of equals).
func choose(events []*compareEvent, m *compare.AlignModel, values []float64, set func(*compare.AlignModel, float64), score func(CompareScore) float64) error {
	best, bestV := math.Inf(-1), values[0]
	for _, v := range values {
		c := *m
		set(&c, v)
		t, err := tally(events, &c)
		if err != nil {
			return err
		}
		if s := score(t.Score()); s > best {
			best, bestV = s, v
		}
	}
	set(m, bestV)
	return nil
}

// CrossValidateCompare scores the compare gold by k-fold cross-validation
// over events: each fold's reports are built with a model fitted and
// tuned on the other folds only. It prints the scorer's lines for the
// pooled held-out reports.
func CrossValidateCompare(ctx context.Context, w io.Writer, data, gold string, k int) error {
	events, err := loadCompareEvents(ctx, data, gold)
	if err != nil {
		return err
	}
	t, err := crossValidateCompare(events, k)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d-fold cross-validation over %d events (folds by event)\n", k, len(events))
	t.Write(w, 0)
	return nil
}

func crossValidateCompare(events []*compareEvent, k int) (CompareTally, error) {
	total := CompareTally{}
	for fold := 0; fold < k; fold++ {
		var train, test []*compareEvent
		for i, ce := range events {
			if i%k == fold {
				test = append(test, ce)
			} else {
				train = append(train, ce)
			}
		}
		m, err := fitCompare(train, "")
		if err != nil {
			return nil, err
		}
		t, err := tally(test, &m)
		if err != nil {
			return nil, err
		}
		for key, v := range t {
			total[key] += v
		}
	}
	return total, nil
}

// TrainCompare fits the alignment model on every event of the gold,
// reports its k-fold cross-validated scores, and writes it to out.
func TrainCompare(ctx context.Context, w io.Writer, data, gold, out string, k int) error {
	events, err := loadCompareEvents(ctx, data, gold)
	if err != nil {
		return err
	}
	if k > 1 {
		t, err := crossValidateCompare(events, k)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%d-fold cross-validation over %d events (folds by event):\n", k, len(events))
		t.Write(w, 0)
	}
	note := fmt.Sprintf("logistic regression on the sentence pairs of %d events of %s (gold %s); thresholds chosen on the same events",
		len(events), filepath.Base(data), filepath.Base(gold))
	m, err := fitCompare(events, note)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "model: align at %.2f, carried at %.2f, values compared at %.2f\n", m.Threshold, m.Carry, m.Compare)
	return compare.SaveAlignModel(out, m)
}
