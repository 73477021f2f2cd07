package cluster

import (
	"fmt"
	"math"
	"time"

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
		// The oracle decides every join, so the model it is given (one of
		// the right size, not the shipped one, which may be of an earlier
		// set of features) is never asked.
		ex = append(ex, OracleExamples(streams[i], labels[i], Options{Model: Model{Logistic: learn.Logistic{Weights: make([]float64, nFeatures)}}})...)
	}
	fit := learn.FitLogistic(ex, nFeatures, 1.0)
	score := func(m Model) float64 {
		total := 0.0
		for i, docs := range streams {
			total += objective(i, Stream(docs, Options{Model: m}))
		}
		return total
	}
	return tune(Model{Features: FeatureNames, Logistic: fit, Trained: note}, score)
}

// tune chooses a fitted model's thresholds, one at a time, for the best
// score: one join threshold, then the undated one alone, then the dated
// one alone, each above its catch-all floor; then bridging and the merge
// pass, each from "never" down.
func tune(m Model, score func(Model) float64) Model {
	best := -1.0
	try := func(c Model) {
		// Only a real gain counts: a score summed over a map's entries
		// differs in its last bits from run to run, and a tie decided by
		// them would make training irreproducible.
		if total := score(c); total > best+1e-9 {
			best, m = total, c
		}
	}
	datedFloor, undatedFloor := catchAllFloor(m, true), catchAllFloor(m, false)
	for _, th := range joinThresholds(max(datedFloor, undatedFloor)) {
		c := m
		c.Threshold = th
		try(c)
	}
	start := m
	for _, th := range joinThresholds(undatedFloor) {
		c := start
		c.UndatedThreshold = th
		try(c)
	}
	start = m
	if start.UndatedThreshold == 0 {
		start.UndatedThreshold = start.Threshold
	}
	for _, th := range joinThresholds(datedFloor) {
		c := start
		c.Threshold = th
		try(c)
	}
	start = m
	for br := 0.99; br >= min(m.Threshold, m.JoinThreshold(false)); br -= 0.03 {
		c := start
		c.BridgeThreshold = br
		try(c)
	}
	start = m
	for mt := 0.95; mt >= 0.199; mt -= 0.05 {
		c := start
		c.MergeThreshold = mt
		try(c)
	}
	return m
}

// joinThresholds are the join thresholds Learn tries: 0.10 to 0.90 in
// steps of 0.05, those above the floor, and just above the floor itself
// (so that there is always one).
func joinThresholds(floor float64) []float64 {
	var out []float64
	for th := 0.10; th <= 0.901; th += 0.05 {
		if th > floor {
			out = append(out, th)
		}
	}
	if lowest := math.Ceil(floor*100+0.5) / 100; lowest < 0.999 && (len(out) == 0 || lowest < out[0]) {
		out = append([]float64{lowest}, out...)
	}
	if len(out) == 0 {
		out = []float64{0.999}
	}
	return out
}

// catchAllFloor is the probability a model gives an article like none
// of a loose story's members: five reports of unrelated things held as
// one story, and an article sharing a word or two with each, an hour
// after them when dated, with no times when not. A join threshold at or
// below it would let a story whose members have little in common draw in
// every article (the failure a million-article run once showed), so
// Learn chooses none; TestNoCatchAllStory checks the shipped model the
// same way.
func catchAllFloor(m Model, dated bool) float64 {
	c := New(Options{Model: m})
	var at time.Time
	if dated {
		at = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	}
	s := -1
	for i, topic := range catchAllTopics {
		s = c.Restore(Profile{ID: fmt.Sprint("member", i), Time: at, Title: Terms(topic), Body: Terms(topic + " " + topic)}, s)
	}
	title := "Harbour comet water chess orchard"
	body := "violin museum garden tunnel bakery lantern meadow sculpture festival canal pottery glacier ballet vineyard"
	probe := Profile{ID: "probe", Title: Terms(title), Body: Terms(title + " " + body)}
	if dated {
		probe.Time = at.Add(time.Hour)
	}
	dv := c.vectors(probe)
	p := 0.0
	for _, si := range c.candidates(dv) {
		p = max(p, m.Prob(c.features(dv, c.stories[si])))
	}
	return p
}

// catchAllTopics are the unrelated reports of catchAllFloor's story.
var catchAllTopics = []string{"harbour ferry crews strike wages", "comet fireball astronomers observatory", "water reform bill parliament tariffs",
	"chess club juniors hall coaches", "orchard apple harvest frost growers"}

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
