package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/timex"
)

// ExtractionOptions are what RunExtraction is asked for besides the
// benchmark's folder.
type ExtractionOptions struct {
	// Baselines adds go-trafilatura (with and without its fallback) and
	// go-readability, on the same pages in the same run.
	Baselines bool
	// Predictions, when set, receives Parallax's bodies as JSON
	// ({id: {"articleBody": text}}).
	Predictions string
	// PerPage, when set, receives every page's scores for every extractor
	// as tab-separated values.
	PerPage string
}

// RunExtraction scores body extraction on a benchmark folder
// (dir/ground-truth.json, dir/html/<id>.html.gz) by the benchmark's own
// metric, chosen by what the ground truth holds: WCXB's (bag-of-words F1
// per page, mean over pages, per page type, snippet rates) when it gives
// page types or snippets, else the Scrapinghub benchmark's 4-shingle
// metric. It writes a table to w.
func RunExtraction(w io.Writer, dir string, opt ExtractionOptions) error {
	gold, err := readGroundTruth(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return err
	}
	ids := SortedKeys(gold)
	pages := map[string]string{}
	for _, id := range ids {
		raw, err := ReadGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return err
		}
		pages[id] = raw
	}
	methods := []string{"parallax"}
	if opt.Baselines {
		methods = append(methods, extract.Baselines...)
	}
	wcxb := isWCXB(gold)
	// scores[m][k] is method m's score of page ids[k]: precision, recall, F1.
	scores := make([][][3]float64, len(methods))
	var wcxbScores []WCXBScore
	meta := make([]MetadataScore, 2) // Parallax's and go-trafilatura's
	var metas []PageMetadata         // Parallax's reading of each page's metadata (WCXB)
	if wcxb {
		fmt.Fprintf(w, "WCXB metric: bag-of-words F1 per page, mean over %d pages (as score_wcxb.py)\n", len(ids))
		fmt.Fprintf(w, "%-22s %7s %7s %7s %6s %8s %6s %8s\n", "extractor", "P", "R", "F1", "with", "without", "empty", "pages/s")
	} else {
		fmt.Fprintf(w, "%-22s %9s %9s %9s %9s %6s %9s\n", "extractor", "precision", "recall", "F1", "accuracy", "empty", "pages/s")
	}
	for mi, m := range methods {
		out := map[string]map[string]string{}
		bodies := make([]string, len(ids))
		start := time.Now()
		for k, id := range ids {
			if m == "parallax" {
				var md PageMetadata
				bodies[k], md = parallaxPage(pages[id], gold[id].URL)
				if wcxb {
					meta[0].Add(gold[id], md)
					metas = append(metas, md)
				}
			} else {
				bodies[k] = extract.BaselineBody(pages[id], gold[id].URL, m)
			}
			out[id] = map[string]string{"articleBody": bodies[k]}
		}
		rate := float64(len(ids)) / time.Since(start).Seconds()
		if wcxb {
			var ps []WCXBPage
			for k, id := range ids {
				p := ScoreWCXBPage(gold[id], bodies[k])
				ps = append(ps, p)
				scores[mi] = append(scores[mi], [3]float64{p.Precision, p.Recall, p.F1})
			}
			s := AggregateWCXB(ps)
			wcxbScores = append(wcxbScores, s)
			fmt.Fprintf(w, "%-22s %7.4f %7.4f %7.4f %6.3f %8.3f %6d %8.1f\n", m, s.Precision, s.Recall, s.F1, s.With, s.Without, s.Empty, rate)
		} else {
			var counts []PageCounts
			for k, id := range ids {
				c := ScorePage(gold[id].ArticleBody, bodies[k])
				counts = append(counts, c)
				p, r := c.precision(), c.recall()
				scores[mi] = append(scores[mi], [3]float64{p, r, f1(p, r)})
			}
			s := Aggregate(counts)
			fmt.Fprintf(w, "%-22s %9.4f %9.4f %9.4f %9.4f %6d %9.1f   (F1 ±%.4f)\n", m, s.Precision, s.Recall, s.F1, s.Accuracy, s.Empty, rate, BootstrapF1(counts, 1000))
		}
		if m == "parallax" && opt.Predictions != "" {
			if err := WriteJSONFile(opt.Predictions, out); err != nil {
				return err
			}
		}
	}
	if wcxb {
		printTypes(w, methods, wcxbScores)
		if opt.Baselines {
			for _, id := range ids {
				title, author, date := extract.BaselineMetadata(pages[id], gold[id].URL)
				md := PageMetadata{Title: title}
				if author != "" {
					md.Authors = strings.Split(author, "; ")
				}
				if !date.IsZero() {
					md.Date = date.Format("2006-01-02")
				}
				meta[1].Add(gold[id], md)
			}
		}
		printMetadata(w, meta[:1+min(1, len(methods)-1)])
	}
	if opt.PerPage != "" {
		return writePerPage(opt.PerPage, ids, gold, methods, scores, metas)
	}
	return nil
}

// parallaxPage cleans a page as ingest does and returns its body and
// metadata.
func parallaxPage(raw, pageURL string) (string, PageMetadata) {
	a := ingest.Article{Raw: raw, URL: pageURL, Format: ingest.FormatHTML}
	d := extract.Clean(&a)
	md := PageMetadata{Title: d.Headline.Value}
	for _, f := range d.Authors {
		md.Authors = append(md.Authors, f.Value)
	}
	if t := extract.PublishedTime(&d, timex.Moment{}); !t.IsZero() {
		md.Date = t.Local().Format("2006-01-02")
	}
	return d.Body(), md
}

// printMetadata writes how often each extractor reads the title, author
// and date the ground truth gives.
func printMetadata(w io.Writer, scores []MetadataScore) {
	names := []string{"parallax", "trafilatura"}
	fmt.Fprintf(w, "\nmetadata (title exact; author and date over the pages that give one; extra: given where none is)\n")
	fmt.Fprintf(w, "%-22s %7s %8s %6s %7s %6s\n", "extractor", "title", "author", "extra", "date", "extra")
	for i, s := range scores {
		fmt.Fprintf(w, "%-22s %7.4f %8.4f %6d %7.4f %6d   (%d pages, %d with an author, %d with a date)\n", names[i],
			ratio(s.TitleRight, s.Pages), ratio(s.AuthorRight, s.AuthorPages), s.AuthorExtra,
			ratio(s.DateRight, s.DatePages), s.DateExtra, s.Pages, s.AuthorPages, s.DatePages)
	}
}

// printTypes writes the mean F1 per page type of every extractor.
func printTypes(w io.Writer, methods []string, scores []WCXBScore) {
	fmt.Fprintf(w, "\nmean F1 by page type\n%-14s %6s", "type", "pages")
	for _, m := range methods {
		fmt.Fprintf(w, " %21s", m)
	}
	fmt.Fprintln(w)
	for _, t := range scores[0].Types() {
		fmt.Fprintf(w, "%-14s %6d", t, scores[0].ByType[t].Pages)
		for _, s := range scores {
			fmt.Fprintf(w, " %21.4f", s.ByType[t].F1)
		}
		fmt.Fprintln(w)
	}
}

// writePerPage writes one line per page: its id and type, then each
// extractor's precision, recall and F1 on it.
// On WCXB it adds the metadata the ground truth gives beside Parallax's
// reading of it (metas, one per page; nil elsewhere).
func writePerPage(path string, ids []string, gold map[string]GoldPage, methods []string, scores [][][3]float64, metas []PageMetadata) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	head := []string{"id", "page_type"}
	for _, m := range methods {
		head = append(head, m+"_precision", m+"_recall", m+"_f1")
	}
	if metas != nil {
		head = append(head, "gold_title", "parallax_title", "gold_author", "parallax_authors", "gold_date", "parallax_date")
	}
	fmt.Fprintln(bw, strings.Join(head, "\t"))
	for k, id := range ids {
		row := []string{id, gold[id].PageType}
		for mi := range methods {
			s := scores[mi][k]
			row = append(row, fmt.Sprintf("%.4f", s[0]), fmt.Sprintf("%.4f", s[1]), fmt.Sprintf("%.4f", s[2]))
		}
		if metas != nil {
			g, m := gold[id], metas[k]
			row = append(row, tsvCell(g.Title), tsvCell(m.Title), tsvCell(g.Author), tsvCell(strings.Join(m.Authors, "; ")), g.Date, m.Date)
		}
		fmt.Fprintln(bw, strings.Join(row, "\t"))
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// tsvCell keeps a value on one line of one cell.
func tsvCell(s string) string { return strings.Join(strings.Fields(s), " ") }

// GoldPage is one page of an extraction benchmark's ground truth. The
// Scrapinghub benchmark gives the body and URL; WCXB adds the page type,
// snippets and metadata.
type GoldPage struct {
	ArticleBody string   `json:"articleBody"`
	URL         string   `json:"url"`
	PageType    string   `json:"pageType"`
	With        []string `json:"with"`
	Without     []string `json:"without"`
	Title       string   `json:"title"`
	Author      string   `json:"author"`
	Date        string   `json:"date"`
}

// isWCXB reports whether a ground truth is WCXB's: it gives page types or
// snippets.
func isWCXB(gold map[string]GoldPage) bool {
	for _, g := range gold {
		if g.PageType != "" || g.With != nil || g.Without != nil {
			return true
		}
	}
	return false
}

func readGroundTruth(path string) (map[string]GoldPage, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m map[string]GoldPage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}
