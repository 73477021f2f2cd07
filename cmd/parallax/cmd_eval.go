package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/parallax-news/parallax/internal/eval"
)

func init() {
	register(&command{
		name:    "eval",
		args:    "extraction|ner|quotes|cluster|copies|compare [flags]",
		summary: "Score Parallax on a benchmark's data with the benchmark's own definition.",
		run:     runEval,
	})
}

const evalHelp = `Subcommands:
  extraction  article-body extraction (DIR with ground-truth.json and
              html/<id>.html.gz), by the benchmark's own metric: WCXB's
              bag-of-words F1 per page (mean, per page type, snippet rates)
              when the ground truth gives page types, else the Scrapinghub
              4-shingle precision, recall, F1 and accuracy; pages/s for
              Parallax and, with --baselines, go-trafilatura and
              go-readability in the same run; --per-page FILE writes every
              page's scores as TSV (on WCXB with the gold and Parallax's
              title, authors and date). On WCXB it also reports metadata: title
              exact match (white space collapsed), author (the ground
              truth's first name equals one read, letters compared in lower
              case) and date (the publication date on the page's clock) over
              the pages whose ground truth gives one.
  quotes      direct quotes and speakers on PolNeAR-style JSON lines: strict and
              lenient P/R/F1 and speaker accuracy as the benchmark defines them;
              --predictions writes {"id","quotes":[{"start","end","speaker"}]}.
  ner         entity recognition on a CoNLL-2003 file: entity-level micro and
              per-type P/R/F1 and tokens/s; --predictions writes the gold file
              with the predicted IOB2 tag as an extra last column.
  cluster     story clustering of an event-labelled stream (ECB+ lines or
              BASIL events): pairwise and BCubed P/R/F1, clusters, merged
              look-alike events, articles/s; --cv K adds cross-validation.
  copies      copy detection on a set generated from real articles (copies
              with deletions, additions, new headlines, word edits):
              precision and recall.
  compare     story reports on BASIL events against a fact-checker's gold
              (--gold): conflicts, shared facts, only-in and left-out,
              speakers, summary, as score_compare.py scores them; --cv K
              cross-validates over events; --bias scores BASIL's own
              annotations instead.

Every subcommand reads --data (or its synonym --gold) and writes its
predictions to --predictions when given.`

func runEval(ctx context.Context, args []string) error {
	c := commands[indexOf("eval")]
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		newFlags(c, evalHelp).Usage()
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			return nil
		}
		return errUsage
	}
	switch args[0] {
	case "extraction":
		return evalExtraction(c, args[1:])
	case "ner":
		return evalNER(c, args[1:])
	case "quotes":
		return evalQuotes(c, args[1:])
	case "cluster":
		return evalCluster(c, args[1:])
	case "copies":
		return evalCopies(c, args[1:])
	case "compare":
		return evalCompare(ctx, c, args[1:])
	}
	return badUsage("unknown benchmark %q: choose extraction, ner, quotes, cluster, copies or compare", args[0])
}

func evalExtraction(c *command, args []string) error {
	fs := newFlags(c, evalHelp)
	data := fs.String("data", "", "benchmark `directory` (ground-truth.json, html/)")
	fs.StringVar(data, "gold", "", "same as --data")
	preds := fs.String("predictions", "", "write Parallax's predictions as JSON to `file`")
	baselines := fs.Bool("baselines", false, "also score go-trafilatura (with and without fallback) and go-readability")
	perPage := fs.String("per-page", "", "write every page's precision, recall and F1 for every extractor, and on WCXB its metadata, to `file` (TSV)")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *data == "" {
		return fmt.Errorf("--data DIR is required")
	}
	return eval.RunExtraction(os.Stdout, *data, eval.ExtractionOptions{Baselines: *baselines, Predictions: *preds, PerPage: *perPage})
}

func evalNER(c *command, args []string) error {
	fs := newFlags(c, evalHelp)
	gold := fs.String("gold", "", "CoNLL-2003 `file` (gzip accepted)")
	fs.StringVar(gold, "data", "", "same as --gold")
	preds := fs.String("predictions", "", "write the gold file with a predicted-tag column to `file`")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *gold == "" {
		return fmt.Errorf("--gold FILE is required")
	}
	return eval.RunNER(os.Stdout, *gold, *preds)
}

func evalQuotes(c *command, args []string) error {
	fs := newFlags(c, evalHelp)
	gold := fs.String("gold", "", "PolNeAR-style JSON lines `file` (gzip accepted)")
	fs.StringVar(gold, "data", "", "same as --gold")
	preds := fs.String("predictions", "", "write {\"id\",\"quotes\":[{\"start\",\"end\",\"speaker\"}]} lines to `file`")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *gold == "" {
		return fmt.Errorf("--gold FILE is required")
	}
	return eval.RunQuotes(os.Stdout, *gold, *preds)
}
