package ingest

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// A sitemap (sitemaps.org, with Google's news extension) lists a site's
// pages; a sitemap index lists sitemaps. Reading one reads every page it
// lists, as if each URL had been named on the command line.

// sitemap is what Parallax reads of a sitemap or a sitemap index.
type sitemap struct {
	XMLName xml.Name
	URLs    []struct {
		Loc string `xml:"loc"`
	} `xml:"url"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

// maxSitemapDepth bounds sitemap indexes of sitemap indexes.
const maxSitemapDepth = 3

// readSitemap reads the pages a sitemap lists, and the sitemaps an index
// lists, in order.
func (r *reader) readSitemap(name string, in io.Reader) {
	b, err := readAll(in, 4*r.opt.maxBytes())
	if err != nil {
		r.fail(name, err)
		return
	}
	var sm sitemap
	if err := xml.Unmarshal(b, &sm); err != nil {
		r.fail(name, fmt.Errorf("not a valid sitemap: %w", err))
		return
	}
	if r.nested >= maxSitemapDepth {
		r.fail(name, fmt.Errorf("sitemap indexes nested more than %d deep", maxSitemapDepth))
		return
	}
	r.nested++
	defer func() { r.nested-- }()
	for _, u := range sm.URLs {
		if r.failed != nil || r.ctx.Err() != nil {
			return
		}
		if loc := strings.TrimSpace(u.Loc); isURL(loc) {
			r.readURL(loc)
		}
	}
	for _, s := range sm.Sitemaps {
		if r.failed != nil || r.ctx.Err() != nil {
			return
		}
		if loc := strings.TrimSpace(s.Loc); isURL(loc) {
			r.readURL(loc)
		}
	}
}

// maxDiscoveredFeeds bounds the feeds read from one home page.
const maxDiscoveredFeeds = 3

// homePageFeeds returns the feeds a site's home page declares (<link
// rel="alternate" type="application/rss+xml" href=…>), resolved against
// the page's URL; nothing for any other page, which is read as an
// article even when it names the site's feed.
func homePageFeeds(pageURL, kind string, body []byte) []string {
	u, err := url.Parse(pageURL)
	if err != nil || kind != FormatHTML || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return nil
	}
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return nil
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if len(out) == maxDiscoveredFeeds {
			return
		}
		if n.Type == html.ElementNode && n.Data == "link" {
			var rel, typ, href string
			for _, a := range n.Attr {
				switch strings.ToLower(a.Key) {
				case "rel":
					rel = strings.ToLower(a.Val)
				case "type":
					typ = strings.ToLower(a.Val)
				case "href":
					href = a.Val
				}
			}
			if strings.Contains(rel, "alternate") && (strings.Contains(typ, "rss") || strings.Contains(typ, "atom")) && href != "" {
				if ref, err := u.Parse(href); err == nil && (ref.Scheme == "http" || ref.Scheme == "https") {
					out = append(out, ref.String())
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}
