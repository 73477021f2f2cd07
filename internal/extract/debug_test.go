package extract

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/ingest"
)

// TestDebugPage prints how cleaning classified each body line of one
// benchmark page: PARALLAX_DEBUG_PAGE=<id prefix>.
func TestDebugPage(t *testing.T) {
	prefix := os.Getenv("PARALLAX_DEBUG_PAGE")
	if prefix == "" {
		t.Skip("set PARALLAX_DEBUG_PAGE")
	}
	dir := "../../../shared/data/extraction-dev"
	files, _ := filepath.Glob(filepath.Join(dir, "html", prefix+"*.html.gz"))
	var gt map[string]struct{ URL string }
	b, _ := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	json.Unmarshal(b, &gt)
	for _, f := range files {
		fh, _ := os.Open(f)
		zr, _ := gzip.NewReader(fh)
		raw, _ := io.ReadAll(zr)
		id := strings.TrimSuffix(filepath.Base(f), ".html.gz")
		a := ingest.Article{Raw: string(raw), Format: ingest.FormatHTML, URL: gt[id].URL}
		bld := newBuilder(&a)
		root := bld.htmlLines()
		u, _ := url.Parse(a.URL)
		_ = u
		lines := unglue(root)
		for i := range lines {
			if lines[i].kind == kindBody {
				bld.classify(&lines[i])
			}
		}
		bld.zones(lines)
		for _, l := range lines {
			fmt.Printf("%-12s %s\n", l.kind, clipText(l.text, 110))
		}
	}
}

// TestDebugPageLines prints the page pass's reading of a benchmark page.
func TestDebugPageLines(t *testing.T) {
	prefix := os.Getenv("PARALLAX_DEBUG_PAGE")
	if prefix == "" {
		t.Skip("set PARALLAX_DEBUG_PAGE")
	}
	files, _ := filepath.Glob(filepath.Join("../../../shared/data/extraction-dev/html", prefix+"*.html.gz"))
	for _, f := range files {
		fh, _ := os.Open(f)
		zr, _ := gzip.NewReader(fh)
		raw, _ := io.ReadAll(zr)
		a := ingest.Article{Raw: string(raw), Format: ingest.FormatHTML}
		bld := newBuilder(&a)
		bld.htmlLines()
		fmt.Println("PAGE DEK:", bld.pageDek, "| TITLE:", bld.title, "| DESC:", bld.description)
	}
}
