package extract

import (
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/ingest"
)

// FuzzClean feeds arbitrary page text through cleaning and checks that it
// never panics and that every span it reports fits its text.
// maxFuzzInput bounds the inputs the fuzz targets try: mutations of a
// short page find the same parser and rule paths as of a long one, and a
// long input makes every execution and every minimisation step slow
// (long pages are tested on their own: TestPlaceDensePageIsLinear,
// the long-page benchmarks).
const maxFuzzInput = 1024

func FuzzClean(f *testing.F) {
	paths, _ := filepath.Glob("testdata/pages/*.txt")
	paths = append(paths, "../../examples/seeds/000_9cfc92a05877532c.txt", "../../examples/seeds/004_9db2e0d9894f95f3.txt")
	for _, p := range paths {
		if b, _ := os.ReadFile(p); len(b) <= maxFuzzInput {
			f.Add(string(b), false)
		}
	}
	f.Add("<html><body><h1>T</h1><p>Body text here.</p></body></html>", true)
	f.Fuzz(func(t *testing.T, raw string, html bool) {
		if !utf8.ValidString(raw) || len(raw) > maxFuzzInput {
			return // ingest hands over valid UTF-8 only; long pages have their own tests
		}
		a := ingest.Article{Raw: raw, Format: ingest.FormatText, Published: mustDay("2025-11-30")}
		if html {
			a.Format = ingest.FormatHTML
		}
		if ingest.SeedHeader.MatchString(raw) {
			a.Format = ingest.FormatSeed
		}
		d := Clean(&a)
		for _, p := range d.Paragraphs {
			if p.Start < 0 || p.End > len(d.Text) || p.Start > p.End {
				t.Fatalf("paragraph %v outside text of %d bytes", p, len(d.Text))
			}
		}
		for _, r := range d.Removed {
			if r.Span.End > len(raw) || r.Span.Start > r.Span.End {
				t.Fatalf("removed span %v outside raw of %d bytes", r.Span, len(raw))
			}
		}
		if !utf8.ValidString(d.Text) {
			t.Fatal("cleaned text is not valid UTF-8")
		}
	})
}

// FuzzExtractHTML runs the whole HTML path — parsing, both extractors, the
// line rules — on arbitrary markup.
func FuzzExtractHTML(f *testing.F) {
	paths, _ := filepath.Glob("testdata/html/*.html")
	for _, p := range paths {
		if b, _ := os.ReadFile(p); len(b) <= maxFuzzInput {
			f.Add(string(b))
		}
	}
	f.Add("<table><tr><td><p>x<td><li>y</table><h1>")
	f.Fuzz(func(t *testing.T, raw string) {
		if !utf8.ValidString(raw) || len(raw) > maxFuzzInput {
			return
		}
		a := ingest.Article{Raw: raw, Format: ingest.FormatHTML}
		start := time.Now()
		d := Clean(&a)
		if el := time.Since(start); el > 5*time.Second {
			t.Fatalf("cleaning %d bytes took %s", len(raw), el)
		}
		for _, p := range d.Paragraphs {
			if p.Start < 0 || p.End > len(d.Text) || p.Start > p.End {
				t.Fatalf("paragraph %v outside text of %d bytes", p, len(d.Text))
			}
		}
	})
}
