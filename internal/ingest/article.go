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
	// RecordID is the id the input gives the article (a JSON record's
	// "id", a feed item's guid), if any.
	RecordID string `json:"record_id,omitempty"`
	// Key is the article's identity (see finish): the same key with new
	// content is a new revision of the same article.
	Key string `json:"key,omitempty"`
}

// Identity is what a reader knows of an article's place besides the
// article itself; finish turns it into the article's key and id.
type Identity struct {
	// Path is a file's full resolved path (see ResolvePath).
	Path string
	// FileName names the outlet when nothing else does (its stem).
	FileName string
}

// ContentHash returns the hash used for Article.Hash.
func ContentHash(raw string) string {
	h := sha256.Sum256([]byte(strings.Join(strings.Fields(raw), " ")))
	return hex.EncodeToString(h[:])
}

// finish fills the derived fields: hash, outlet fallbacks, key and id.
//
// The key is, in order: the normalised URL; the record id, scoped to the
// outlet; the file's full resolved path; else the content hash, scoped to
// the outlet (so that the same text from two outlets is two articles).
func (a *Article) finish(id Identity) {
	a.Hash = ContentHash(a.Raw)
	if a.Outlet == "" && a.URL != "" {
		a.Outlet, a.OutletFrom = hostOutlet(a.URL), "url"
	}
	if a.Outlet == "" {
		if name := OutletFromText(a.Raw); name != "" {
			a.Outlet, a.OutletFrom = name, "text"
		}
	}
	fileName := id.FileName
	if fileName == "" {
		fileName = id.Path
	}
	if a.Outlet == "" && fileName != "" {
		a.Outlet, a.OutletFrom = fileStem(fileName), "file"
	}
	if a.Outlet == "" {
		a.Outlet, a.OutletFrom = "unknown", "none"
	}
	// idInput is what the id hashes; it is what earlier versions hashed
	// for URLs, record ids and content, so those ids did not change.
	var idInput string
	switch {
	case a.URL != "":
		idInput = NormaliseURL(a.URL)
		a.Key = "url:" + idInput
	case a.RecordID != "":
		idInput = "id:" + a.RecordID
		a.Key = "id:" + strings.ToLower(a.Outlet) + "\t" + a.RecordID
	case id.Path != "":
		idInput = id.Path
		a.Key = "path:" + id.Path
	default:
		idInput = "sha256:" + a.Hash
		a.Key = "hash:" + strings.ToLower(a.Outlet) + "\t" + a.Hash
	}
	a.ID = MakeID(a.Outlet, idInput)
}

// ResolvePath returns a file's full resolved path: absolute, with
// symbolic links followed. It is the file's identity, so that a/fox.txt
// and b/fox.txt are two articles and the same file named two ways is one.
func ResolvePath(name string) string {
	p, err := filepath.Abs(name)
	if err != nil {
		return name
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
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

// NormaliseURL drops what does not identify a page: the fragment, tracking
// parameters, a trailing slash and the scheme's case.
func NormaliseURL(raw string) string {
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
