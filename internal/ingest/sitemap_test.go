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

// A site's home page is read through the feeds it declares; an article
// page that names the same feed is read as the article it is.
func TestHomePageFeeds(t *testing.T) {
	var base string
	body := "Storm hits coast. A storm hit the coast on Monday, officials said, and hundreds of homes lost power overnight."
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, `<html><head><link rel="alternate" type="application/rss+xml" title="News" href="/feed.xml"></head><body><nav><a href="/a">Storm</a></nav></body></html>`)
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>Daily</title><item><title>Storm hits coast</title><link>%s/a</link><description>%s</description></item></channel></rss>`, base, body)
		case "/a":
			fmt.Fprintf(w, `<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body><article><h1>Storm hits coast</h1><p>%s</p></article></body></html>`, body)
		}
	}))
	defer srv.Close()
	base = srv.URL
	f := NewFetcher(FetchOptions{AllowPrivate: true, PerHost: -1})
	arts, errs := ReadFiles([]string{srv.URL + "/"}, Options{Fetcher: f})
	if len(arts) != 1 || len(errs) != 0 || arts[0].Title != "Storm hits coast" || !strings.HasPrefix(arts[0].Source, srv.URL+"/feed.xml") {
		t.Fatalf("home page: %d articles %+v, errors %s", len(arts), arts, errText(errs))
	}
	arts, errs = ReadFiles([]string{srv.URL + "/a"}, Options{Fetcher: f})
	if len(arts) != 1 || arts[0].Container != "url" || arts[0].Format != FormatHTML {
		t.Errorf("article page: %+v %s", arts, errText(errs))
	}
}
