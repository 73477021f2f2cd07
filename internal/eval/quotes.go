package eval

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// GoldQuote is a direct quote of the PolNeAR gold: its characters (code
// point offsets) and its source text ("" when it has none).
type GoldQuote struct {
	Chars   []int
	Speaker string
	HasSrc  bool
}

// PredQuote is a predicted quote span (code points, end exclusive).
type PredQuote struct {
	Start, End int
	Speaker    string
}

// QuoteScore holds the quote benchmark's numbers.
type QuoteScore struct {
	Gold, Pred               int
	Lenient, Strict          int // matched (grouped) predictions
	LP, LR, LF1, SP, SR, SF1 float64
	SpeakerN, SpeakerOK      int
	SpeakerAcc               float64
	JointOK                  int
	JointP, JointR, JointF1  float64
	ExactSpeakerOK           int
	ExactSpeakerAcc          float64
}

// QuoteCounter accumulates articles.
type QuoteCounter struct{ s QuoteScore }

var quoteChars = map[rune]bool{}

func init() {
	for _, r := range "\"'\u201c\u201d\u2018\u2019\u201e\u201f\u201a\u201b\u00ab\u00bb\u2039\u203a`\u00b4\u2032\u2033" {
		quoteChars[r] = true
	}
}

// Add scores one article. runes is the article text as code points.
func (c *QuoteCounter) Add(runes []rune, gold []GoldQuote, pred []PredQuote) {
	sort.SliceStable(gold, func(i, j int) bool { return minInt(gold[i].Chars) < minInt(gold[j].Chars) })
	gsets := make([]map[int]bool, len(gold))
	for i, g := range gold {
		gsets[i] = toSet(g.Chars)
	}
	type group struct {
		chars   map[int]bool
		speaker string
		bestOv  int
	}
	assigned := map[int]*group{}
	var singles int
	for _, p := range pred {
		best, bestOv := -1, 0
		for gi := range gold {
			ov := 0
			for k := p.Start; k < p.End; k++ {
				if gsets[gi][k] {
					ov++
				}
			}
			if ov > bestOv {
				best, bestOv = gi, ov
			}
		}
		if best < 0 {
			singles++
			continue
		}
		g := assigned[best]
		if g == nil {
			g = &group{chars: map[int]bool{}}
			assigned[best] = g
		}
		for k := p.Start; k < p.End; k++ {
			g.chars[k] = true
		}
		if bestOv > g.bestOv {
			g.bestOv, g.speaker = bestOv, p.Speaker
		}
	}
	c.s.Gold += len(gold)
	c.s.Pred += len(assigned) + singles
	for gi, g := range assigned {
		gq := gold[gi]
		ov := 0
		for k := range g.chars {
			if gsets[gi][k] {
				ov++
			}
		}
		lenient := float64(ov) >= 0.5*float64(len(gsets[gi]))
		if lenient {
			c.s.Lenient++
			c.s.SpeakerN++
			ok := speakerOK(g.speaker, gq)
			if ok {
				c.s.SpeakerOK++
				c.s.JointOK++
			}
			if gq.HasSrc && normSpeaker(g.speaker) == normSpeaker(gq.Speaker) && normSpeaker(g.speaker) != "" || !gq.HasSrc && strings.TrimSpace(g.speaker) == "" {
				c.s.ExactSpeakerOK++
			}
		}
		if sameSignificant(runes, g.chars, gsets[gi]) {
			c.s.Strict++
		}
	}
}

// Score returns the totals.
func (c *QuoteCounter) Score() QuoteScore {
	s := c.s
	s.LP, s.LR, s.LF1 = prf(s.Lenient, s.Pred, s.Gold)
	s.SP, s.SR, s.SF1 = prf(s.Strict, s.Pred, s.Gold)
	s.JointP, s.JointR, s.JointF1 = prf(s.JointOK, s.Pred, s.Gold)
	if s.SpeakerN > 0 {
		s.SpeakerAcc = float64(s.SpeakerOK) / float64(s.SpeakerN)
		s.ExactSpeakerAcc = float64(s.ExactSpeakerOK) / float64(s.SpeakerN)
	}
	return s
}

func sameSignificant(runes []rune, a, b map[int]bool) bool {
	sig := func(m map[int]bool) map[int]bool {
		out := map[int]bool{}
		for k := range m {
			if k < len(runes) && !unicode.IsSpace(runes[k]) && !quoteChars[runes[k]] {
				out[k] = true
			}
		}
		return out
	}
	sa, sb := sig(a), sig(b)
	if len(sa) != len(sb) {
		return false
	}
	for k := range sa {
		if !sb[k] {
			return false
		}
	}
	return true
}

var wordRe = regexp.MustCompile(`[\p{L}\p{N}_]+`)

var dropTokens = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "the": true, "a": true, "an": true}

func normSpeaker(s string) string {
	return strings.Join(wordRe.FindAllString(strings.ToLower(s), -1), " ")
}

func speakerTokens(s string) map[string]bool {
	out := map[string]bool{}
	for _, t := range wordRe.FindAllString(strings.ToLower(s), -1) {
		if !dropTokens[t] {
			out[t] = true
		}
	}
	return out
}

func speakerOK(pred string, g GoldQuote) bool {
	if !g.HasSrc {
		return strings.TrimSpace(pred) == ""
	}
	if strings.TrimSpace(pred) == "" {
		return false
	}
	if n := normSpeaker(pred); n != "" && n == normSpeaker(g.Speaker) {
		return true
	}
	tp, tg := speakerTokens(pred), speakerTokens(g.Speaker)
	if len(tp) == 0 || len(tg) == 0 {
		return false
	}
	return subset(tp, tg) || subset(tg, tp)
}

func subset(a, b map[string]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func toSet(xs []int) map[int]bool {
	m := make(map[int]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func minInt(xs []int) int {
	m := 1 << 62
	for _, x := range xs {
		m = min(m, x)
	}
	return m
}
