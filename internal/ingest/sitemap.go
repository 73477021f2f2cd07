package ingest

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
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
	if r.sitemapDepth >= maxSitemapDepth {
		r.fail(name, fmt.Errorf("sitemap indexes nested more than %d deep", maxSitemapDepth))
		return
	}
	r.sitemapDepth++
	defer func() { r.sitemapDepth-- }()
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
