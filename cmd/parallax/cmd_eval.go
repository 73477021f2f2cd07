package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/extract"
)

func init() {
	register(&command{
		name:    "eval",
		args:    "extraction|ner|quotes|cluster|compare [flags]",
		summary: "Score Parallax on a benchmark's data with the benchmark's own definition.",
		run:     runEval,
	})
}

const evalHelp = `Subcommands:
  extraction  article-body extraction (Scrapinghub benchmark layout: DIR with
              ground-truth.json and html/<id>.html.gz); prints precision,
              recall, F1, accuracy and pages/s for Parallax and, with
              --baselines, for go-trafilatura and go-readability in the same run.
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
  compare     story reports on BASIL events: quotes found and attributed,
              informational-bias facts listed as unique to their outlet.

Every subcommand reads --data (or its synonym --gold) and writes its
predictions to --predictions when given.`

func runEval(ctx context.Context, args []string) error {
	c := commands[indexOf("eval")]
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fs := newFlags(c, evalHelp)
		fs.Parse(args)
		fs.Usage()
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			return nil
		}
		return errUsage
	}
	switch args[0] {
	case "extraction":
		return evalExtraction(ctx, c, args[1:])
	case "ner":
		return evalNER(c, args[1:])
	case "quotes":
		return evalQuotes(c, args[1:])
	case "cluster":
		return evalCluster(c, args[1:])
	case "copies":
		return evalCopies(c, args[1:])
	case "compare":
		return evalCompare(c, args[1:])
	}
	return fmt.Errorf("unknown eval %q: choose extraction, ner or quotes", args[0])
}

func evalExtraction(ctx context.Context, c *command, args []string) error {
	fs := newFlags(c, evalHelp)
	data := fs.String("data", "", "benchmark `directory` (ground-truth.json, html/)")
	fs.StringVar(data, "gold", "", "same as --data")
	preds := fs.String("predictions", "", "write Parallax's predictions as JSON to `file`")
	baselines := fs.Bool("baselines", false, "also score go-trafilatura (with and without fallback) and go-readability")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *data == "" {
		return fmt.Errorf("--data DIR is required")
	}
	gold, err := readGroundTruth(filepath.Join(*data, "ground-truth.json"))
	if err != nil {
		return err
	}
	pages := map[string]string{}
	for _, id := range eval.SortedKeys(gold) {
		raw, err := readGzip(filepath.Join(*data, "html", id+".html.gz"))
		if err != nil {
			return err
		}
		pages[id] = raw
	}
	methods := []string{"parallax"}
	if *baselines {
		methods = append(methods, extract.Baselines...)
	}
	fmt.Printf("%-22s %9s %9s %9s %9s %6s %9s\n", "extractor", "precision", "recall", "F1", "accuracy", "empty", "pages/s")
	for _, m := range methods {
		out := map[string]map[string]string{}
		var counts []eval.PageCounts
		start := time.Now()
		for _, id := range eval.SortedKeys(gold) {
			var body string
			if m == "parallax" {
				body = extract.ArticleBody(pages[id], gold[id].URL)
			} else {
				body = extract.BaselineBody(pages[id], gold[id].URL, m)
			}
			out[id] = map[string]string{"articleBody": body}
			counts = append(counts, eval.ScorePage(gold[id].ArticleBody, body))
		}
		el := time.Since(start)
		s := eval.Aggregate(counts)
		fmt.Printf("%-22s %9.4f %9.4f %9.4f %9.4f %6d %9.1f   (F1 ±%.4f)\n", m, s.Precision, s.Recall, s.F1, s.Accuracy, s.Empty, float64(len(counts))/el.Seconds(), eval.BootstrapF1(counts, 1000))
		if m == "parallax" && *preds != "" {
			if err := writeJSONFile(*preds, out); err != nil {
				return err
			}
		}
	}
	return nil
}

type goldPage struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

func readGroundTruth(path string) (map[string]goldPage, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m map[string]goldPage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

func readGzip(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return string(b), nil
}

func writeJSONFile(path string, v any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// eachJSONLine calls fn with every non-blank line of a (gzipped) JSON
// lines file.
func eachJSONLine(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n := 0
	for sc.Scan() {
		n++
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	return sc.Err()
}
