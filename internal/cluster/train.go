package cluster

import (
	"math"
)

// Example is one comparison of an article with a candidate story, labelled
// with whether the article belongs to it.
type Example struct {
	X    []float64
	Same bool
}

// OracleExamples streams labelled articles through a clusterer that always
// puts each article in its gold story, and records the comparison of each
// article with every candidate story (its gold story always among them).
// These are the examples the join decision is learned from.
func OracleExamples(docs []Doc, gold []string, opt Options) []Example {
	c := New(opt)
	storyOf := map[string]*story{}
	var out []Example
	for i, d := range docs {
		dv := c.vectors(d)
		g := storyOf[gold[i]]
		seenGold := false
		for _, si := range c.candidates(dv) {
			s := c.stories[si]
			out = append(out, Example{X: c.features(dv, s), Same: s == g})
			seenGold = seenGold || s == g
		}
		if g != nil && !seenGold {
			out = append(out, Example{X: c.features(dv, g), Same: true})
		}
		if g == nil {
			storyOf[gold[i]] = c.open(dv)
		} else {
			c.join(g, dv)
		}
	}
	return out
}

// FitLogistic fits a logistic model with an L2 penalty on the weights
// (not the bias) by Newton's method.
func FitLogistic(ex []Example, l2 float64) (weights []float64, bias float64) {
	if len(ex) == 0 {
		return make([]float64, nFeatures), 0
	}
	d := len(ex[0].X) + 1 // the last coordinate is the bias
	beta := make([]float64, d)
	for iter := 0; iter < 50; iter++ {
		grad := make([]float64, d)
		hess := make([][]float64, d)
		for i := range hess {
			hess[i] = make([]float64, d)
		}
		for _, e := range ex {
			z := beta[d-1]
			for j, v := range e.X {
				z += beta[j] * v
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if e.Same {
				y = 1
			}
			w := p * (1 - p)
			for j := 0; j < d; j++ {
				xj := 1.0
				if j < d-1 {
					xj = e.X[j]
				}
				grad[j] += (p - y) * xj
				for k := 0; k <= j; k++ {
					xk := 1.0
					if k < d-1 {
						xk = e.X[k]
					}
					hess[j][k] += w * xj * xk
				}
			}
		}
		for j := 0; j < d; j++ {
			for k := 0; k < j; k++ {
				hess[k][j] = hess[j][k]
			}
			if j < d-1 {
				grad[j] += l2 * beta[j]
				hess[j][j] += l2
			}
			hess[j][j] += 1e-9
		}
		step := solve(hess, grad)
		change := 0.0
		for j := range beta {
			beta[j] -= step[j]
			change = math.Max(change, math.Abs(step[j]))
		}
		if change < 1e-8 {
			break
		}
	}
	return beta[:d-1], beta[d-1]
}

// solve solves A x = b by Gaussian elimination with partial pivoting.
func solve(a [][]float64, b []float64) []float64 {
	n := len(b)
	m := make([][]float64, n)
	for i := range a {
		m[i] = append(append([]float64(nil), a[i]...), b[i])
	}
	for col := 0; col < n; col++ {
		p := col
		for r := col + 1; r < n; r++ {
			if math.Abs(m[r][col]) > math.Abs(m[p][col]) {
				p = r
			}
		}
		m[col], m[p] = m[p], m[col]
		if math.Abs(m[col][col]) < 1e-12 {
			continue
		}
		for r := col + 1; r < n; r++ {
			f := m[r][col] / m[col][col]
			for k := col; k <= n; k++ {
				m[r][k] -= f * m[col][k]
			}
		}
	}
	x := make([]float64, n)
	for i := n - 1; i >= 0; i-- {
		s := m[i][n]
		for k := i + 1; k < n; k++ {
			s -= m[i][k] * x[k]
		}
		if math.Abs(m[i][i]) > 1e-12 {
			x[i] = s / m[i][i]
		}
	}
	return x
}

// Objective scores a clustering of one training stream (the story of each
// article, in stream order); higher is better.
type Objective func(stream int, stories []int) float64

// Learn fits the join model on labelled streams: the weights by logistic
// regression on the oracle examples, then the join threshold and the
// bridging threshold that maximise the objective summed over the streams
// when they are clustered with them.
func Learn(streams [][]Doc, labels [][]string, objective Objective, note string) Model {
	var ex []Example
	for i := range streams {
		ex = append(ex, OracleExamples(streams[i], labels[i], Options{Model: DefaultModel()})...)
	}
	w, b := FitLogistic(ex, 1.0)
	m := Model{Features: FeatureNames, Weights: w, Bias: b, Trained: note}
	score := func(m Model) float64 {
		total := 0.0
		for i, docs := range streams {
			total += objective(i, Stream(docs, Options{Model: m}))
		}
		return total
	}
	best := -1.0
	for th := 0.10; th <= 0.901; th += 0.05 {
		if total := score(Model{Weights: w, Bias: b, Threshold: th}); total > best {
			best, m.Threshold = total, th
		}
	}
	// Bridging: from "never" down to the join threshold.
	for br := 0.99; br >= m.Threshold; br -= 0.03 {
		if total := score(Model{Weights: w, Bias: b, Threshold: m.Threshold, BridgeThreshold: br}); total > best {
			best, m.BridgeThreshold = total, br
		}
	}
	return m
}

// Stream clusters docs in order with a new clusterer and returns each
// article's story (after merges).
func Stream(docs []Doc, opt Options) []int {
	c := New(opt)
	stories := make([]int, len(docs))
	for k, d := range docs {
		stories[k] = c.Add(d).Story
	}
	for k := range stories {
		stories[k] = c.Root(stories[k])
	}
	return stories
}
