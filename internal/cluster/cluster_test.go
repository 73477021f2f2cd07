package cluster

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/learn"
)

// report makes a Profile as analysis would: stemmed words of a title and a
// body, and name keys.
func report(id, at, title, body string, people, places []string) Profile {
	t, _ := time.Parse("2006-01-02T15:04", at)
	return Profile{ID: id, Time: t, Title: Terms(title), Body: Terms(title + " " + body), People: people, Places: places}
}

// events are three invented events, each reported three times in
// different words.
var events = [][]Profile{
	{
		report("a1", "2025-03-03T09:00", "Ferry workers strike in Harwick", "Ferry crews in Harwick walked out on Monday over pay, stranding commuters at the harbour.", []string{"mallory"}, []string{"harwick"}),
		report("a2", "2025-03-03T11:30", "Harwick ferries halted by pay strike", "Commuters were stranded in Harwick as ferry crews began a strike over wages, union leader Mallory said.", []string{"mallory"}, []string{"harwick"}),
		report("a3", "2025-03-04T08:00", "Harwick ferry strike enters second day", "The strike by Harwick ferry crews over pay continued, said Mallory of the crews' union.", []string{"mallory"}, []string{"harwick"}),
	},
	{
		report("b1", "2025-03-03T10:00", "Comet fragment lights up night sky over Lendal", "Astronomers in Lendal said a bright fireball seen on Sunday night was a fragment of a comet.", []string{"okafor"}, []string{"lendal"}),
		report("b2", "2025-03-03T13:00", "Fireball over Lendal was comet debris, astronomers say", "The fireball that crossed the sky above Lendal came from comet debris, astronomer Okafor said.", []string{"okafor"}, []string{"lendal"}),
		report("b3", "2025-03-04T07:00", "Lendal fireball: what we know", "A comet fragment burned up over Lendal, observatory director Okafor told reporters.", []string{"okafor"}, []string{"lendal"}),
	},
	{
		report("c1", "2025-03-05T09:00", "Parliament passes water reform bill", "Lawmakers approved the water reform bill by 210 votes to 160 after a long debate.", []string{"brandt"}, nil),
		report("c2", "2025-03-05T12:00", "Water reform bill clears parliament", "The bill reforming water supply passed with 210 votes, minister Brandt said.", []string{"brandt"}, nil),
		report("c3", "2025-03-06T08:00", "What the water reform means for households", "Households will see new water tariffs after parliament passed Brandt's reform bill.", []string{"brandt"}, nil),
	},
}

func stream(docs ...[]Profile) (out []Profile, gold []string) {
	for e, ds := range docs {
		for _, d := range ds {
			out = append(out, d)
			gold = append(gold, fmt.Sprint(e))
		}
	}
	return out, gold
}

// interleave orders articles by time, as they arrive.
func interleave(docs []Profile, gold []string) ([]Profile, []string) {
	idx := make([]int, len(docs))
	for i := range idx {
		idx[i] = i
	}
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && docs[idx[j]].Time.Before(docs[idx[j-1]].Time); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	var d2 []Profile
	var g2 []string
	for _, i := range idx {
		d2, g2 = append(d2, docs[i]), append(g2, gold[i])
	}
	return d2, g2
}

// sameClustering reports whether two labellings group items alike.
func sameClustering(gold []string, pred []int) bool {
	a, b := map[string]int{}, map[int]string{}
	for i := range gold {
		if x, ok := a[gold[i]]; ok && x != pred[i] {
			return false
		}
		if y, ok := b[pred[i]]; ok && y != gold[i] {
			return false
		}
		a[gold[i]], b[pred[i]] = pred[i], gold[i]
	}
	return true
}

func TestStreamFindsTheEvents(t *testing.T) {
	docs, gold := interleave(stream(events...))
	if pred := Stream(docs, Options{}); !sameClustering(gold, pred) {
		t.Errorf("stories %v, want the grouping %v", pred, gold)
	}
}

func TestLateOlderArticleFindsItsStory(t *testing.T) {
	docs, gold := interleave(stream(events...))
	// The first ferry report arrives last, after everything else.
	var late Profile
	var rest []Profile
	var restGold []string
	for i, d := range docs {
		if d.ID == "a1" {
			late = d
			continue
		}
		rest, restGold = append(rest, d), append(restGold, gold[i])
	}
	pred := Stream(append(rest, late), Options{})
	ferry := pred[indexOf(rest, "a2")]
	if pred[len(pred)-1] != ferry {
		t.Errorf("the late ferry report went to story %d, the ferry story is %d", pred[len(pred)-1], ferry)
	}
	if !sameClustering(append(restGold, "0"), pred) {
		t.Errorf("stories %v", pred)
	}
}

func indexOf(docs []Profile, id string) int {
	for i, d := range docs {
		if d.ID == id {
			return i
		}
	}
	return -1
}

func TestOutsideTheWindowOpensANewStory(t *testing.T) {
	a := events[0][0]
	b := events[0][1]
	b.Time = a.Time.Add(30 * 24 * time.Hour) // a month later: another strike
	c := New(Options{})
	first := c.Add(a)
	second := c.Add(b)
	if !second.New || second.Story == first.Story {
		t.Errorf("an article a month later joined story %d", second.Story)
	}
}

// TestRestoreRebuildsTheState: restoring a stream's assignments gives a
// clusterer that decides the next article as the original would.
func TestRestoreRebuildsTheState(t *testing.T) {
	docs, _ := interleave(stream(events...))
	head, next := docs[:len(docs)-1], docs[len(docs)-1]
	orig := New(Options{})
	var stories []int
	for _, d := range head {
		stories = append(stories, orig.Add(d).Story)
	}
	restored := New(Options{})
	numbers := map[int]int{}
	for i, d := range head {
		n, ok := numbers[stories[i]]
		if !ok {
			n = -1
		}
		numbers[stories[i]] = restored.Restore(d, n)
	}
	a, b := orig.Add(next), restored.Add(next)
	if a.New != b.New || numbers[orig.Root(a.Story)] != restored.Root(b.Story) {
		t.Errorf("original put the last article in %+v, restored in %+v", a, b)
	}
}

// TestBridgeMergesFragments: an article that matches two stories above
// the bridging threshold merges them.
func TestBridgeMergesFragments(t *testing.T) {
	m := Model{Logistic: learn.Logistic{Weights: make([]float64, nFeatures), Bias: -3}, Threshold: 0.5, BridgeThreshold: 0.5}
	m.Weights[0] = 10 // similarity alone
	c := New(Options{Model: m})
	x := report("x", "2025-03-03T09:00", "Harwick ferry strike", "Ferry crews strike over pay in Harwick.", nil, []string{"harwick"})
	y := report("y", "2025-03-03T09:10", "Union leader Mallory speaks", "Mallory, the crews' union leader, spoke to reporters about wages.", []string{"mallory"}, nil)
	both := report("z", "2025-03-03T10:00", "Harwick ferry strike: union leader Mallory speaks",
		"Ferry crews strike over pay in Harwick. Mallory, the crews' union leader, spoke to reporters about wages.", []string{"mallory"}, []string{"harwick"})
	sx, sy := c.Add(x), c.Add(y)
	if sx.Story == sy.Story {
		t.Fatalf("the two fragments started as one story")
	}
	sz := c.Add(both)
	if c.Root(sx.Story) != c.Root(sy.Story) || c.Root(sz.Story) != c.Root(sx.Story) {
		t.Errorf("after the bridging article: roots %d, %d, %d", c.Root(sx.Story), c.Root(sy.Story), c.Root(sz.Story))
	}
}

func TestHeadlineNames(t *testing.T) {
	d := report("h", "2025-03-03T09:00", "Chargers' Jamal Williams arrested in San Diego", "Williams was arrested; Jackson was arrested last month.",
		[]string{"williams", "jackson"}, []string{"san diego"})
	d.Orgs = []string{"chargers", "highway patrol"}
	got := headlineNames(d)
	want := []string{"p:williams", "o:chargers", "l:san diego"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("headline names %v, want %v", got, want)
	}
}

// TestTimeNeverStandsInForLikeness: two unrelated articles at the same
// moment stay apart, however much the model values nearness.
func TestTimeNeverStandsInForLikeness(t *testing.T) {
	c := New(Options{})
	a := c.Add(events[0][0])
	b := c.Add(report("u", "2025-03-03T09:05", "Chess club opens hall for juniors", "A chess club opened a second hall for juniors, its pay for coaches unchanged.", nil, nil))
	if !b.New || b.Story == a.Story {
		t.Errorf("an unrelated article of the same minute joined story %d (p %.2f)", b.Story, b.Prob)
	}
}

// TestNoCatchAllStory: a story whose members have little in common has a
// centroid that resembles every article a little; an article like none of
// its members does not join it.
func TestNoCatchAllStory(t *testing.T) {
	c := New(Options{})
	s := -1
	for i, topic := range catchAllTopics {
		d := report(fmt.Sprint("m", i), "2025-03-03T09:00", topic, topic, nil, nil)
		s = c.Restore(d, s)
	}
	mixed := report("x", "2025-03-03T10:00", "Harbour comet water chess orchard",
		"violin museum garden tunnel bakery lantern meadow sculpture festival canal pottery glacier ballet vineyard", nil, nil)
	if a := c.Add(mixed); !a.New {
		t.Errorf("an article like none of a story's members joined it (p %.2f)", a.Prob)
	}
	m := DefaultModel()
	for _, dated := range []bool{true, false} {
		if floor := catchAllFloor(m, dated); floor >= m.JoinThreshold(dated) {
			t.Errorf("dated %v: the shipped model's threshold %.2f is under the catch-all probe's probability %.2f", dated, m.JoinThreshold(dated), floor)
		}
	}
}

// TestJoinThresholds: Learn always has a threshold to try, each above
// the catch-all floor.
func TestJoinThresholds(t *testing.T) {
	for _, floor := range []float64{0, 0.07, 0.3, 0.42, 0.93, 0.995, 1} {
		ths := joinThresholds(floor)
		if len(ths) == 0 {
			t.Fatalf("floor %.3f: no thresholds", floor)
		}
		for _, th := range ths {
			if th <= floor && floor < 0.999 {
				t.Errorf("floor %.3f: threshold %.3f is not above it", floor, th)
			}
		}
	}
	if got := joinThresholds(0.42); got[0] < 0.42 || got[0] > 0.44 {
		t.Errorf("floor 0.42: lowest threshold %.3f, want just above it", got[0])
	}
}

// TestMergePassMendsSplit: an event whose first two reports were put in
// two stories is mended when a third report joins one of them and the
// two stories' centroids agree; an unrelated story is left alone, and
// without the merge pass the split stays.
func TestMergePassMendsSplit(t *testing.T) {
	for _, merge := range []float64{0, 0.3} {
		m := DefaultModel()
		m.BridgeThreshold, m.MergeThreshold = 0, merge
		c := New(Options{Model: m})
		x := c.Restore(events[0][0], -1)
		y := c.Restore(events[0][1], -1)
		other := c.Restore(events[1][0], -1)
		a := c.Add(events[0][2])
		if a.New {
			t.Fatalf("merge %.1f: the third report opened a story", merge)
		}
		mended := c.Root(x) == c.Root(y)
		if mended != (merge > 0) {
			t.Errorf("merge threshold %.1f: split mended %v", merge, mended)
		}
		if c.Root(other) == c.Root(x) || c.Root(other) == c.Root(y) {
			t.Errorf("merge threshold %.1f: an unrelated story was merged", merge)
		}
	}
}

// TestLearnIsReproducible: the same labelled streams give the same model,
// though the objective sums over a map (its last bits vary from run to
// run), and the model clusters the same stream the same way twice.
func TestLearnIsReproducible(t *testing.T) {
	var docs []Profile
	var labels []string
	for e, reports := range events {
		for _, d := range reports {
			docs = append(docs, d)
			labels = append(labels, fmt.Sprint("event", e))
		}
	}
	objective := func(_ int, stories []int) float64 {
		// Pairs placed as the labels place them, summed over a map.
		agree := map[[2]int]float64{}
		for i := range stories {
			for j := i + 1; j < len(stories); j++ {
				if (stories[i] == stories[j]) == (labels[i] == labels[j]) {
					agree[[2]int{i, j}] = 1 / float64(i+3*j+1)
				}
			}
		}
		total := 0.0
		for _, v := range agree {
			total += v
		}
		return total
	}
	streams, ls := [][]Profile{docs}, [][]string{labels}
	first := Learn(streams, ls, objective, "test")
	for range 5 {
		if again := Learn(streams, ls, objective, "test"); !reflect.DeepEqual(again, first) {
			t.Fatalf("a second training differs:\n%+v\n%+v", first, again)
		}
	}
	if a, b := Stream(docs, Options{Model: first}), Stream(docs, Options{Model: first}); !reflect.DeepEqual(a, b) {
		t.Errorf("one stream clustered twice: %v, %v", a, b)
	}
}
