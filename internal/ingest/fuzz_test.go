package ingest

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// readBytes runs the stream reader over data as if it were a file named name.
func readBytes(name string, data []byte) ([]Article, []error) {
	var arts []Article
	var errs []error
	r := &reader{ctx: context.Background(), opt: Options{MaxBytes: 1 << 20}, fn: func(res Result) error {
		if res.Err != nil {
			errs = append(errs, res.Err)
		} else {
			arts = append(arts, res.Article)
		}
		return nil
	}}
	r.readStream(name, "file", bytes.NewReader(data), timeZero)
	return arts, errs
}

func checkArticles(t *testing.T, arts []Article) {
	for _, a := range arts {
		if !utf8.ValidString(a.Raw) {
			t.Fatalf("article %s has invalid UTF-8", a.ID)
		}
		if a.ID == "" || a.Hash == "" || a.Outlet == "" {
			t.Fatalf("article without id/hash/outlet: %+v", a)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{"plain", "\xEF\xBB\xBFbom", "\xFF\xFEh\x00i\x00", "caf\xe9", "\x00\x01\x02", ""} {
		f.Add([]byte(s), "")
	}
	f.Add([]byte("\xd0\xc5\xd2\xc5"), "koi8-r")
	f.Fuzz(func(t *testing.T, b []byte, declared string) {
		s, _, err := Decode(b, declared)
		if err == nil && !utf8.ValidString(s) {
			t.Fatalf("Decode returned invalid UTF-8 for %q", b)
		}
	})
}

func FuzzReadText(f *testing.F) {
	seed, _ := os.ReadFile("../../examples/seeds/000_9cfc92a05877532c.txt")
	f.Add(seed)
	f.Add([]byte(" date 2025-01-01 "))
	f.Add([]byte("<html><body><p>x</p>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		arts, _ := readBytes("page.txt", b)
		checkArticles(t, arts)
	})
}

func FuzzReadJSON(f *testing.F) {
	data, _ := os.ReadFile("testdata/articles.jsonl")
	f.Add(data)
	f.Add([]byte(`[{"text":"a"},{"text":1}]`))
	f.Add([]byte("{\"text\":\"\\u0000\"}\n{"))
	f.Fuzz(func(t *testing.T, b []byte) {
		arts, _ := readBytes("in.jsonl", b)
		checkArticles(t, arts)
	})
}

func FuzzReadFeed(f *testing.F) {
	rss, _ := os.ReadFile("testdata/feed.rss")
	atom, _ := os.ReadFile("testdata/feed.atom")
	f.Add(rss)
	f.Add(atom)
	f.Fuzz(func(t *testing.T, b []byte) {
		arts, _ := readBytes("feed.rss", b)
		checkArticles(t, arts)
	})
}

func FuzzReadWARC(f *testing.F) {
	f.Add([]byte(warcResponse("https://a.example/x", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hello there</p>")))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if bytes.Count(b, []byte("Content-Length")) > 50 || strings.Contains(string(b), "Content-Length: 9999999") {
			return
		}
		arts, _ := readBytes("crawl.warc", b)
		checkArticles(t, arts)
	})
}

var timeZero = func() (z time.Time) { return }()
