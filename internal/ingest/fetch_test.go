package ingest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

func testServer(t *testing.T) (*httptest.Server, *string) {
	t.Helper()
	var agent string
	feed, _ := os.ReadFile("testdata/feed.rss")
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("User-agent: *\nDisallow: /private/\nAllow: /private/ok\n\nUser-agent: otherbot\nDisallow: /\n"))
	})
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		agent = r.UserAgent()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<html><head><title>T</title></head><body><h1>Flood warning</h1><p>The river rose two metres overnight, officials said on Monday.</p></body></html>`))
	})
	mux.HandleFunc("/private/secret", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("secret")) })
	mux.HandleFunc("/private/ok", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<p>allowed page text</p>")) })
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(strings.Repeat("x", 5000))) })
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(feed)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &agent
}

func TestFetcherRefusesPrivateAddresses(t *testing.T) {
	srv, _ := testServer(t)
	f := NewFetcher(FetchOptions{})
	_, err := f.Get(context.Background(), srv.URL+"/page", nil)
	if !errors.Is(err, ErrPrivateAddress) {
		t.Fatalf("loopback fetch: err = %v, want ErrPrivateAddress", err)
	}
}

func TestFetcherPoliteness(t *testing.T) {
	srv, agent := testServer(t)
	f := NewFetcher(FetchOptions{AllowPrivate: true, MaxBytes: 4000})
	ctx := context.Background()
	resp, err := f.Get(ctx, srv.URL+"/page", nil)
	if err != nil || !strings.Contains(string(resp.Body), "Flood warning") || resp.ContentType != "text/html" {
		t.Fatalf("page: %v %+v", err, resp)
	}
	if !strings.HasPrefix(*agent, "Parallax/") {
		t.Errorf("user agent %q", *agent)
	}
	if _, err := f.Get(ctx, srv.URL+"/private/secret", nil); !errors.Is(err, ErrRobots) {
		t.Errorf("robots disallow: err = %v", err)
	}
	if _, err := f.Get(ctx, srv.URL+"/private/ok", nil); err != nil {
		t.Errorf("robots allow (longer rule wins): %v", err)
	}
	if _, err := f.Get(ctx, srv.URL+"/big", nil); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("size cap: err = %v", err)
	}
	first, err := f.Get(ctx, srv.URL+"/feed", nil)
	if err != nil || first.ETag == "" {
		t.Fatalf("feed: %v", err)
	}
	again, err := f.Get(ctx, srv.URL+"/feed", &Conditional{ETag: first.ETag})
	if err != nil || !again.NotModified {
		t.Errorf("conditional GET: %v, not modified %v", err, again != nil && again.NotModified)
	}
}

func TestReadURLs(t *testing.T) {
	srv, _ := testServer(t)
	f := NewFetcher(FetchOptions{AllowPrivate: true})
	arts, errs := ReadFiles([]string{srv.URL + "/page", srv.URL + "/feed"}, Options{Fetcher: f})
	if len(arts) != 3 {
		t.Fatalf("got %d articles: %s", len(arts), errText(errs))
	}
	if arts[0].Container != "url" || arts[0].Format != FormatHTML || arts[0].URL != srv.URL+"/page" {
		t.Errorf("page article: %+v", arts[0])
	}
	_, errs = ReadFiles([]string{srv.URL + "/page"}, Options{})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "not enabled") {
		t.Errorf("URL without fetcher: %v", errs)
	}
}

func TestRobotsParsing(t *testing.T) {
	r := parseRobots("User-agent: *\nDisallow: /a\n\nUser-agent: Parallax\nDisallow: /b\nAllow: /b/ok$\n", "parallax")
	for path, want := range map[string]bool{"/a": true, "/b": false, "/b/x": false, "/b/ok": true, "/b/ok/more": false} {
		if got := r.allows(path); got != want {
			t.Errorf("allows(%s) = %v, want %v", path, got, want)
		}
	}
}

// Requests to one host keep the fetcher's interval; other hosts do not
// wait for them.
func TestPerHostInterval(t *testing.T) {
	srv, _ := testServer(t)
	f := NewFetcher(FetchOptions{AllowPrivate: true, PerHost: 150 * time.Millisecond})
	start := time.Now()
	for range 3 {
		if _, err := f.Get(context.Background(), srv.URL+"/page", nil); err != nil {
			t.Fatal(err)
		}
	}
	if el := time.Since(start); el < 300*time.Millisecond {
		t.Errorf("three requests to one host took %v, want at least two intervals", el)
	}
	quick := NewFetcher(FetchOptions{AllowPrivate: true, PerHost: -1})
	start = time.Now()
	for range 3 {
		quick.Get(context.Background(), srv.URL+"/page", nil)
	}
	if el := time.Since(start); el > 250*time.Millisecond {
		t.Errorf("no interval, still %v", el)
	}
}
