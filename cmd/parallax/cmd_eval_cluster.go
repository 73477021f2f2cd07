package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/parallax-news/parallax/internal/eval"
)

func evalCluster(c *command, args []string) error {
	fs := newFlags(c, `eval cluster --data FILE [--predictions OUT.jsonl] [--cv K [--train-also FILES]]

Clusters an event-labelled file as a stream, in file order (ECB+ lines:
{"id","date","title","text","cluster"}) or date order (BASIL lines: one
event with its articles, ids "<event_id>/<source>"), with the shipped
model, and prints pairwise and BCubed P/R/F1 as README-events.md defines
them, the number of clusters, the number of clusters that merge two
look-alike events of one topic, and articles/s.

--cv K also reports K-fold cross-validation: the model is learned on the
other folds' topics (ECB+: both look-alike events of a topic fall in one
fold) or events (BASIL) and scores the held-out fold. Each fold's pairwise
and BCubed F1 and cluster count are printed beside a plain TF-IDF
single-pass clusterer's, whose one threshold is chosen on the same training
folds, then the means. The CV figure, not the dev figure, is the forecast
for events never seen. --train-also adds whole files to every fold's
training, as the shipped model learns from ECB+ and BASIL together: a
model learned on BASIL's 100 articles alone leans on time and on a
likeness level no other source shares.`)
	data := fs.String("data", "", "event-labelled `file` (.jsonl or .jsonl.gz)")
	fs.StringVar(data, "gold", "", "synonym of --data")
	predOut := fs.String("predictions", "", "write {\"id\",\"cluster\"} lines to `file`")
	cv := fs.Int("cv", 0, "also report `K`-fold cross-validation by topic/event")
	also := fs.String("train-also", "", "comma-separated event-labelled `files` every fold also learns from")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *data == "" {
		return fmt.Errorf("--data FILE is required")
	}
	var extra []string
	if *also != "" {
		extra = strings.Split(*also, ",")
	}
	return eval.RunCluster(os.Stdout, *data, *predOut, *cv, extra...)
}
