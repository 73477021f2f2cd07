package compare

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/timex"
	"github.com/parallax-news/parallax/internal/words"
)

// Article is one article of a story, as the comparison reads it.
type Article struct {
	ID, Outlet, URL, Raw string
	Doc                  *extract.Document
	Analysis             *nlp.Analysis
	// Published is the best known publication time.
	Published timex.Moment
	// Revisions are what changed in each revision after the first.
	Revisions []Revision
	// Listed marks an article of a large story that is listed but not
	// compared: only its id, outlet, headline and time were read (see
	// Representatives).
	Listed bool
}

// art is an article being compared.
type art struct {
	*Article
	idx   int
	cite  *text.Citer
	sents []*sentence
	// The spans of the analysis, indexed: mentions, places, times,
	// quantities, quotes and the roles of all entities.
	mentions, places, times, quants, quotes, roles *text.Index
	roleSpans                                      []text.Span
}

// index builds the article's span indexes, for the articles compared.
func (a *art) index() {
	an := a.Analysis
	a.mentions = text.NewIndex(text.SpansOf(an.Mentions, func(m *nlp.Mention) text.Span { return m.Span }))
	a.places = text.NewIndex(text.SpansOf(an.Places, func(p *nlp.Place) text.Span { return p.Mention }))
	a.times = text.NewIndex(text.SpansOf(an.Times, func(t *nlp.TimeExpr) text.Span { return t.Span }))
	a.quants = text.NewIndex(text.SpansOf(an.Quantities, func(q *nlp.Quantity) text.Span { return q.Span }))
	a.quotes = text.NewIndex(text.SpansOf(an.Quotes, func(q *nlp.QuoteInfo) text.Span { return q.Span }))
	a.roleSpans = nil
	for _, e := range an.Entities {
		for _, r := range e.Roles {
			a.roleSpans = append(a.roleSpans, r.Span)
		}
	}
	slices.SortStableFunc(a.roleSpans, func(x, y text.Span) int { return x.Start - y.Start })
	a.roles = text.NewIndex(a.roleSpans)
}

// Options tunes a comparison.
type Options struct {
	// Align decides which sentences state one fact; the zero value is
	// the shipped model.
	Align *AlignModel
}

// Build compares the articles of one story with the shipped models.
// Articles are taken in publication order (unknown times last).
func Build(storyID string, in []Article, copies []dedup.CopyLink) *Report {
	st, _ := BuildWith(context.Background(), storyID, in, copies, Options{})
	return st
}

// BuildWith compares the articles of one story with the given options.
// It returns ctx's error, and no report, soon after ctx ends: the
// report on one very long page takes a second, and a stopped run or a
// departed client should not wait for it.
func BuildWith(ctx context.Context, storyID string, in []Article, copies []dedup.CopyLink, opt Options) (*Report, error) {
	// Every article is listed, with its copies and whom it cites; the
	// sentence-by-sentence comparison reads a bounded set of them, so that
	// a story of thousands of reports still has a report of readable size.
	all := newBuilder(in, copies)
	all.setModel(opt)
	b := all
	st := &Report{ID: storyID}
	if len(all.arts) > MaxCompared {
		b = &builder{arts: compared(all.arts, copies), copies: copies, model: all.model}
		for _, a := range b.arts {
			st.Compared = append(st.Compared, a.ID)
		}
	}
	b.ctx = ctx
	b.sentences()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	b.align()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	st.Event = b.event()
	st.Articles = all.articlesOut(st.Event)
	st.SharedFacts = b.sharedFacts()
	st.Title = b.title()
	st.Quotes = b.quoteGroups()
	st.Conflicts = b.conflicts(st.Quotes)
	st.Unique = b.uniqueFacts()
	st.Copies = all.copiesOut()
	st.Attribution = all.chain()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	st.Timeline = b.timeline()
	st.Summary = b.summary()
	st.Updates = all.updates()
	markUpdates(st)
	return st, ctx.Err()
}

// newBuilder starts the comparison of articles, in publication order.
func newBuilder(in []Article, copies []dedup.CopyLink) *builder {
	arts := make([]*art, len(in))
	for i := range in {
		a := &in[i]
		if a.Analysis == nil {
			a.Analysis = &nlp.Analysis{}
		}
		arts[i] = &art{Article: a, cite: text.NewCiter(a.ID, a.Doc.Text, a.Raw)}
	}
	// Reports of one time are ordered by outlet, then id, so that the
	// comparison does not depend on the order the store lists them in.
	sort.SliceStable(arts, func(i, j int) bool {
		x, y := arts[i], arts[j]
		switch {
		case earlier(x.Published, y.Published):
			return true
		case earlier(y.Published, x.Published):
			return false
		case x.Outlet != y.Outlet:
			return x.Outlet < y.Outlet
		}
		return x.ID < y.ID
	})
	for i, a := range arts {
		a.idx = i
	}
	b := &builder{arts: arts, copies: copies}
	b.setModel(Options{})
	return b
}

var (
	shippedAlign     AlignModel
	shippedAlignOnce sync.Once
)

// setModel sets the alignment model the options name, else the shipped one.
func (b *builder) setModel(opt Options) {
	if opt.Align != nil {
		b.model = *opt.Align
		return
	}
	shippedAlignOnce.Do(func() { shippedAlign = DefaultAlignModel() })
	b.model = shippedAlign
}

// MaxCompared is how many of a story's articles its report compares
// sentence by sentence.
const MaxCompared = 30

// representatives picks at most n articles to compare, in publication
// order: the first report of each copy family (a copy says nothing its
// original does not), new outlets before more reports of the same one.
// Representatives returns the ids of the articles of a story that its
// report compares, when it has more than MaxCompared: a caller with a
// large story reads only those in full and passes the others Listed.
// Only ID, Outlet and Published of the articles are read.
func Representatives(in []Article, copies []dedup.CopyLink) []string {
	all := newBuilder(in, copies)
	var ids []string
	for _, a := range representatives(all.arts, copies, MaxCompared) {
		ids = append(ids, a.ID)
	}
	return ids
}

// compared returns the articles a large story's report compares: those
// read in full when the caller marked the others Listed, else the
// representatives.
func compared(arts []*art, copies []dedup.CopyLink) []*art {
	var full []*art
	for _, a := range arts {
		if !a.Listed {
			full = append(full, a)
		}
	}
	if len(full) == len(arts) || len(full) > MaxCompared {
		return representatives(arts, copies, MaxCompared)
	}
	return renumbered(full)
}

func representatives(arts []*art, copies []dedup.CopyLink, n int) []*art {
	copyOf := map[string]bool{}
	for _, c := range copies {
		if c.Relation != "shares passages" {
			copyOf[c.ArticleID] = true
		}
	}
	var picked []*art
	seenOutlet := map[string]bool{}
	for pass := 0; pass < 3 && len(picked) < n; pass++ {
		for _, a := range arts {
			if len(picked) == n {
				break
			}
			ok := pass == 2 || !copyOf[a.ID] && (pass == 1 || !seenOutlet[a.Outlet])
			if !ok || slices.Contains(picked, a) {
				continue
			}
			picked = append(picked, a)
			seenOutlet[a.Outlet] = true
		}
	}
	sort.SliceStable(picked, func(i, j int) bool { return picked[i].idx < picked[j].idx })
	return renumbered(picked)
}

// renumbered copies the articles numbered afresh, for a compared set.
func renumbered(arts []*art) []*art {
	out := make([]*art, len(arts))
	for i, a := range arts {
		c := *a
		c.idx = i
		out[i] = &c
	}
	return out
}

// builder holds the work of one comparison.
type builder struct {
	arts   []*art
	copies []dedup.CopyLink
	// facts are groups of aligned sentences, at most one per article.
	facts []*fact
	// wherePlace is the event's place per article (nil when unknown).
	venues []*nlp.Place
	// acronyms maps acronym keys to the full names' keys.
	acronyms map[string]string
	// model decides which sentences state one fact; pairProb holds its
	// probability for the pairs it scored.
	model    AlignModel
	pairProb map[[2]*sentence]float64
	// stemDF counts the sentences each content word is in, of nSents.
	stemDF map[string]int
	nSents int
	// ctx ends the comparison early; steps counts the checks of it.
	ctx   context.Context
	steps int
}

// stopped reports whether the comparison's context has ended, asking
// it once per 64 calls: a context's Err takes a lock.
func (b *builder) stopped() bool {
	if b.ctx == nil {
		return false
	}
	b.steps++
	return b.steps&63 == 0 && b.ctx.Err() != nil
}

func earlier(a, b timex.Moment) bool {
	switch {
	case a.IsZero():
		return false
	case b.IsZero():
		return true
	}
	return a.UTC.Before(b.UTC)
}

// outlets lists the outlets of the given articles, in article order,
// without repeats.
func (b *builder) outlets(idx []int) []string {
	seen := map[string]bool{}
	var out []string
	sort.Ints(idx)
	for _, i := range idx {
		o := b.arts[i].Outlet
		if !seen[o] {
			seen[o] = true
			out = append(out, o)
		}
	}
	return out
}

// cite turns a byte span of article i into a citation.
func (b *builder) cite(i int, s text.Span) text.Citation { return b.arts[i].cite.Span(s) }

// cited makes a Cited from one span of article i.
func (b *builder) cited(i int, s text.Span) Cited {
	sp := b.cite(i, s)
	return Cited{Text: sp.Text, Spans: []text.Citation{sp}}
}

// title picks the headline that best states what the outlets share: the
// one whose words the shared facts use most (the first article's when no
// fact is shared).
func (b *builder) title() Cited {
	best, bestScore := -1, -1.0
	shared := map[string]float64{}
	for _, f := range b.facts {
		for _, s := range f.sents {
			for t := range s.terms {
				shared[t]++
			}
		}
	}
	for i, a := range b.arts {
		h := a.Doc.Title()
		if h.Value == "" || h.Span.InRaw {
			continue
		}
		score := 0.0
		terms := termsOf(h.Value)
		for t := range terms {
			score += shared[t]
		}
		score /= float64(len(terms) + 3)
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		if len(b.arts) > 0 && len(b.arts[0].sents) > 0 {
			return b.cited(0, b.arts[0].sents[0].span)
		}
		return Cited{Spans: []text.Citation{}}
	}
	return b.cited(best, b.arts[best].Doc.Title().Span)
}

// articlesOut lists the articles with their publication times on the UTC
// axis and on the event's clock.
func (b *builder) articlesOut(ev Event) []ArticleEntry {
	zone := ""
	if ev.Where != nil {
		zone = ev.Where.Zone
	}
	out := make([]ArticleEntry, len(b.arts))
	for i, a := range b.arts {
		o := ArticleEntry{ID: a.ID, Outlet: a.Outlet, URL: a.URL, Title: a.Doc.Title().Value, Text: a.Doc.Text, Raw: a.Raw}
		if p := a.Published; !p.IsZero() {
			o.Published = p.UTC.UTC().Format("2006-01-02T15:04:05Z")
			if p.Precision <= timex.Day {
				o.Published = p.UTC.Format("2006-01-02")
				o.PublishedAsWritten = o.Published + " (date only)"
			} else {
				o.PublishedAsWritten = p.String()
				if zone != "" {
					o.PublishedAtEvent = atZone(p, zone)
				}
			}
		}
		o.Copy = b.copyNote(i)
		out[i] = o
	}
	return out
}

// termsOf returns the lower-cased content words of s.
func termsOf(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}) {
		if len(w) > 2 && !words.ClaimStop[w] {
			out[words.Stem(w)] = true
		}
	}
	return out
}
