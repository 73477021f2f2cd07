package server

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/store"
)

// syncBuffer is a log sink the tests can read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func countArticles(t *testing.T, st store.Store) int {
	n, err := st.CountArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestWatchDir drops files into a watched folder: good articles are
// ingested into one story, junk is logged by name and stored nowhere, and
// a file read once is not read again until it changes.
func TestWatchDir(t *testing.T) {
	logs := &syncBuffer{}
	_, srv := testServer(t, Options{Log: log.New(logs, "", 0)})
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.WatchDir(ctx, dir, 30*time.Millisecond, ingest.Options{})

	for _, name := range []string{"000_9cfc92a05877532c.txt", "004_9db2e0d9894f95f3.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(seed(t, name)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "junk.bin"), []byte{0, 1, 2, 3, 0, 0, 0, 0xff, 0xfe, 0}, 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden.txt"), []byte("a hidden file is not an article"), 0o644)
	waitFor(t, "two articles", 20*time.Second, func() bool { return countArticles(t, srv.st) == 2 })
	waitFor(t, "the junk file's error", 5*time.Second, func() bool { return strings.Contains(logs.String(), "junk.bin") })

	stories, err := srv.st.Stories(ctx, store.StoryQuery{})
	if err != nil || len(stories) != 1 || stories[0].Articles != 2 {
		t.Fatalf("stories: %v %+v", err, stories)
	}
	reads := strings.Count(logs.String(), "000_9cfc92a05877532c.txt: 1 articles")
	time.Sleep(200 * time.Millisecond) // several scans
	if again := strings.Count(logs.String(), "000_9cfc92a05877532c.txt: 1 articles"); again != reads {
		t.Errorf("an unchanged file was read %d times", again)
	}
	if n := countArticles(t, srv.st); n != 2 {
		t.Errorf("%d articles after rescans, want 2", n)
	}
}

// feedSite is a local news site: a feed whose items carry only a short
// summary (so their pages are fetched), the pages, and a robots.txt that
// forbids one of them. It answers conditional requests.
type feedSite struct {
	srv                        *httptest.Server
	feedHits, notModified, bad atomic.Int64
	pageHits                   sync.Map // path → *atomic.Int64
	failing                    atomic.Bool
}

func newFeedSite(t *testing.T) *feedSite {
	fs := &feedSite{}
	const lastMod = "Mon, 01 Dec 2025 10:00:00 GMT"
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /news/members-only\n")
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		fs.feedHits.Add(1)
		if fs.failing.Load() {
			fs.bad.Add(1)
			http.Error(w, "overloaded", http.StatusServiceUnavailable)
			return
		}
		if r.Header.Get("If-None-Match") == `"feed-1"` || r.Header.Get("If-Modified-Since") == lastMod {
			fs.notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"feed-1"`)
		w.Header().Set("Last-Modified", lastMod)
		w.Header().Set("Content-Type", "application/rss+xml")
		base := "http://" + r.Host
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title>
<item><title>Ferry service resumes after storm</title><link>%[1]s/news/ferry</link><pubDate>Mon, 01 Dec 2025 08:30:00 +0100</pubDate><description>The ferry is back.</description></item>
<item><title>Council approves harbour wall repairs</title><link>%[1]s/news/wall</link><pubDate>Sun, 30 Nov 2025 17:00:00 GMT</pubDate><description>Repairs approved.</description></item>
<item><title>Members only</title><link>%[1]s/news/members-only</link><description>Subscribe.</description></item>
</channel></rss>`, base)
	})
	page := func(title, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			n, _ := fs.pageHits.LoadOrStore(r.URL.Path, new(atomic.Int64))
			n.(*atomic.Int64).Add(1)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<html><head><title>%s</title></head><body><article><h1>%s</h1>%s</article></body></html>`, title, title, body)
		}
	}
	para := func(s string) string { return strings.Repeat("<p>"+s+"</p>", 4) }
	mux.HandleFunc("/news/ferry", page("Ferry service resumes after storm", para("The ferry to Lundy island resumed on Monday after three days of storms, the operator said, and the first crossing left at nine.")))
	mux.HandleFunc("/news/wall", page("Council approves harbour wall repairs", para("The town council of Ilfracombe approved repairs to the harbour wall at a cost of two million pounds on Sunday evening.")))
	mux.HandleFunc("/news/members-only", page("Members only", para("This page must never be fetched by a polite crawler.")))
	fs.srv = httptest.NewServer(mux)
	t.Cleanup(fs.srv.Close)
	return fs
}

func (fs *feedSite) hits(path string) int64 {
	if n, ok := fs.pageHits.Load(path); ok {
		return n.(*atomic.Int64).Load()
	}
	return 0
}

// TestFeedPolling polls a local feed: items' pages are fetched (except
// the one robots.txt forbids) and stored once, later polls are
// conditional and get 304, and a failing feed is retried less and less
// often.
func TestFeedPolling(t *testing.T) {
	site := newFeedSite(t)
	logs := &syncBuffer{}
	_, srv := testServer(t, Options{Log: log.New(logs, "", 0)})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opt := ingest.Options{Fetcher: ingest.NewFetcher(ingest.FetchOptions{AllowPrivate: true})}
	const interval = 40 * time.Millisecond
	go srv.Feeds(ctx, []string{site.srv.URL + "/feed.xml"}, interval, opt)

	waitFor(t, "the feed's two articles", 20*time.Second, func() bool { return countArticles(t, srv.st) == 2 })
	waitFor(t, "conditional polls", 5*time.Second, func() bool { return site.notModified.Load() >= 3 })
	if n := countArticles(t, srv.st); n != 2 {
		t.Errorf("%d articles after more polls, want 2", n)
	}
	if site.hits("/news/ferry") != 1 || site.hits("/news/wall") != 1 {
		t.Errorf("pages fetched %d and %d times, want once each", site.hits("/news/ferry"), site.hits("/news/wall"))
	}
	if n := site.hits("/news/members-only"); n != 0 {
		t.Errorf("the page robots.txt disallows was fetched %d times", n)
	}
	if !strings.Contains(logs.String(), "robots.txt") {
		t.Errorf("the refused page is not logged: %s", logs.String())
	}

	// Now the feed fails: the poller backs off (doubling its wait), so
	// in 1.2 s it tries a handful of times, not every 40 ms.
	site.failing.Store(true)
	before := site.bad.Load()
	time.Sleep(1200 * time.Millisecond)
	tries := site.bad.Load() - before
	if tries < 1 || tries > 6 {
		t.Errorf("%d tries of a failing feed in 1.2 s at a 40 ms interval, want backoff (1–6)", tries)
	}
	if !strings.Contains(logs.String(), "503") {
		t.Errorf("the feed's failure is not logged")
	}
}

// TestFeedRefusesLoopbackByDefault: without --allow-private, a feed on a
// loopback address is refused and nothing is stored.
func TestFeedRefusesLoopbackByDefault(t *testing.T) {
	site := newFeedSite(t)
	logs := &syncBuffer{}
	_, srv := testServer(t, Options{Log: log.New(logs, "", 0)})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opt := ingest.Options{Fetcher: ingest.NewFetcher(ingest.FetchOptions{})}
	go srv.Feeds(ctx, []string{site.srv.URL + "/feed.xml"}, time.Hour, opt)
	waitFor(t, "the refusal", 5*time.Second, func() bool { return strings.Contains(logs.String(), "private or loopback") })
	if site.feedHits.Load() != 0 || countArticles(t, srv.st) != 0 {
		t.Errorf("loopback feed was fetched (%d hits, %d articles)", site.feedHits.Load(), countArticles(t, srv.st))
	}
}
