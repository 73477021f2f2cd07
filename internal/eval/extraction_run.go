package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/parallax-news/parallax/internal/extract"
)

// RunExtraction scores body extraction on a benchmark in the Scrapinghub
// layout (dir/ground-truth.json, dir/html/<id>.html.gz) and writes a table
// to w: Parallax, and with baselines go-trafilatura (with and without its
// fallback) and go-readability, on the same pages in the same run.
// Parallax's predictions go to predictions when it is not "".
func RunExtraction(w io.Writer, dir string, baselines bool, predictions string) error {
	gold, err := readGroundTruth(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return err
	}
	pages := map[string]string{}
	for _, id := range SortedKeys(gold) {
		raw, err := ReadGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return err
		}
		pages[id] = raw
	}
	methods := []string{"parallax"}
	if baselines {
		methods = append(methods, extract.Baselines...)
	}
	fmt.Fprintf(w, "%-22s %9s %9s %9s %9s %6s %9s\n", "extractor", "precision", "recall", "F1", "accuracy", "empty", "pages/s")
	for _, m := range methods {
		out := map[string]map[string]string{}
		var counts []PageCounts
		start := time.Now()
		for _, id := range SortedKeys(gold) {
			var body string
			if m == "parallax" {
				body = extract.ArticleBody(pages[id], gold[id].URL)
			} else {
				body = extract.BaselineBody(pages[id], gold[id].URL, m)
			}
			out[id] = map[string]string{"articleBody": body}
			counts = append(counts, ScorePage(gold[id].ArticleBody, body))
		}
		el := time.Since(start)
		s := Aggregate(counts)
		fmt.Fprintf(w, "%-22s %9.4f %9.4f %9.4f %9.4f %6d %9.1f   (F1 ±%.4f)\n", m, s.Precision, s.Recall, s.F1, s.Accuracy, s.Empty, float64(len(counts))/el.Seconds(), BootstrapF1(counts, 1000))
		if m == "parallax" && predictions != "" {
			if err := WriteJSONFile(predictions, out); err != nil {
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
