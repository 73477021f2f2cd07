package ingest

import (
	"bytes"
	"context"
	"time"
)

// ReadBytes reads the articles of data received in memory (a request
// body, say) as if it were a file called name: the same readers, chosen by
// extension and content, the same checks and the same ids. A name that is
// only an extension (".html") picks the reader without naming the article.
func ReadBytes(ctx context.Context, name string, data []byte, opt Options) ([]Article, []error) {
	var arts []Article
	var errs []error
	r := &reader{ctx: ctx, opt: opt, fn: func(res Result) error {
		if res.Err != nil {
			errs = append(errs, res.Err)
		} else {
			arts = append(arts, res.Article)
		}
		return nil
	}}
	r.readStream(name, "upload", bytes.NewReader(data), time.Now().UTC())
	return arts, errs
}

// FetchPage fetches the page at url and reads it as one article (feeds
// and JSON lines at that address are read as such, giving several).
func FetchPage(ctx context.Context, url string, opt Options) ([]Article, []error) {
	var arts []Article
	var errs []error
	r := &reader{ctx: ctx, opt: opt, fn: func(res Result) error {
		if res.Err != nil {
			errs = append(errs, res.Err)
		} else {
			arts = append(arts, res.Article)
		}
		return nil
	}}
	r.readURL(url)
	return arts, errs
}

// Finish fills an article's derived fields (content hash, outlet
// fallbacks, id) the way the readers do, for articles built elsewhere
// (a feed item read by a poller).
func Finish(a *Article) { a.finish(Identity{}) }
