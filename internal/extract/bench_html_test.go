package extract

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax/internal/ingest"
)

// BenchmarkCleanBenchmarkPages cleans the extraction benchmark's dev pages
// (read from ../shared when present).
func BenchmarkCleanBenchmarkPages(b *testing.B) {
	files, _ := filepath.Glob("../../../shared/data/extraction-dev/html/*.html.gz")
	if len(files) == 0 {
		b.Skip("no benchmark pages")
	}
	var pages []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		zr, _ := gzip.NewReader(fh)
		raw, _ := io.ReadAll(zr)
		fh.Close()
		pages = append(pages, string(raw))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := ingest.Article{Raw: pages[i%len(pages)], Format: ingest.FormatHTML}
		Clean(&a)
	}
}
