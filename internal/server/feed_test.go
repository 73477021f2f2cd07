package server

import (
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"
)

// The Atom feed lists the stories a search finds, each with its page's
// link, and parses as Atom.
func TestStoriesAtomFeed(t *testing.T) {
	ts, _ := testServer(t, Options{})
	story := loadSeeds(t, ts.URL, "")
	get := func(path string) (int, atomFeed, string) {
		t.Helper()
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		var f atomFeed
		if resp.StatusCode == http.StatusOK {
			if err := xml.Unmarshal(b, &f); err != nil {
				t.Fatalf("%s: not Atom: %v\n%s", path, err, b)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
				t.Errorf("%s: content type %q", path, ct)
			}
		}
		return resp.StatusCode, f, string(b)
	}
	code, f, _ := get("/feeds/stories.atom")
	if code != 200 || len(f.Entries) != 1 || !strings.HasSuffix(f.Entries[0].ID, "/stories/"+story) || f.Entries[0].Title == "" || f.Updated == "" {
		t.Fatalf("feed: %d %+v", code, f)
	}
	if !strings.Contains(f.Entries[0].Summary, "2 articles from 2 outlets") {
		t.Errorf("entry summary %q", f.Entries[0].Summary)
	}
	code, f, _ = get("/feeds/stories.atom?q=nothing+matches+this+zzqx")
	if code != 200 || len(f.Entries) != 0 || !strings.Contains(f.Title, "q: nothing matches") {
		t.Errorf("filtered feed: %d %+v", code, f)
	}
	if code, _, body := get("/feeds/stories.atom?since=garbage"); code != http.StatusBadRequest || !strings.Contains(body, "since") {
		t.Errorf("bad since: %d %s", code, body)
	}
}
