package server

import (
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
)

// WatchDir ingests the files dropped into dir (and its subfolders),
// checking every interval until ctx ends. A file is read once it has kept
// the same size and time for one interval (so half-written files wait),
// and again when it changes.
func (s *Server) WatchDir(ctx context.Context, dir string, interval time.Duration, opt ingest.Options) {
	type stamp struct {
		size int64
		mod  time.Time
	}
	seen := map[string]stamp{}
	pending := map[string]stamp{}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			now := stamp{info.Size(), info.ModTime()}
			if seen[path] == now {
				return nil
			}
			if pending[path] != now {
				pending[path] = now // wait one interval for writes to settle
				return nil
			}
			delete(pending, path)
			seen[path] = now
			s.ingestFile(ctx, path, opt)
			return nil
		})
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func (s *Server) ingestFile(ctx context.Context, path string, opt ingest.Options) {
	start := time.Now()
	res, err := s.run(ctx, engine.Files([]string{path}, opt), engine.Options{OnError: func(err error) { s.opt.Log.Printf("watch: %v", err) }})
	if err != nil {
		s.opt.Log.Printf("watch: %s: %v", path, err)
		return
	}
	if n := len(res.Articles); n > 0 {
		s.metrics.ingested(n, time.Since(start))
		s.Publish(ctx, res.Reports)
		s.opt.Log.Printf("watch: %s: %d articles, %d stories changed", path, n, len(res.Reports))
	}
}

// Feeds polls RSS/Atom feeds: each every interval, with conditional
// requests (ETag, If-Modified-Since), backing off after errors (doubling
// up to an hour), fetching each new item's page when the feed carries
// only a summary. Fetching uses opt.Fetcher: its timeout, size cap,
// robots.txt rules, user agent and refusal of private addresses.
func (s *Server) Feeds(ctx context.Context, urls []string, interval time.Duration, opt ingest.Options) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.pollFeed(ctx, u, interval, opt)
		}()
	}
	wg.Wait()
}

func (s *Server) pollFeed(ctx context.Context, url string, interval time.Duration, opt ingest.Options) {
	var cond ingest.Conditional
	seen := map[string]bool{}
	wait := time.Duration(0)
	failures := 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		err := s.pollOnce(ctx, url, &cond, seen, opt)
		if err != nil {
			failures++
			wait = min(time.Hour, interval<<min(failures, 6))
			s.opt.Log.Printf("feed %s: %v (next try in %s)", url, err, wait)
			continue
		}
		failures, wait = 0, interval
	}
}

// minFeedText is the length below which a feed item is only a summary
// and its page is fetched.
const minFeedText = 600

// minItemText is the least text a feed item must carry to be stored
// without its page.
const minItemText = 200

func (s *Server) pollOnce(ctx context.Context, url string, cond *ingest.Conditional, seen map[string]bool, opt ingest.Options) error {
	start := time.Now()
	resp, err := opt.Fetcher.Get(ctx, url, cond)
	if err != nil {
		return err
	}
	if resp.NotModified {
		return nil
	}
	cond.ETag, cond.LastModified = resp.ETag, resp.LastModified
	items, err := ingest.ParseFeed(resp.Body)
	if err != nil {
		return err
	}
	var batch []ingest.Article
	for _, it := range items {
		key := it.URL
		if key == "" {
			key = it.Title
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		if len(strings.TrimSpace(it.Raw)) < minFeedText && it.URL != "" {
			pages, errs := ingest.FetchPage(ctx, it.URL, opt)
			for _, e := range errs {
				s.opt.Log.Printf("feed %s: item %s: %v", url, it.URL, e)
			}
			for _, p := range pages {
				if p.Published.IsZero() {
					p.Published = it.Published
				}
				batch = append(batch, p)
			}
			if len(pages) > 0 {
				continue
			}
		}
		if n := len(strings.TrimSpace(it.Raw)); n < minItemText {
			// A teaser ("Subscribe.") is no article; its page is what
			// counts, and that could not be had.
			if n > 0 {
				s.opt.Log.Printf("feed %s: item %s: only a %d-character summary and no page; skipped", url, key, n)
			}
			continue
		}
		a := it
		a.Source = url
		ingest.Finish(&a)
		batch = append(batch, a)
	}
	if len(batch) == 0 {
		return nil
	}
	res, err := s.run(ctx, engine.Articles(batch), engine.Options{})
	if err != nil {
		return err
	}
	s.metrics.ingested(len(batch), time.Since(start))
	s.Publish(ctx, res.Reports)
	return nil
}

// ReadFeedList reads a list of feed URLs: one per line (# comments), or
// an OPML file's outlines.
func ReadFeedList(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if strings.Contains(string(b[:min(len(b), 512)]), "<opml") {
		var doc struct {
			Outlines []opmlOutline `xml:"body>outline"`
		}
		if err := xml.Unmarshal(b, &doc); err != nil {
			return nil, err
		}
		var out []string
		var walk func([]opmlOutline)
		walk = func(os []opmlOutline) {
			for _, o := range os {
				if o.XMLURL != "" {
					out = append(out, o.XMLURL)
				}
				walk(o.Outlines)
			}
		}
		walk(doc.Outlines)
		return out, nil
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out, nil
}

type opmlOutline struct {
	XMLURL   string        `xml:"xmlUrl,attr"`
	Outlines []opmlOutline `xml:"outline"`
}
