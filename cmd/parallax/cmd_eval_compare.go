package main

import (
	"fmt"
	"os"

	"github.com/parallax-news/parallax/internal/eval"
)

func evalCompare(c *command, args []string) error {
	fs := newFlags(c, `eval compare --data basil-dev.jsonl.gz [--reports DIR]

Builds the story report for every BASIL event (its three articles as one
story) and measures what BASIL's annotations allow:

  quotes found       annotated spans inside a quotation (quote = yes) that
                     overlap a quote the report lists
  quotes attributed  of those whose speaker label is a person the article
                     names (Donald_Trump, not Democratic_Lawmakers or
                     other_*), the share whose quote has that speaker
                     (surnames compared)
  unique facts       informational-bias spans outside quotations (content
                     one outlet selected) whose sentence is in that outlet's
                     "only in this report" list; shown with the share of all
                     sentences listed there, the rate a blind guess would get

--reports DIR writes each event's report as Markdown for reading.`)
	data := fs.String("data", "", "BASIL `file` (.jsonl or .jsonl.gz)")
	fs.StringVar(data, "gold", "", "synonym of --data")
	reports := fs.String("reports", "", "write each event's Markdown report into `dir`")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *data == "" {
		return fmt.Errorf("--data FILE is required")
	}
	return eval.RunCompare(os.Stdout, *data, *reports)
}
