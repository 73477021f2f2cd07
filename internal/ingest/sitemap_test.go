package ingest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A sitemap index leads to a news sitemap, whose pages are read as if
// each URL were named; a sitemap that lists itself stops at the depth
// bound instead of going round for ever.
func TestReadSitemap(t *testing.T) {
	var base string
	page := func(title string) string {
		return fmt.Sprintf(`<html><head><title>%s</title></head><body><article><h1>%s</h1><p>%s happened on Monday, officials said, and the people of the town gathered in the square to hear what came next.</p></article></body></html>`, title, title, title)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/sitemap-index.xml":
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>%s/news.xml</loc></sitemap></sitemapindex>`, base)
		case "/news.xml":
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>%s/a</loc><news:news><news:publication><news:name>Daily</news:name><news:language>en</news:language></news:publication><news:publication_date>2025-12-01</news:publication_date><news:title>Storm</news:title></news:news></url>
<url><loc>%s/b</loc></url></urlset>`, base, base)
		case "/loop.xml":
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprintf(w, `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>%s/loop.xml</loc></sitemap></sitemapindex>`, base)
		case "/a":
			fmt.Fprint(w, page("Storm hits coast"))
		case "/b":
			fmt.Fprint(w, page("Budget passes"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	base = srv.URL
	f := NewFetcher(FetchOptions{AllowPrivate: true})
	arts, errs := ReadFiles([]string{srv.URL + "/sitemap-index.xml"}, Options{Fetcher: f})
	if len(arts) != 2 || len(errs) != 0 || arts[0].URL != srv.URL+"/a" || arts[1].URL != srv.URL+"/b" {
		t.Fatalf("articles %d, errors %s", len(arts), errText(errs))
	}
	_, errs = ReadFiles([]string{srv.URL + "/loop.xml"}, Options{Fetcher: f})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "nested more than") {
		t.Errorf("a sitemap that lists itself: %s", errText(errs))
	}
}
