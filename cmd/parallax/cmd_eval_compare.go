package main

import (
	"context"
	"fmt"
	"os"

	"github.com/parallax-news/parallax/internal/eval"
)

func evalCompare(ctx context.Context, c *command, args []string) error {
	fs := newFlags(c, `eval compare --data basil-dev.jsonl.gz --gold basil-compare-dev.jsonl [--reports DIR]

For every BASIL event, writes its three articles as seed-format files
(fox.txt, hpo.txt, nyt.txt, as ../shared/scorers/basil_seedlike.py does),
makes the report 'parallax report --format json FOLDER' makes of them in a
fresh store, and scores the reports against the gold of what a
fact-checker finds, printing exactly what ../shared/scorers/score_compare.py
prints (its docstring defines the measures): conflicts found and right,
shared facts, what is "only in" one report and "left out", speakers, the
summary; the last line is the conflict F1.

--reports DIR writes each event's JSON report as DIR/<event_id>.json, for
reading or for the reference scorer.

--cv K instead scores K-fold cross-validation over events: each fold's
reports are built with an alignment model fitted and tuned on the other
folds only (the figure to expect on events never seen).

--bias instead measures what BASIL's own annotations allow (they mark
bias spans, not a comparison):
  quotes found       annotated spans inside a quotation (quote = yes) that
                     overlap a quote the report lists
  quotes attributed  of those whose speaker label is a person the article
                     names (Donald_Trump, not Democratic_Lawmakers or
                     other_*), the share whose quote has that speaker
                     (surnames compared)
  unique facts       informational-bias spans outside quotations (content
                     one outlet selected) whose sentence is in that outlet's
                     "only in this report" list; shown with the share of all
                     sentences listed there, the rate a blind guess would get`)
	data := fs.String("data", "", "BASIL events `file` (.jsonl or .jsonl.gz)")
	gold := fs.String("gold", "", "the comparison gold `file` (basil-compare-dev.jsonl)")
	reports := fs.String("reports", "", "write each event's JSON report into `dir`")
	bias := fs.Bool("bias", false, "measure against BASIL's own bias annotations instead")
	cv := fs.Int("cv", 0, "score `K`-fold cross-validation over events instead")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *data == "" {
		return fmt.Errorf("--data FILE is required")
	}
	if *bias {
		return eval.RunBias(os.Stdout, *data)
	}
	if *gold == "" {
		return fmt.Errorf("--gold FILE is required (the comparison gold, basil-compare-dev.jsonl), or --bias")
	}
	if *cv > 1 {
		return eval.CrossValidateCompare(ctx, os.Stdout, *data, *gold, *cv)
	}
	return eval.RunCompare(ctx, os.Stdout, *data, *gold, *reports)
}
