package server

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// An Atom feed (RFC 4287) of stories: the newest first, under the same
// filters as GET /api/stories, so that every search has a feed a reader
// can follow.

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Link    []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary"`
}

// feedStories: GET /feeds/stories.atom — the stories a query finds, as
// Atom. Entries are stories, each with the link to its page; a story
// that changes moves up with its new time.
func (s *Server) feedStories(w http.ResponseWriter, r *http.Request) {
	list, _, ok := s.queryStories(w, r)
	if !ok {
		return
	}
	base := baseURL(r)
	f := atomFeed{
		ID:     base + r.URL.RequestURI(),
		Title:  "Parallax stories" + describeFilters(r.URL.Query()),
		Link:   []atomLink{{Href: base + r.URL.RequestURI(), Rel: "self", Type: "application/atom+xml"}, {Href: base + "/?" + r.URL.RawQuery, Rel: "alternate", Type: "text/html"}},
		Author: atomAuthor{Name: "Parallax"},
	}
	var newest time.Time
	for _, st := range list {
		if st.Updated.After(newest) {
			newest = st.Updated
		}
		summary := fmt.Sprintf("%d articles from %d outlets", st.Articles, st.Outlets)
		if st.First != "" {
			summary += ", " + day(st.First)
			if day(st.Last) != day(st.First) {
				summary += " to " + day(st.Last)
			}
		}
		if len(st.Entities) > 0 {
			summary += ". " + strings.Join(st.Entities, ", ")
		}
		f.Entries = append(f.Entries, atomEntry{ID: base + "/stories/" + st.ID, Title: st.Title, Updated: atomTime(st.Updated),
			Link: atomLink{Href: base + "/stories/" + st.ID, Rel: "alternate", Type: "text/html"}, Summary: summary})
	}
	if newest.IsZero() {
		newest = time.Unix(0, 0)
	}
	f.Updated = atomTime(newest)
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	enc.Encode(f)
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func day(s string) string {
	if len(s) >= 10 {
		return s[:10]
	}
	return s
}

// baseURL is the scheme and host the request came to.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// describeFilters names a feed's filters in its title: "Parallax stories
// (outlet: fox; q: wall)".
func describeFilters(v url.Values) string {
	var parts []string
	for _, k := range []string{"q", "outlet", "entity", "place", "group", "only_group", "since", "until"} {
		if x := v.Get(k); x != "" {
			parts = append(parts, k+": "+x)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
}
