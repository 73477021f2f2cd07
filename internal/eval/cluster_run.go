package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/timex"
)

// RunCluster clusters an event-labelled file as a stream with the shipped
// model and writes to w pairwise and BCubed precision, recall and F1 as
// README-events.md defines them, the clusters, the clusters that merge two
// look-alike events of one topic, and articles/s. cv > 1 adds K-fold
// cross-validation by topic (ECB+) or event (BASIL); predictions, when set,
// receives {"id","cluster"} lines. Each fold also learns from the files
// in trainAlso, whole.
func RunCluster(w io.Writer, data, predictions string, cv int, trainAlso ...string) error {
	set, err := LoadClusterSet(data)
	if err != nil {
		return err
	}
	start := time.Now()
	pred := clusterStream(set.Docs, cluster.Options{})
	elapsed := time.Since(start)
	score := ScoreClusters(set.gold, pred)
	printClusterScore(w, fmt.Sprintf("%s (shipped model)", data), score)
	fmt.Fprintf(w, "speed     %.0f articles/s clustering (%d articles, %s; analysis before it: %.0f articles/s)\n",
		float64(len(set.Docs))/elapsed.Seconds(), len(set.Docs), elapsed.Round(time.Millisecond),
		float64(len(set.Docs))/set.analysis.Seconds())
	if cv > 1 {
		var extra []*ClusterSet
		for _, f := range trainAlso {
			x, err := LoadClusterSet(f)
			if err != nil {
				return err
			}
			extra = append(extra, x)
		}
		folds, cvPred := crossValidate(set, cv, extra)
		printClusterScore(w, fmt.Sprintf("%d-fold cross-validation by %s (all folds' stories pooled)", cv, set.groupName), ScoreClusters(set.gold, cvPred))
		printFolds(w, folds)
	}
	if predictions != "" {
		return writeClusterPredictions(predictions, set.Docs, pred)
	}
	return nil
}

// ClusterSet is an event-labelled file, analysed and ready to cluster:
// each article's profile and its gold story.
type ClusterSet struct {
	Docs      []cluster.Profile
	Labels    []string
	groups    []string
	gold      map[string]string
	groupName string
	analysis  time.Duration
}

// LoadClusterSet reads and analyses an event-labelled file.
func LoadClusterSet(path string) (*ClusterSet, error) {
	raw, err := ReadEventDocs(path, EachJSONLine)
	if err != nil {
		return nil, err
	}
	if len(raw) == 0 {
		return nil, fmt.Errorf("%s: no articles", path)
	}
	an, err := nlp.Default()
	if err != nil {
		return nil, err
	}
	arts := make([]ingest.Article, len(raw))
	set := &ClusterSet{gold: map[string]string{}, groupName: "topic"}
	for i, d := range raw {
		arts[i] = ingest.Article{ID: d.ID, Outlet: d.Outlet, Format: ingest.FormatText, Title: d.Title, Raw: d.Text, Container: "jsonl"}
		if strings.TrimSpace(d.Text) == "" {
			// A one-sentence document: its title is all its text.
			arts[i].Title, arts[i].Raw = "", d.Title
		}
		if m, ok := timex.DayOf(d.Date); ok {
			arts[i].Published = m
		}
		set.Labels = append(set.Labels, d.Label)
		set.groups = append(set.groups, d.Group)
		set.gold[d.ID] = d.Label
		if d.Group == d.Label {
			set.groupName = "event"
		}
	}
	start := time.Now()
	recs, _ := engine.Prepare(context.Background(), arts, an)
	set.analysis = time.Since(start)
	for i := range recs {
		set.Docs = append(set.Docs, recs[i].Profile)
	}
	return set, nil
}

// clusterStream clusters docs in order and returns each id's story label.
func clusterStream(docs []cluster.Profile, opt cluster.Options) map[string]string {
	stories := cluster.Stream(docs, opt)
	pred := map[string]string{}
	for i, d := range docs {
		pred[d.ID] = "s" + strconv.Itoa(stories[i])
	}
	return pred
}

// foldResult is one fold of a cross-validation: the learned model and
// the TF-IDF baseline, each fitted on the other folds, scored on it.
type foldResult struct {
	fold, articles, gold int
	model, baseline      ClusterScore
	learned              cluster.Model // the model learned on the other folds
	threshold            float64       // the baseline's, chosen on the other folds
}

// crossValidate learns a model on all but one fold of groups (topics or
// events: both look-alike events of a topic fall in one fold) and
// clusters the held-out fold's stream with it, for each fold; beside it,
// the TF-IDF baseline with its threshold chosen on the same training
// folds. Every fold's model also learns from the extra sets, each a
// stream of its own. It returns each fold's scores and the pooled
// predictions.
func crossValidate(set *ClusterSet, k int, extra []*ClusterSet) ([]foldResult, map[string]string) {
	fold := func(g string) int {
		h := fnv.New32a()
		h.Write([]byte(g))
		return int(h.Sum32() % uint32(k))
	}
	pred := map[string]string{}
	var out []foldResult
	for f := 0; f < k; f++ {
		var train, test []cluster.Profile
		var trainLabels []string
		gold := map[string]string{}
		for i, d := range set.Docs {
			if fold(set.groups[i]) == f {
				test = append(test, d)
				gold[d.ID] = set.Labels[i]
			} else {
				train = append(train, d)
				trainLabels = append(trainLabels, set.Labels[i])
			}
		}
		if len(test) == 0 {
			continue
		}
		streams, labels := [][]cluster.Profile{train}, [][]string{trainLabels}
		for _, x := range extra {
			streams, labels = append(streams, x.Docs), append(labels, x.Labels)
		}
		m := cluster.Learn(streams, labels, ClusterObjective(streams, labels), "cross-validation fold")
		fp := clusterStream(test, cluster.Options{Model: m})
		for id, s := range fp {
			pred[id] = fmt.Sprintf("f%d-%s", f, s)
		}
		t := newTFIDF(train)
		th := chooseBaseline(train, trainLabels, t)
		r := foldResult{fold: f, articles: len(test), model: ScoreClusters(gold, fp), learned: m, threshold: th,
			baseline: ScoreClusters(gold, labelled(test, singlePass(test, t, th)))}
		r.gold = r.model.GoldClusters
		out = append(out, r)
	}
	return out, pred
}

// printFolds writes each fold's scores, the model's beside the
// baseline's, and their means.
func printFolds(w io.Writer, folds []foldResult) {
	fmt.Fprintf(w, "%-5s %8s %5s | %-17s %8s %-25s | %-17s %8s %9s\n", "fold", "articles", "gold", "model pair/BCubed", "clusters", "join/undated/bridge/merge", "TF-IDF pair/BCubed", "clusters", "threshold")
	var mp, mb, bp, bb, ratio float64
	beaten := 0
	for _, r := range folds {
		fmt.Fprintf(w, "%-5d %8d %5d | %.4f / %.4f   %8d %.2f / %.2f / %.2f / %.2f | %.4f / %.4f    %8d %9.3f\n", r.fold, r.articles, r.gold,
			r.model.PairF1, r.model.B3F1, r.model.Clusters, r.learned.Threshold, r.learned.JoinThreshold(false), r.learned.BridgeThreshold, r.learned.MergeThreshold,
			r.baseline.PairF1, r.baseline.B3F1, r.baseline.Clusters, r.threshold)
		mp += r.model.PairF1
		mb += r.model.B3F1
		bp += r.baseline.PairF1
		bb += r.baseline.B3F1
		ratio += float64(r.model.Clusters) / float64(max(1, r.gold))
		if r.model.PairF1 > r.baseline.PairF1 && r.model.B3F1 > r.baseline.B3F1 {
			beaten++
		}
	}
	n := float64(len(folds))
	fmt.Fprintf(w, "%-20s | %.4f / %.4f   %7.2fx %25s | %.4f / %.4f\n", "mean", mp/n, mb/n, ratio/n, "", bp/n, bb/n)
	fmt.Fprintf(w, "the model beats the baseline on both measures in %d of %d folds; its clusters are %.2f times the gold count on average\n", beaten, len(folds), ratio/n)
}

func printClusterScore(w io.Writer, title string, s ClusterScore) {
	fmt.Fprintf(w, "%s\n", title)
	fmt.Fprintf(w, "pairwise  P %.4f  R %.4f  F1 %.4f\n", s.PairP, s.PairR, s.PairF1)
	fmt.Fprintf(w, "BCubed    P %.4f  R %.4f  F1 %.4f\n", s.B3P, s.B3R, s.B3F1)
	fmt.Fprintf(w, "clusters  %d predicted, %d gold, %d articles; %d clusters merge look-alike events of one topic\n",
		s.Clusters, s.GoldClusters, s.Docs, s.Merged)
}

func writeClusterPredictions(path string, docs []cluster.Profile, pred map[string]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	enc := json.NewEncoder(bw)
	ids := make([]string, 0, len(docs))
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := enc.Encode(map[string]string{"id": id, "cluster": pred[id]}); err != nil {
			f.Close()
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ClusterObjective scores a training stream's clustering by the mean of
// pairwise and BCubed F1.
func ClusterObjective(streams [][]cluster.Profile, labels [][]string) cluster.Objective {
	return func(i int, stories []int) float64 {
		gold, pred := map[string]string{}, map[string]string{}
		for k, d := range streams[i] {
			gold[d.ID] = labels[i][k]
			pred[d.ID] = strconv.Itoa(stories[k])
		}
		s := ScoreClusters(gold, pred)
		return (s.PairF1 + s.B3F1) / 2
	}
}
