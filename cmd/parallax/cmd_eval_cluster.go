package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/timex"
)

func evalCluster(c *command, args []string) error {
	fs := newFlags(c, `eval cluster --data FILE [--predictions OUT.jsonl] [--cv K]

Clusters an event-labelled file as a stream, in file order (ECB+ lines:
{"id","date","title","text","cluster"}) or date order (BASIL lines: one
event with its articles, ids "<event_id>/<source>"), with the shipped
model, and prints pairwise and BCubed P/R/F1 as README-events.md defines
them, the number of clusters, the number of clusters that merge two
look-alike events of one topic, and articles/s.

--cv K also reports K-fold cross-validation: the model is learned on the
other folds' topics (ECB+) or events (BASIL) and scores the held-out fold.`)
	data := fs.String("data", "", "event-labelled `file` (.jsonl or .jsonl.gz)")
	fs.StringVar(data, "gold", "", "synonym of --data")
	predOut := fs.String("predictions", "", "write {\"id\",\"cluster\"} lines to `file`")
	cv := fs.Int("cv", 0, "also report `K`-fold cross-validation by topic/event")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *data == "" {
		return fmt.Errorf("--data FILE is required")
	}
	set, err := loadClusterSet(*data)
	if err != nil {
		return err
	}
	start := time.Now()
	pred := clusterStream(set.docs, cluster.Options{})
	elapsed := time.Since(start)
	score := eval.ScoreClusters(set.gold, pred)
	printClusterScore(fmt.Sprintf("%s (shipped model)", *data), score)
	fmt.Printf("speed     %.0f articles/s clustering (%d articles, %s; analysis before it: %.0f articles/s)\n",
		float64(len(set.docs))/elapsed.Seconds(), len(set.docs), elapsed.Round(time.Millisecond),
		float64(len(set.docs))/set.analysis.Seconds())
	if *cv > 1 {
		cvPred := crossValidate(set, *cv)
		printClusterScore(fmt.Sprintf("%d-fold cross-validation by %s", *cv, set.groupName), eval.ScoreClusters(set.gold, cvPred))
	}
	if *predOut != "" {
		return writeClusterPredictions(*predOut, set.docs, pred)
	}
	return nil
}

// clusterSet is an event-labelled file, analysed and ready to cluster.
type clusterSet struct {
	docs      []cluster.Profile
	labels    []string
	groups    []string
	gold      map[string]string
	groupName string
	analysis  time.Duration
}

func loadClusterSet(path string) (*clusterSet, error) {
	raw, err := eval.ReadEventDocs(path, eachJSONLine)
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
	set := &clusterSet{gold: map[string]string{}, groupName: "topic"}
	for i, d := range raw {
		arts[i] = ingest.Article{ID: d.ID, Outlet: d.Outlet, Format: ingest.FormatText, Title: d.Title, Raw: d.Text, Container: "jsonl"}
		if strings.TrimSpace(d.Text) == "" {
			// A one-sentence document: its title is all its text.
			arts[i].Title, arts[i].Raw = "", d.Title
		}
		if m, ok := timex.DayOf(d.Date); ok {
			arts[i].Published = m
		}
		set.labels = append(set.labels, d.Label)
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
		set.docs = append(set.docs, recs[i].Profile)
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

// crossValidate learns a model on all but one fold of groups and clusters
// the held-out fold's stream with it, for each fold.
func crossValidate(set *clusterSet, k int) map[string]string {
	fold := func(g string) int {
		h := fnv.New32a()
		h.Write([]byte(g))
		return int(h.Sum32() % uint32(k))
	}
	pred := map[string]string{}
	for f := 0; f < k; f++ {
		var train, test []cluster.Profile
		var trainLabels []string
		for i, d := range set.docs {
			if fold(set.groups[i]) == f {
				test = append(test, d)
			} else {
				train = append(train, d)
				trainLabels = append(trainLabels, set.labels[i])
			}
		}
		if len(test) == 0 {
			continue
		}
		m := cluster.Learn([][]cluster.Profile{train}, [][]string{trainLabels}, clusterObjective([][]cluster.Profile{train}, [][]string{trainLabels}), "cross-validation fold")
		for id, s := range clusterStream(test, cluster.Options{Model: m}) {
			pred[id] = fmt.Sprintf("f%d-%s", f, s)
		}
	}
	return pred
}

func printClusterScore(title string, s eval.ClusterScore) {
	fmt.Printf("%s\n", title)
	fmt.Printf("pairwise  P %.4f  R %.4f  F1 %.4f\n", s.PairP, s.PairR, s.PairF1)
	fmt.Printf("BCubed    P %.4f  R %.4f  F1 %.4f\n", s.B3P, s.B3R, s.B3F1)
	fmt.Printf("clusters  %d predicted, %d gold, %d articles; %d clusters merge look-alike events of one topic\n",
		s.Clusters, s.GoldClusters, s.Docs, s.Merged)
}

func writeClusterPredictions(path string, docs []cluster.Profile, pred map[string]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
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
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// clusterObjective scores a training stream's clustering by the mean of
// pairwise and BCubed F1.
func clusterObjective(streams [][]cluster.Profile, labels [][]string) cluster.Objective {
	return func(i int, stories []int) float64 {
		gold, pred := map[string]string{}, map[string]string{}
		for k, d := range streams[i] {
			gold[d.ID] = labels[i][k]
			pred[d.ID] = strconv.Itoa(stories[k])
		}
		s := eval.ScoreClusters(gold, pred)
		return (s.PairF1 + s.B3F1) / 2
	}
}
