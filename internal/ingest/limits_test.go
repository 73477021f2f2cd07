package ingest

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// bomb is a gzip stream of n spaces wrapped in a page: a few kilobytes
// that inflate to n bytes.
func bomb(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<html><body><p>")
	b.Write(bytes.Repeat([]byte(" "), n))
	b.WriteString("</p></body></html>")
	return gz(b.Bytes())
}

func TestDecompressionBombIsRefused(t *testing.T) {
	const limit = 1 << 20
	body := bomb(64 << 20) // 64 MiB inflated, about 64 KB compressed
	page := "<html><body><p>Rain fell all day in the valley, flooding two roads.</p></body></html>"
	warc := warcResponse("https://valley.example/bomb", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"+string(body)) +
		warcResponse("https://valley.example/rain", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"+page)
	dir := t.TempDir()
	inputs := []string{
		write(t, dir, "bomb.warc", []byte(warc)),
		write(t, dir, "page.html.gz", bomb(64<<20)),
		write(t, dir, "good.txt", []byte("Good title\n\nA good article body.")),
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	arts, errs := ReadFiles(inputs, Options{MaxBytes: limit})
	runtime.ReadMemStats(&after)
	if len(arts) != 2 {
		t.Errorf("want the WARC's good record and good.txt, got %d articles", len(arts))
	}
	msgs := errText(errs)
	for _, want := range []string{"bomb.warc: record 1: HTTP body of https://valley.example/bomb: the body inflates to more than the 1 MiB limit", "page.html.gz: larger than the 1 MiB limit"} {
		if !strings.Contains(msgs, want) {
			t.Errorf("errors lack %q:\n%s", want, msgs)
		}
	}
	for _, a := range arts {
		if int64(len(a.Raw)) > limit {
			t.Errorf("%s: %d bytes of raw past the limit", a.Source, len(a.Raw))
		}
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("reading allocated %d MiB for a 1 MiB limit", grew>>20)
	}
	// The same body in memory (an API upload) is refused the same way.
	_, errs = ReadBytes(context.Background(), "crawl.warc", []byte(warc), Options{MaxBytes: limit})
	if !strings.Contains(errText(errs), "inflates to more than the 1 MiB limit") {
		t.Errorf("upload: %s", errText(errs))
	}
}

func TestOversizedRecordsAreReported(t *testing.T) {
	const limit = 4096
	big := strings.Repeat("word ", 2000)
	small := func(i int) string { return fmt.Sprintf(`{"id":"%d","source":"Post","text":"Article %d text."}`, i, i) }
	bigRec := fmt.Sprintf(`{"id":"big","source":"Post","text":"%s"}`, big)
	lines := small(1) + "\n" + bigRec + "\n" + small(2) + "\n"
	array := "[" + small(1) + ",\n " + bigRec + " , " + small(2) + "]"
	dir := t.TempDir()
	for name, want := range map[string]string{
		"records.jsonl": "records.jsonl:2: record larger than the 4 KiB limit",
		"records.json":  "records.json[1]: record larger than the 4 KiB limit",
	} {
		data := lines
		if strings.HasSuffix(name, ".json") {
			data = array
		}
		arts, errs := ReadFiles([]string{write(t, dir, name, []byte(data))}, Options{MaxBytes: limit})
		if len(arts) != 2 || len(errs) != 1 || !strings.Contains(errs[0].Error(), want) {
			t.Errorf("%s: %d articles, errors: %s", name, len(arts), errText(errs))
		}
	}
}

func TestJSONArrayScanning(t *testing.T) {
	cases := []struct {
		in       string
		articles int
		errs     string
	}{
		{`[]`, 0, ""},
		{` [ {"text":"a ] tricky, \"quoted\" text {"} ] `, 1, ""},
		{`[{"text":"one"},{"text":"two"}]`, 2, ""},
		{`[{"text":"one"}, 7, "x"]`, 1, "a record must be a JSON object"},
		{`[{"text":"one"}`, 1, "the array is not closed"},
		{`[{"text":"one"`, 0, "a record is cut off"},
		{`[{"text":"one"} {"text":"two"}]`, 1, "expected ',' or ']'"},
	}
	for _, c := range cases {
		arts, errs := ReadBytes(context.Background(), "x.json", []byte(c.in), Options{Outlet: "Post"})
		if len(arts) != c.articles || c.errs == "" && len(errs) > 0 || c.errs != "" && !strings.Contains(errText(errs), c.errs) {
			t.Errorf("%s: %d articles, errors %q; want %d, %q", c.in, len(arts), errText(errs), c.articles, c.errs)
		}
	}
}
