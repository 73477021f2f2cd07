package cluster

import (
	"github.com/parallax-news/parallax/internal/learn"
)

// OracleExamples streams labelled articles through a clusterer that always
// puts each article in its gold story, and records the comparison of each
// article with every candidate story (its gold story always among them).
// These are the examples the join decision is learned from, each labelled
// with whether the article belongs to the story.
func OracleExamples(docs []Profile, gold []string, opt Options) []learn.Example {
	c := New(opt)
	storyOf := map[string]*story{}
	var out []learn.Example
	for i, d := range docs {
		dv := c.vectors(d)
		g := storyOf[gold[i]]
		seenGold := false
		for _, si := range c.candidates(dv) {
			s := c.stories[si]
			out = append(out, learn.Example{X: c.features(dv, s), Y: s == g})
			seenGold = seenGold || s == g
		}
		if g != nil && !seenGold {
			out = append(out, learn.Example{X: c.features(dv, g), Y: true})
		}
		if g == nil {
			storyOf[gold[i]] = c.open(dv)
		} else {
			c.join(g, dv)
		}
	}
	return out
}

// Objective scores a clustering of one training stream (the story of each
// article, in stream order); higher is better.
type Objective func(stream int, stories []int) float64

// Learn fits the join model on labelled streams: the weights by logistic
// regression on the oracle examples, then the join threshold and the
// bridging threshold that maximise the objective summed over the streams
// when they are clustered with them.
func Learn(streams [][]Profile, labels [][]string, objective Objective, note string) Model {
	var ex []learn.Example
	for i := range streams {
		ex = append(ex, OracleExamples(streams[i], labels[i], Options{Model: DefaultModel()})...)
	}
	fit := learn.FitLogistic(ex, nFeatures, 1.0)
	m := Model{Features: FeatureNames, Logistic: fit, Trained: note}
	score := func(m Model) float64 {
		total := 0.0
		for i, docs := range streams {
			total += objective(i, Stream(docs, Options{Model: m}))
		}
		return total
	}
	best := -1.0
	for th := 0.10; th <= 0.901; th += 0.05 {
		if total := score(Model{Logistic: fit, Threshold: th}); total > best {
			best, m.Threshold = total, th
		}
	}
	// Bridging: from "never" down to the join threshold.
	for br := 0.99; br >= m.Threshold; br -= 0.03 {
		if total := score(Model{Logistic: fit, Threshold: m.Threshold, BridgeThreshold: br}); total > best {
			best, m.BridgeThreshold = total, br
		}
	}
	return m
}

// Stream clusters docs in order with a new clusterer and returns each
// article's story (after merges).
func Stream(docs []Profile, opt Options) []int {
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
