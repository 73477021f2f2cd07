package quotes

import (
	"math/rand/v2"

	"github.com/parallax-news/parallax/internal/learn"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/words"
)

// AnnotatedText is a training document for the quote model: a text and
// the byte spans of its attributed direct-quote contents.
type AnnotatedText struct {
	Text  string
	Quote []text.Span
	// Source holds each quote's source span (zero when it has none).
	Source []text.Span
}

type quoteExample struct {
	attr      featureSet
	positive  bool
	starts    []featureSet
	goldStart int // index into starts, -1 when unknown
	ends      []featureSet
	goldEnd   int
	speakers  []featureSet
	goldSpk   map[int]bool // indexes into speakers that lie in the gold source
}

// quoteUnits walks the quote-bearing units of a text with the rules'
// reading of each, as Find does.
func quoteUnits(s string, fn func(ui *unitInfo)) {
	for _, p := range paragraphs(words.Sentences(s)) {
		for _, u := range p.units() {
			qs := p.quotesIn(u)
			if len(qs) == 0 || allEmpty(p.framePieces(u, qs)) {
				continue
			}
			rule, kind := p.ruleQuote(u, qs)
			fn(p.unitInfo(u, qs, rule, kind))
		}
	}
}

// Train learns the quote model with averaged perceptrons.
func Train(docs []AnnotatedText, epochs int) *Model {
	var exs []quoteExample
	for _, d := range docs {
		quoteUnits(d.Text, func(ui *unitInfo) {
			exs = append(exs, makeExample(ui, d.Quote, d.Source))
		})
	}
	attr, start, end, spk := learn.NewPerceptron(), learn.NewPerceptron(), learn.NewPerceptron(), learn.NewPerceptron()
	r := rand.New(rand.NewPCG(7, 7))
	order := r.Perm(len(exs))
	for e := 0; e < epochs; e++ {
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			ex := &exs[i]
			got := attr.Score(ex.attr) > 0
			if got != ex.positive {
				sign := float32(1)
				if !ex.positive {
					sign = -1
				}
				attr.Update(ex.attr, sign)
			}
			attr.Tick()
			if ex.goldStart >= 0 {
				pick(start, ex.starts, ex.goldStart)
			}
			if ex.goldEnd >= 0 {
				pick(end, ex.ends, ex.goldEnd)
			}
			if len(ex.goldSpk) > 0 {
				pickAny(spk, ex.speakers, ex.goldSpk)
			}
		}
	}
	return &Model{attr: attr.Averaged(), start: start.Averaged(), end: end.Averaged(), speaker: spk.Averaged()}
}

// pickAny is pick for a gold answer that may be any of several.
func pickAny(a *learn.Perceptron, cands []featureSet, gold map[int]bool) {
	best, bestS := 0, float32(-1e30)
	bestGold, bestGoldS := -1, float32(-1e30)
	for i, f := range cands {
		s := a.Score(f)
		if s > bestS {
			best, bestS = i, s
		}
		if gold[i] && s > bestGoldS {
			bestGold, bestGoldS = i, s
		}
	}
	if !gold[best] && bestGold >= 0 {
		a.Update(cands[bestGold], 1)
		a.Update(cands[best], -1)
	}
	a.Tick()
}

func pick(a *learn.Perceptron, cands []featureSet, gold int) {
	best, bestS := 0, float32(-1e30)
	for i, f := range cands {
		if s := a.Score(f); s > bestS {
			best, bestS = i, s
		}
	}
	if best != gold {
		a.Update(cands[gold], 1)
		a.Update(cands[best], -1)
	}
	a.Tick()
}

func makeExample(ui *unitInfo, gold, sources []text.Span) quoteExample {
	ex := quoteExample{attr: ui.attrFeatures(nil), goldStart: -1, goldEnd: -1}
	p := ui.p
	a, b := p.toks[ui.u.a].Span.Start, p.toks[ui.u.b].Span.End
	var g, src text.Span
	bestOv := 0
	for gi, gs := range gold {
		// Overlap with the unit's quotations.
		ov := 0
		for _, q := range ui.qs {
			qs := p.fragmentSpan(q)
			ov += max(0, min(qs.End, gs.End)-max(qs.Start, gs.Start))
		}
		if ov > bestOv && gs.Start < b && gs.End > a {
			g, bestOv = gs, ov
			src = text.Span{}
			if gi < len(sources) {
				src = sources[gi]
			}
		}
	}
	if bestOv == 0 {
		return ex
	}
	ex.positive = true
	for k := ui.u.a; k <= ui.lastOpen(); k++ {
		ex.starts = append(ex.starts, ui.startFeatures(nil, k))
		if p.toks[k].Span.Start <= g.Start && g.Start < p.toks[k].Span.End {
			ex.goldStart = k - ui.u.a
		}
	}
	endFrom := p.closeOf(ui.qs[0])
	if ex.goldStart >= 0 {
		endFrom = p.closeOf(ui.firstQuoteFrom(ui.u.a + ex.goldStart))
	}
	for k := endFrom; k <= ui.u.b; k++ {
		ex.ends = append(ex.ends, ui.endFeatures(nil, k))
		if p.toks[k].Span.Start < g.End && g.End <= p.toks[k].Span.End {
			ex.goldEnd = k - endFrom
		}
	}
	if src.Len() > 0 {
		start, end := ui.u.a, ui.u.b
		if ex.goldStart >= 0 {
			start = ui.u.a + ex.goldStart
		}
		if ex.goldEnd >= 0 {
			end = endFrom + ex.goldEnd
		}
		cue := ui.cueFor(start, end)
		ruleHead := ui.ruleHead()
		ex.goldSpk = map[int]bool{}
		for _, k := range ui.speakerCandidates() {
			if k >= start && k <= end {
				continue
			}
			if p.toks[k].Span.Start >= src.Start && p.toks[k].Span.End <= src.End {
				ex.goldSpk[len(ex.speakers)] = true
			}
			ex.speakers = append(ex.speakers, ui.speakerFeatures(nil, k, start, end, cue, ruleHead))
		}
	}
	return ex
}
