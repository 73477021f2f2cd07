package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func errText(errs []error) string {
	var s []string
	for _, e := range errs {
		s = append(s, e.Error())
	}
	return strings.Join(s, "\n")
}

func TestSeedAndPlainText(t *testing.T) {
	dir := t.TempDir()
	seed := write(t, dir, "abc.txt", []byte(" date 2025-11-30 Headline here\n\nBody text of the article.\n"))
	plain := write(t, dir, "plain.txt", []byte("Headline\n\nBody without a date.\n"))
	arts, errs := ReadFiles([]string{seed, plain}, Options{})
	if len(errs) > 0 || len(arts) != 2 {
		t.Fatalf("got %d articles, errors: %s", len(arts), errText(errs))
	}
	if arts[0].Format != FormatSeed || arts[0].Published.Date() != "2025-11-30" {
		t.Errorf("seed: format %s date %s", arts[0].Format, arts[0].Published.Date())
	}
	if arts[1].Format != FormatText || !arts[1].Published.IsZero() {
		t.Errorf("plain: format %s date %v", arts[1].Format, arts[1].Published)
	}
	if arts[0].Outlet != "abc" || arts[0].OutletFrom != "file" {
		t.Errorf("outlet from file stem: %q (%s)", arts[0].Outlet, arts[0].OutletFrom)
	}
}

func TestOutletPrecedence(t *testing.T) {
	dir := t.TempDir()
	text := []byte("Title\n\nStory text.\n\n© 2025 Coastal Herald. All rights reserved.\n")
	p := write(t, dir, "x.txt", text)
	html := write(t, dir, "page.html", []byte(`<html><head><link rel="canonical" href="https://www.example-news.com/a/1"></head><body><p>Hi there, this is a page.</p></body></html>`))
	cases := []struct {
		path, flag, want, from string
	}{
		{p, "", "Coastal Herald", "text"},
		{p, "Flag Outlet", "Flag Outlet", "flag"},
		{html, "", "example-news.com", "url"},
	}
	for _, tc := range cases {
		arts, errs := ReadFiles([]string{tc.path}, Options{Outlet: tc.flag})
		if len(errs) > 0 || len(arts) != 1 {
			t.Fatalf("%s: %s", tc.path, errText(errs))
		}
		if arts[0].Outlet != tc.want || arts[0].OutletFrom != tc.from {
			t.Errorf("%s flag %q: outlet %q from %s, want %q from %s", tc.path, tc.flag, arts[0].Outlet, arts[0].OutletFrom, tc.want, tc.from)
		}
	}
}

func TestIdentity(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "one/story.txt", []byte("Title\n\nText.\n"))
	b := write(t, dir, "two/story.txt", []byte("Title\n\nText.\n"))
	c := write(t, dir, "two/other.txt", []byte("Title\n\nText.\n"))
	arts, _ := ReadFiles([]string{a, b, c}, Options{Outlet: "Same"})
	if arts[0].ID == arts[1].ID || arts[0].Key == arts[1].Key {
		t.Errorf("one/story.txt and two/story.txt are two articles, got one id %s", arts[0].ID)
	}
	if arts[0].Key != "path:"+ResolvePath(a) {
		t.Errorf("a file's key is its full resolved path: %q", arts[0].Key)
	}
	if arts[0].Hash != arts[2].Hash {
		t.Error("same content, different hash")
	}
	// The same file named another way (relative, through a link) is the
	// same article.
	link := filepath.Join(dir, "link")
	if err := os.Symlink(filepath.Join(dir, "one"), link); err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(mustGetwd(t), a)
	again, _ := ReadFiles([]string{rel, filepath.Join(link, "story.txt")}, Options{Outlet: "Same"})
	for _, x := range again {
		if x.ID != arts[0].ID || x.Key != arts[0].Key {
			t.Errorf("%s: id %s key %q, want %s %q", x.Source, x.ID, x.Key, arts[0].ID, arts[0].Key)
		}
	}
	// New content at the same path keeps the key: a revision.
	write(t, dir, "one/story.txt", []byte("Title\n\nText, revised.\n"))
	rev, _ := ReadFiles([]string{a}, Options{Outlet: "Same"})
	if rev[0].ID != arts[0].ID || rev[0].Hash == arts[0].Hash {
		t.Errorf("revision: id %s hash %s", rev[0].ID, rev[0].Hash)
	}
	other, _ := ReadFiles([]string{a}, Options{Outlet: "Other"})
	if other[0].ID == arts[0].ID {
		t.Error("same text from two outlets must be two articles")
	}
	if !strings.HasPrefix(arts[0].ID, "same-") {
		t.Errorf("id %q should start with the outlet slug", arts[0].ID)
	}
	// Standard input and uploads without a name are known by content,
	// scoped to the outlet; an upload given a path is that file.
	up, _ := ReadBytes(context.Background(), ".txt", []byte("Title\n\nText.\n"), Options{Outlet: "Same"})
	if !strings.HasPrefix(up[0].Key, "hash:same\t") {
		t.Errorf("upload key %q", up[0].Key)
	}
	up, _ = ReadBytes(context.Background(), ".txt", []byte("Title\n\nText, revised.\n"), Options{Outlet: "Same", Path: ResolvePath(a)})
	if up[0].ID != arts[0].ID {
		t.Errorf("upload with the file's path: id %s, want %s", up[0].ID, arts[0].ID)
	}
}

func TestRecordIDsAreScopedToTheOutlet(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "feed.jsonl", []byte(`{"id":"7","source":"A","text":"One text."}
{"id":"7","source":"B","text":"Another text."}
{"id":"7","source":"A","text":"One text, corrected."}
`))
	arts, errs := ReadFiles([]string{p}, Options{})
	if len(errs) > 0 || len(arts) != 3 {
		t.Fatalf("%d articles: %s", len(arts), errText(errs))
	}
	if arts[0].Key == arts[1].Key {
		t.Error("the same record id of two outlets must be two articles")
	}
	if arts[0].Key != arts[2].Key || arts[0].ID != arts[2].ID {
		t.Error("the same record id of one outlet is one article (a revision)")
	}
}

func mustGetwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

func TestEncodings(t *testing.T) {
	const text = "Café crème – naïve façade: “quotes” and €uro"
	latin1 := "Café crème naïve façade"
	w1252, _ := charmap.Windows1252.NewEncoder().String(text)
	l1, _ := charmap.ISO8859_1.NewEncoder().String(latin1)
	u16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	u16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(text)
	u16nobom, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String("Plain ASCII text in UTF-16 without a mark")
	koi8, _ := charmap.KOI8R.NewEncoder().String("Переговоры в Женеве продолжились в воскресенье вечером, сообщили дипломаты.")
	cases := []struct {
		name, data, want, enc string
	}{
		{"utf8", text, text, "utf-8"},
		{"utf8bom", "\xEF\xBB\xBF" + text, text, "utf-8"},
		{"win1252", w1252, text, "windows-1252"},
		{"latin1", l1, latin1, ""},
		{"utf16le", u16le, text, "utf-16le"},
		{"utf16be", u16be, text, "utf-16be"},
		{"utf16nobom", u16nobom, "Plain ASCII text in UTF-16 without a mark", "utf-16le"},
		{"koi8", koi8, "Переговоры в Женеве продолжились в воскресенье вечером, сообщили дипломаты.", ""},
	}
	for _, tc := range cases {
		got, enc, err := Decode([]byte(tc.data), "")
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got != tc.want {
			t.Errorf("%s: decoded %q (as %s), want %q", tc.name, got, enc, tc.want)
		}
		if tc.enc != "" && enc != tc.enc {
			t.Errorf("%s: encoding %s, want %s", tc.name, enc, tc.enc)
		}
	}
	// A declared charset that is right is used; one that is wrong is not
	// trusted over valid UTF-8.
	if got, _, _ := Decode([]byte(koi8), "koi8-r"); !strings.HasPrefix(got, "Переговоры") {
		t.Errorf("declared koi8-r ignored: %q", got)
	}
	if got, enc, _ := Decode([]byte(text), "shift_jis"); got != text || enc != "utf-8" {
		t.Errorf("valid UTF-8 declared as Shift-JIS decoded as %s: %q", enc, got)
	}
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("word "), 300)
	files := map[string][]byte{
		"empty.txt":       {},
		"blank.txt":       []byte("   \n\n  "),
		"binary.txt":      {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R', 0, 0, 1, 0},
		"junk.html":       append([]byte("<html>"), bytes.Repeat([]byte{0, 1, 2, 3, 0xff}, 100)...),
		"header-only.txt": []byte(" date 2025-01-01 "),
		"truncated.jsonl.gz": func() []byte {
			var recs strings.Builder
			for i := 0; i < 3000; i++ {
				fmt.Fprintf(&recs, `{"title":"t%d","text":"text %d of %x"}`+"\n", i, i*7919, i*104729)
			}
			b := gz([]byte(recs.String()))
			return b[:len(b)/2]
		}(),
		"big.txt":      big,
		"broken.rss":   []byte(`<?xml version="1.0"?><rss><channel><title>x</title><item><title>a</tit`),
		"broken.warc":  []byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\nshort"),
		"notwarc.warc": []byte("hello, I am not a WARC file\n"),
	}
	var paths []string
	for name, data := range files {
		paths = append(paths, write(t, dir, name, data))
	}
	arts, errs := ReadFiles(paths, Options{MaxBytes: 1000})
	reasons := map[string]string{}
	for _, e := range errs {
		var ie *InputError
		if !errors.As(e, &ie) {
			t.Errorf("error without input name: %v", e)
			continue
		}
		reasons[filepath.Base(strings.SplitN(ie.Input, ":", 2)[0])] += ie.Err.Error() + "; "
	}
	want := map[string]string{
		"empty.txt":          "empty input",
		"blank.txt":          "empty input",
		"binary.txt":         "binary data",
		"junk.html":          "binary data",
		"header-only.txt":    "no text after the date header",
		"truncated.jsonl.gz": "truncated gzip",
		"big.txt":            "larger than the",
		"broken.rss":         "not a valid RSS or Atom feed",
		"broken.warc":        "WARC record truncated",
		"notwarc.warc":       "not a WARC record",
	}
	for name, reason := range want {
		if !strings.Contains(reasons[name], reason) {
			t.Errorf("%s: error %q, want it to mention %q", name, reasons[name], reason)
		}
	}
	// The truncated gzip still yields the records before the cut.
	if len(arts) == 0 {
		t.Error("records before the truncation were lost")
	}
	_, errs = ReadFiles([]string{filepath.Join(dir, "missing.txt")}, Options{})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "missing.txt: no such file") {
		t.Errorf("missing file: %v", errs)
	}
}

func TestJSONLines(t *testing.T) {
	arts, errs := ReadFiles([]string{"testdata/articles.jsonl"}, Options{})
	if len(arts) != 2 {
		t.Fatalf("got %d articles, want 2; errors: %s", len(arts), errText(errs))
	}
	if arts[0].Outlet != "River Post" || arts[0].Title != "Bridge reopens" || arts[0].URL == "" || arts[0].Published.Date() != "2025-11-30" {
		t.Errorf("first record read wrong: %+v", arts[0])
	}
	msgs := errText(errs)
	for _, want := range []string{
		"articles.jsonl:3: invalid JSON",
		`articles.jsonl:4: no article text`,
		`articles.jsonl:5: field "source" is a number`,
		"articles.jsonl:6: invalid JSON: a record must be a JSON object",
		`articles.jsonl:7: field "date": cannot read "yesterday-ish"`,
	} {
		if !strings.Contains(msgs, want) {
			t.Errorf("errors lack %q:\n%s", want, msgs)
		}
	}
	// gzip and arrays read the same records.
	dir := t.TempDir()
	raw, _ := os.ReadFile("testdata/articles.jsonl")
	gzPath := write(t, dir, "a.jsonl.gz", gz(raw))
	garts, _ := ReadFiles([]string{gzPath}, Options{})
	if len(garts) != 2 || garts[0].ID != arts[0].ID {
		t.Errorf("gzip read differs: %d articles", len(garts))
	}
	arr := write(t, dir, "arr.json", []byte(`[{"title":"A","text":"Alpha text.","source":"S"},{"title":"B","text":"<p>Beta <b>html</b></p>","source":"S"}]`))
	aarts, aerrs := ReadFiles([]string{arr}, Options{})
	if len(aarts) != 2 || len(aerrs) > 0 || aarts[1].Format != FormatHTML {
		t.Errorf("array: %d articles, %v, format %s", len(aarts), aerrs, aarts[len(aarts)-1].Format)
	}
}

func TestFeeds(t *testing.T) {
	arts, errs := ReadFiles([]string{"testdata/feed.rss", "testdata/feed.atom"}, Options{})
	if len(arts) != 3 {
		t.Fatalf("got %d articles: %s", len(arts), errText(errs))
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "item 3") || !strings.Contains(errs[0].Error(), "has no text") {
		t.Errorf("link-only item error: %s", errText(errs))
	}
	r := arts[0]
	if r.Outlet != "Harbour Gazette" || r.Container != "rss" || r.Format != FormatHTML || r.Published.String() != "2025-12-01T07:30:00Z" {
		t.Errorf("rss item: outlet %q container %s format %s published %s", r.Outlet, r.Container, r.Format, r.Published)
	}
	if strings.Contains(arts[0].ID, "utm") || arts[0].URL == "" {
		t.Errorf("rss id/url: %s %s", arts[0].ID, arts[0].URL)
	}
	a := arts[2]
	if a.Outlet != "Valley Times" || a.Container != "atom" || a.Published.String() != "2025-11-30T16:30:02Z" {
		t.Errorf("atom entry: %q %s %s", a.Outlet, a.Container, a.Published)
	}
}

// warcRecord builds one WARC response record around an HTTP response.
func warcResponse(uri, httpMsg string) string {
	return fmt.Sprintf("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: 2025-12-01T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", uri, len(httpMsg), httpMsg)
}

func TestWARC(t *testing.T) {
	page := "<html><body><p>Rain fell all day in the valley, flooding two roads.</p></body></html>"
	var gzBody bytes.Buffer
	zw := gzip.NewWriter(&gzBody)
	zw.Write([]byte(page))
	zw.Close()
	chunked := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n" +
		fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(page), page)
	records := "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n" +
		warcResponse("https://valley.example/rain", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"+page) +
		warcResponse("https://valley.example/rain-gz", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"+gzBody.String()) +
		warcResponse("https://valley.example/rain-chunked", chunked) +
		warcResponse("https://valley.example/logo.png", "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNGDATA") +
		warcResponse("https://valley.example/missing", "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nnope")
	dir := t.TempDir()
	var multi bytes.Buffer // WARC.gz is one gzip member per record
	for _, rec := range strings.SplitAfter(records, "\r\n\r\nWARC") {
		_ = rec
	}
	multi.Write(gz([]byte(records)))
	paths := []string{write(t, dir, "crawl.warc", []byte(records)), write(t, dir, "crawl.warc.gz", multi.Bytes())}
	for _, p := range paths {
		arts, errs := ReadFiles([]string{p}, Options{})
		if len(errs) > 0 || len(arts) != 3 {
			t.Fatalf("%s: %d articles, errors: %s", p, len(arts), errText(errs))
		}
		for _, a := range arts {
			if !strings.Contains(a.Raw, "Rain fell all day") || a.Container != "warc" || a.Outlet != "valley.example" || a.Fetched.IsZero() {
				t.Errorf("%s: record read wrong: %+v", p, a)
			}
		}
	}
}

func TestDirectoryWalk(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/one.txt", []byte("One\n\nFirst text."))
	write(t, dir, "a/b/two.html", []byte("<p>Second text here.</p>"))
	write(t, dir, ".hidden/three.txt", []byte("Hidden\n\nNot read."))
	// Pages saved without a known extension are read by their content.
	write(t, dir, "notes", []byte("Notes\n\nA text file without an extension."))
	write(t, dir, "page.shtml", []byte("<html><body><p>A page saved as shtml.</p></body></html>"))
	write(t, dir, "index.php", []byte("<!DOCTYPE html><html><body><p>A page saved as php.</p></body></html>"))
	// What is not an article is skipped, each with its reason.
	write(t, dir, "style.css", []byte("body { color: red }"))
	write(t, dir, "photo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	write(t, dir, "blob.dat", []byte{0, 1, 2, 3, 0, 0, 0, 9, 9, 0, 0})
	arts, errs := ReadFiles([]string{dir}, Options{})
	if len(arts) != 5 {
		t.Errorf("walk: %d articles, want 5", len(arts))
	}
	var skipped []string
	for _, err := range errs {
		var skip *SkipError
		if !errors.As(err, &skip) {
			t.Errorf("unexpected failure: %v", err)
			continue
		}
		skipped = append(skipped, filepath.Base(skip.Input)+": "+skip.Reason)
	}
	sort.Strings(skipped)
	want := []string{"blob.dat: binary data, not text", "photo.png: an image (.png), not an article", "style.css: a style sheet (.css), not an article"}
	if strings.Join(skipped, "|") != strings.Join(want, "|") {
		t.Errorf("skipped:\n%s\nwant:\n%s", strings.Join(skipped, "\n"), strings.Join(want, "\n"))
	}
}

func TestStdin(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = old }()
	go func() {
		w.Write([]byte(`{"title":"From a pipe","text":"Piped text.","source":"Pipe"}` + "\n"))
		w.Close()
	}()
	arts, errs := ReadFiles([]string{"-"}, Options{})
	if len(errs) > 0 || len(arts) != 1 || arts[0].Outlet != "Pipe" {
		t.Fatalf("stdin: %d articles, %s", len(arts), errText(errs))
	}
}

func TestProgressReportsBytes(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", []byte("A\n\nText one."))
	write(t, dir, "b.txt", []byte("B\n\nText two, longer."))
	var last, total int64
	_, _ = ReadFiles([]string{dir}, Options{Progress: func(d, t int64) { last, total = d, t }})
	if total == 0 || last != total {
		t.Errorf("progress ended at %d of %d", last, total)
	}
}
