// Package eval implements the scorers of the benchmarks Parallax is
// measured on, exactly as their reference scorers define them, so that the
// numbers the CLI prints equal those of ../shared/scorers.
package eval

import (
	"math"
	"math/rand/v2"
	"regexp"
	"sort"
	"strings"
)

// extractionToken is Python's Unicode \w: letters, digits (Nd, Nl, No) and
// underscore. Go's \w is ASCII-only, hence the explicit classes.
var extractionToken = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// ExtractionTokens splits text the way the extraction benchmark does.
func ExtractionTokens(s string) []string { return extractionToken.FindAllString(s, -1) }

// PageCounts are the shingle counts of one page.
type PageCounts struct {
	TP, FP, FN int
	Exact      bool // token lists identical
}

// ScorePage compares a predicted body with the gold body: multisets of
// 4-token shingles (one shingle of all tokens when there are 1–3).
func ScorePage(gold, pred string) PageCounts {
	gt, pt := ExtractionTokens(gold), ExtractionTokens(pred)
	g, p := shingles(gt), shingles(pt)
	var c PageCounts
	for k, gc := range g {
		pc := p[k]
		c.TP += min(gc, pc)
		c.FN += max(0, gc-pc)
	}
	for k, pc := range p {
		c.FP += max(0, pc-g[k])
	}
	c.Exact = strings.Join(gt, "\x00") == strings.Join(pt, "\x00") && len(gt) == len(pt)
	return c
}

func shingles(toks []string) map[string]int {
	m := map[string]int{}
	if len(toks) == 0 {
		return m
	}
	if len(toks) < 4 {
		m[strings.Join(toks, "\x00")]++
		return m
	}
	for i := 0; i+4 <= len(toks); i++ {
		m[strings.Join(toks[i:i+4], "\x00")]++
	}
	return m
}

func (c PageCounts) precision() float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FP == 0:
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

func (c PageCounts) recall() float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FN == 0:
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// ExtractionScore is the corpus score: precision is the mean over pages
// that predicted something, recall the mean over pages with a gold body,
// F1 the harmonic mean of those two means.
type ExtractionScore struct {
	Precision, Recall, F1, Accuracy float64
	Pages, Empty                    int
}

// Aggregate computes the corpus score of per-page counts.
func Aggregate(pages []PageCounts) ExtractionScore {
	var s ExtractionScore
	var pSum, rSum, exact float64
	var pN, rN int
	for _, c := range pages {
		if c.TP+c.FP > 0 {
			pSum += c.precision()
			pN++
		} else {
			s.Empty++
		}
		if c.TP+c.FN > 0 {
			rSum += c.recall()
			rN++
		}
		if c.Exact {
			exact++
		}
	}
	if pN > 0 {
		s.Precision = pSum / float64(pN)
	}
	if rN > 0 {
		s.Recall = rSum / float64(rN)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	if len(pages) > 0 {
		s.Accuracy = exact / float64(len(pages))
	}
	s.Pages = len(pages)
	return s
}

// BootstrapF1 returns the sample standard deviation of F1 over n resamples
// of the pages (fixed seed, so reruns agree).
func BootstrapF1(pages []PageCounts, n int) float64 {
	if len(pages) == 0 || n < 2 {
		return 0
	}
	r := rand.New(rand.NewPCG(42, 42))
	f1s := make([]float64, n)
	sample := make([]PageCounts, len(pages))
	for i := range f1s {
		for j := range sample {
			sample[j] = pages[r.IntN(len(pages))]
		}
		f1s[i] = Aggregate(sample).F1
	}
	return stddev(f1s)
}

func stddev(xs []float64) float64 {
	var mean float64
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return math.Sqrt(ss / float64(len(xs)-1))
}

// SortedKeys returns the keys of m in order.
func SortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
