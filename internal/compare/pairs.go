package compare

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"

	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/learn"
	"github.com/parallax-news/parallax/internal/text"
)

// Whether two sentences of different reports state one fact is learned:
// a logistic model over what they share — rare content words, entities
// (through coreference), numbers, dates and places, runs of identical
// words — and what sets them apart (lengths, quotation, position), fitted
// on sentence pairs a fact-checker aligned (`parallax train compare`).

// AlignModel decides whether two sentences state one fact.
type AlignModel struct {
	Features []string `json:"features"`
	learn.Logistic
	// Threshold is the probability at which two sentences are aligned.
	Threshold float64 `json:"threshold"`
	// Carried is the model of "another report states this sentence's
	// fact" (CarriedFeatures); Carry the probability at which it does: a
	// sentence no other report carries is "only in" its report.
	CarriedFeatures []string       `json:"carried_features"`
	Carried         learn.Logistic `json:"carried"`
	Carry           float64        `json:"carry"`
	// News scores how newsworthy a sentence is (NewsFeatures), to rank
	// what only one report says and what a report leaves out.
	NewsFeatures []string       `json:"news_features"`
	News         learn.Logistic `json:"news"`
	// Compare is the probability at which the values two aligned
	// sentences give (numbers, days, years, names) are compared: a
	// difference between sentences not about one thing is no
	// discrepancy.
	Compare float64 `json:"compare"`
	// Trained says on what data and how the model was learned.
	Trained string `json:"trained,omitempty"`
}

// PairFeatures names the features of a sentence pair, in model order.
var PairFeatures = []string{
	"content words (rarity-weighted cosine)",
	"entities shared (rarity-weighted)",
	"entities shared / named",
	"longest run of identical words",
	"content words shared / union",
	"content words shared / shorter",
	"content words shared (count)",
	"same number",
	"different numbers only",
	"same date",
	"same place",
	"both quotations",
	"one quotation",
	"length ratio",
	"both in the lead",
	"a headline",
	"polarity differs",
}

var nPairFeatures = len(PairFeatures)

//go:embed align_model.json
var shippedAlignModel []byte

// DefaultAlignModel returns the shipped model (written by `parallax train
// compare`).
func DefaultAlignModel() AlignModel {
	var m AlignModel
	if err := json.Unmarshal(shippedAlignModel, &m); err != nil || len(m.Weights) != nPairFeatures ||
		len(m.Carried.Weights) != len(CarriedFeatures) || len(m.News.Weights) != len(NewsFeatures) {
		panic(fmt.Sprintf("compare: shipped align_model.json is invalid (%v); run `parallax train compare`", err))
	}
	return m
}

// SaveAlignModel writes a model as indented JSON.
func SaveAlignModel(path string, m AlignModel) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// pairFeatures describes a pair of sentences of different reports.
func pairFeatures(s, t *sentence) []float64 {
	x := make([]float64, nPairFeatures)
	var lex, ent float64
	for _, w := range s.termKeys {
		lex += s.terms[w] * t.terms[w]
	}
	sharedEnts := 0
	for _, k := range s.entKeys {
		if _, ok := t.ents[k]; ok {
			ent += s.ents[k]
			sharedEnts++
		}
	}
	x[0] = lex
	x[1] = math.Min(1, ent)
	if n := len(s.ents) + len(t.ents) - sharedEnts; n > 0 {
		x[2] = float64(sharedEnts) / float64(n)
	}
	x[3] = float64(min(commonRun(s.norm, t.norm), 12)) / 12
	shared := 0
	for w := range s.stems {
		if t.stems[w] {
			shared++
		}
	}
	if u := len(s.stems) + len(t.stems) - shared; u > 0 {
		x[4] = float64(shared) / float64(u)
	}
	if m := min(len(s.stems), len(t.stems)); m > 0 {
		x[5] = float64(shared) / float64(m)
	}
	x[6] = float64(min(shared, 8)) / 8
	same, differ := sameNumbers(s, t)
	x[7] = b2f(same)
	x[8] = b2f(differ && !same)
	x[9] = b2f(sameDay(s, t))
	x[10] = b2f(samePlace(s, t))
	x[11] = b2f(s.quoted && t.quoted)
	x[12] = b2f(s.quoted != t.quoted)
	x[13] = float64(min(s.words, t.words)) / float64(max(s.words, t.words, 1))
	x[14] = b2f(s.idx < 4 && t.idx < 4)
	x[15] = b2f(s.idx == 0 || t.idx == 0)
	x[16] = b2f(s.negated != t.negated)
	return x
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// sameNumbers says whether two sentences give a number of equal value,
// and whether both give numbers of the same kind.
func sameNumbers(s, t *sentence) (same, both bool) {
	for _, p := range s.quants {
		for _, q := range t.quants {
			if p.Kind != q.Kind {
				continue
			}
			both = true
			if p.Value == q.Value {
				same = true
			}
		}
	}
	return same, both
}

// sameDay says whether two sentences name one resolved day.
func sameDay(s, t *sentence) bool {
	for _, p := range s.times {
		for _, q := range t.times {
			if !p.When.IsZero() && !q.When.IsZero() && p.When.Local().Format("2006-01-02") == q.When.Local().Format("2006-01-02") {
				return true
			}
		}
	}
	return false
}

// samePlace says whether two sentences name one gazetteer place.
func samePlace(s, t *sentence) bool {
	for _, p := range s.places {
		for _, q := range t.places {
			if p.GeoID != "" && p.GeoID == q.GeoID {
				return true
			}
		}
	}
	return false
}

// A Candidate is a pair of sentences of different reports that share at
// least one content word or entity, with its features: what the
// alignment model is trained on.
type Candidate struct {
	A, B         string // article ids
	ASpan, BSpan text.Span
	X            []float64
}

// Candidates lists the sentence pairs of different reports among the
// articles, with their features.
func Candidates(in []Article, copies []dedup.CopyLink) []Candidate {
	b := newBuilder(in, copies)
	b.sentences()
	var out []Candidate
	b.eachPair(func(s, t *sentence) {
		out = append(out, Candidate{A: b.arts[s.art].ID, B: b.arts[t.art].ID, ASpan: s.span, BSpan: t.span, X: pairFeatures(s, t)})
	})
	return out
}

// eachPair calls fn for every pair of sentences of different reports
// (copies of one text are one report) that share a content word or an
// entity, the earlier article's sentence first.
func (b *builder) eachPair(fn func(s, t *sentence)) {
	group := b.reportGroups()
	for i, a := range b.arts {
		for j := i + 1; j < len(b.arts); j++ {
			if group[i] == group[j] {
				continue
			}
			for _, s := range a.sents {
				if s.words < 4 {
					continue
				}
				for _, t := range b.arts[j].sents {
					if b.stopped() {
						return
					}
					if t.words >= 4 && sharesAny(s, t) {
						fn(s, t)
					}
				}
			}
		}
	}
}

// sharesAny says whether two sentences share a content word or entity.
func sharesAny(s, t *sentence) bool {
	for w := range s.stems {
		if t.stems[w] {
			return true
		}
	}
	for k := range s.ents {
		if _, ok := t.ents[k]; ok {
			return true
		}
	}
	return false
}

// FitAlign fits the alignment model's weights on labelled candidates.
// Thresholds are left to the caller, who chooses them by
// cross-validation.
func FitAlign(ex []learn.Example, note string) AlignModel {
	fit := learn.FitLogistic(ex, nPairFeatures, 1.0)
	return AlignModel{Features: PairFeatures, Logistic: fit, Threshold: 0.5, Carry: 0.5, Compare: 0.5, Trained: note}
}

// scoredPair is a candidate pair with the model's probability.
type scoredPair struct {
	s, t *sentence
	p    float64
}

// minPairProb is the least probability of a pair worth keeping: below
// it, two sentences are taken to share nothing.
const minPairProb = 0.02

// scorePairs scores every candidate pair, most probable first.
func (b *builder) scorePairs() []scoredPair {
	var out []scoredPair
	b.eachPair(func(s, t *sentence) {
		p := b.model.Prob(pairFeatures(s, t))
		if p >= minPairProb {
			out = append(out, scoredPair{s, t, p})
		}
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].p > out[j].p })
	return out
}
