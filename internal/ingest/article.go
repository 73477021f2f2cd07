// Package ingest reads news articles from every input Parallax accepts —
// scraped page text (the seed format), plain text, HTML pages, JSON lines,
// RSS/Atom feeds, WARC crawl files, directories, standard input and URLs —
// and turns each into an Article: the decoded input plus what the container
// says about it (outlet, URL, dates). Cleaning the text is the next stage's
// job (package extract).
package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/timex"
)

// Formats of Article.Raw: how the extract stage must read it.
const (
	FormatSeed = "seed" // scraped page text with a " date YYYY-MM-DD " header
	FormatText = "text" // plain text
	FormatHTML = "html" // an HTML page or fragment
)

// Article is one input document, decoded, with what its container told us.
type Article struct {
	ID     string `json:"id"`
	Outlet string `json:"outlet"`
	// OutletFrom says which rule named the outlet: flag, field, url, text, file.
	OutletFrom string `json:"outlet_from"`
	URL        string `json:"url,omitempty"`
	// Source is where the article was read: a path, "path:line", or a URL.
	Source string `json:"source"`
	// Container is the input kind: file, jsonl, rss, atom, warc, url, stdin.
	Container string `json:"container"`
	// Format is how Raw is written: seed, text or html.
	Format string `json:"format"`
	// Title is a headline the container gave (JSON or feed field), if any.
	Title string `json:"title,omitempty"`
	// Raw is the input as decoded text (UTF-8).
	Raw string `json:"raw"`
	// Published is the date the container gave (seed header, JSON, feed).
	Published timex.Moment `json:"published"`
	Fetched   time.Time    `json:"fetched,omitempty"`
	Language  string       `json:"language,omitempty"`
	Author    string       `json:"author,omitempty"`
	// Encoding is the character set Raw was decoded from.
	Encoding string `json:"encoding"`
	// Hash is the SHA-256 of Raw with white space normalised: the same
	// content read twice has the same hash.
	Hash string `json:"hash"`
}

// ContentHash returns the hash used for Article.Hash.
func ContentHash(raw string) string {
	h := sha256.Sum256([]byte(strings.Join(strings.Fields(raw), " ")))
	return hex.EncodeToString(h[:])
}

// finish fills the derived fields: hash, outlet fallbacks and id.
// key is the article's natural name inside its source (a URL, a record id or
// a file name); it may be empty.
func (a *Article) finish(key, fileName string) {
	a.Hash = ContentHash(a.Raw)
	if a.Outlet == "" && a.URL != "" {
		a.Outlet, a.OutletFrom = hostOutlet(a.URL), "url"
	}
	if a.Outlet == "" {
		if name := OutletFromText(a.Raw); name != "" {
			a.Outlet, a.OutletFrom = name, "text"
		}
	}
	if a.Outlet == "" && fileName != "" {
		a.Outlet, a.OutletFrom = fileStem(fileName), "file"
	}
	if a.Outlet == "" {
		a.Outlet, a.OutletFrom = "unknown", "none"
	}
	if a.URL != "" {
		key = normaliseURL(a.URL)
	}
	if key == "" {
		key = "sha256:" + a.Hash
	}
	a.ID = MakeID(a.Outlet, key)
}

// MakeID derives the stable article id from the outlet and the article's
// key (URL, record id, file name or content hash): a readable outlet slug
// and 12 hex digits of SHA-256 over both.
func MakeID(outlet, key string) string {
	h := sha256.Sum256([]byte(strings.ToLower(outlet) + "\x00" + key))
	slug := Slug(outlet)
	if len(slug) > 24 {
		slug = strings.TrimRight(slug[:24], "-")
	}
	if slug == "" {
		slug = "article"
	}
	return slug + "-" + hex.EncodeToString(h[:6])
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slug lower-cases s and keeps ASCII letters and digits joined by dashes.
func Slug(s string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

func fileStem(name string) string {
	base := filepath.Base(name)
	for {
		ext := filepath.Ext(base)
		if ext == "" || len(ext) > 6 || ext == base {
			break
		}
		base = strings.TrimSuffix(base, ext)
	}
	return base
}

func hostOutlet(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// normaliseURL drops what does not identify a page: the fragment, tracking
// parameters, a trailing slash and the scheme's case.
func normaliseURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return raw
	}
	u.Fragment = ""
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	q := u.Query()
	for k := range q {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || lk == "fbclid" || lk == "gclid" || lk == "ref" {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	u.Path = strings.TrimSuffix(u.Path, "/")
	return u.String()
}
