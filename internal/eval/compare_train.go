package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
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
		rs.Reports = append(rs.Reports, compare.BuildWith(s.id, s.arts, s.copies, compare.Options{Align: m}))
	}
	return reportsJSON(rs)
}

// examples labels the event's candidate sentence pairs: a pair is
// positive when its sentences hold the two outlets' texts of one gold
// shared fact or discrepancy (a discrepancy is one claim told two ways).
func (ce *compareEvent) examples() []learn.Example {
	type located struct {
		outlet string
		span   text.Span
	}
	texts := map[string]string{}
	outlet := map[string]string{}
	for _, a := range ce.all.arts {
		texts[a.ID], outlet[a.ID] = a.Doc.Text, a.Outlet
	}
	byOutlet := map[string]string{}
	for id, o := range outlet {
		byOutlet[o] = id
	}
	var groups [][]located
	add := func(sides []GoldSide) {
		var g []located
		for _, s := range sides {
			id, ok := byOutlet[s.Source]
			if !ok {
				continue
			}
			if i := strings.Index(texts[id], s.Text); i >= 0 {
				g = append(g, located{s.Source, text.Span{Start: i, End: i + len(s.Text)}})
			}
		}
		groups = append(groups, g)
	}
	for _, f := range ce.gold.Shared {
		add(f.CarriedBy)
	}
	for _, d := range ce.gold.Discrepancies {
		add(d.Sides)
	}
	holds := func(g []located, o string, sp text.Span) bool {
		for _, l := range g {
			if l.outlet == o && halfOverlap(l.span, sp) {
				return true
			}
		}
		return false
	}
	var out []learn.Example
	for _, c := range compare.Candidates(ce.all.arts, ce.all.copies) {
		y := false
		for _, g := range groups {
			if holds(g, outlet[c.A], c.ASpan) && holds(g, outlet[c.B], c.BSpan) {
				y = true
				break
			}
		}
		out = append(out, learn.Example{X: c.X, Y: y})
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

// fitCompare fits the alignment model on events and chooses its two
// thresholds on them: the alignment threshold for the best shared-fact
// F1, then the "carried elsewhere" threshold for the fewest wrong "only
// in" and "left out" items against gold unique facts found.
func fitCompare(events []*compareEvent, note string) (compare.AlignModel, error) {
	var ex []learn.Example
	for _, ce := range events {
		ex = append(ex, ce.examples()...)
	}
	m := compare.FitAlign(ex, note)
	best := -1.0
	for th := 0.1; th <= 0.801; th += 0.05 {
		c := m
		c.Threshold, c.Elsewhere = th, th
		t, err := tally(events, &c)
		if err != nil {
			return m, err
		}
		if f := t.Score().SharedF1; f > best {
			best, m.Threshold = f, th
		}
	}
	best = -1
	for el := 0.05; el <= m.Threshold+0.001; el += 0.05 {
		c := m
		c.Elsewhere = el
		t, err := tally(events, &c)
		if err != nil {
			return m, err
		}
		s := t.Score()
		if v := s.UniqueFound - s.OnlyWrong - s.LeftWrong; v > best {
			best, m.Elsewhere = v, el
		}
	}
	best = -1
	for cmp := 0.3; cmp <= 0.951; cmp += 0.05 {
		c := m
		c.Compare = cmp
		t, err := tally(events, &c)
		if err != nil {
			return m, err
		}
		s := t.Score()
		if v := f1of(s.ConflictP, s.ConflictR); v > best {
			best, m.Compare = v, cmp
		}
	}
	return m, nil
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
	fmt.Fprintf(w, "model: threshold %.2f, elsewhere %.2f, compare %.2f\n", m.Threshold, m.Elsewhere, m.Compare)
	return compare.SaveAlignModel(out, m)
}
