package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// UserAgent identifies Parallax to the sites it fetches.
const UserAgent = "Parallax/0.1 (+https://github.com/parallax-news/parallax; news coverage research)"

// robotsToken is the product token matched against robots.txt groups.
const robotsToken = "parallax"

// ErrPrivateAddress is returned for URLs that resolve to loopback, private
// or link-local addresses while private fetching is not allowed.
var ErrPrivateAddress = errors.New("refusing to fetch a private or loopback address (use --allow-private to permit it)")

// ErrRobots is returned when robots.txt disallows a URL.
var ErrRobots = errors.New("disallowed by the site's robots.txt")

// Fetcher fetches pages and feeds politely and safely: a timeout, a size
// cap, robots.txt, a user agent, and no private addresses unless allowed.
type Fetcher struct {
	client       *http.Client
	maxBytes     int64
	userAgent    string
	ignoreRobots bool

	mu     sync.Mutex
	robots map[string]*robotsRules // by scheme://host
	// perHost is the least time between two requests to one host; next
	// is when each host may be asked again.
	perHost time.Duration
	next    map[string]time.Time
}

// FetchOptions configure a Fetcher. Zero values pick safe defaults.
type FetchOptions struct {
	Timeout      time.Duration // whole request; default 20 s
	MaxBytes     int64         // body cap; default DefaultMaxBytes
	UserAgent    string        // default UserAgent
	AllowPrivate bool          // permit loopback/private addresses (tests, intranets)
	IgnoreRobots bool
	// PerHost is the least time between two requests to one host, so
	// that reading a sitemap or a list of a site's pages does not hammer
	// it; default DefaultPerHost, negative for none.
	PerHost time.Duration
	// Proxy picks a proxy per request; nil means the environment's
	// (HTTP_PROXY, HTTPS_PROXY, NO_PROXY).
	Proxy func(*http.Request) (*url.URL, error)
}

// NewFetcher returns a Fetcher with the given options.
func NewFetcher(o FetchOptions) *Fetcher {
	if o.Timeout == 0 {
		o.Timeout = 20 * time.Second
	}
	if o.MaxBytes == 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.UserAgent == "" {
		o.UserAgent = UserAgent
	}
	if o.Proxy == nil {
		o.Proxy = http.ProxyFromEnvironment
	}
	if o.PerHost == 0 {
		o.PerHost = DefaultPerHost
	}
	plain := &net.Dialer{Timeout: 10 * time.Second}
	dial, proxy := plain.DialContext, o.Proxy
	if !o.AllowPrivate {
		// Every address dialled is checked after DNS resolution; behind a
		// proxy, the destination is checked before the proxy is asked.
		guarded := &net.Dialer{Timeout: 10 * time.Second, Control: refusePrivate}
		g := &proxyGuard{pick: o.Proxy, resolver: net.DefaultResolver}
		proxy = g.proxy
		dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
			if g.isProxy(addr) {
				return plain.DialContext(ctx, network, addr)
			}
			return guarded.DialContext(ctx, network, addr)
		}
	}
	transport := &http.Transport{
		Proxy:                 proxy,
		DialContext:           dial,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 15 * time.Second,
		MaxIdleConnsPerHost:   4,
	}
	client := &http.Client{
		Timeout:   o.Timeout,
		Transport: transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("too many redirects")
			}
			return nil
		},
	}
	return &Fetcher{client: client, maxBytes: o.MaxBytes, userAgent: o.UserAgent, ignoreRobots: o.IgnoreRobots, robots: map[string]*robotsRules{},
		perHost: max(o.PerHost, 0), next: map[string]time.Time{}}
}

// DefaultPerHost is the least time between two requests to one host.
const DefaultPerHost = 250 * time.Millisecond

// turn waits until the host may be asked again, and books the next turn.
func (f *Fetcher) turn(ctx context.Context, host string) error {
	if f.perHost <= 0 {
		return nil
	}
	f.mu.Lock()
	at := time.Now()
	if next := f.next[host]; next.After(at) {
		at = next
	}
	f.next[host] = at.Add(f.perHost)
	f.mu.Unlock()
	select {
	case <-time.After(time.Until(at)):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Conditional carries the validators of an earlier response.
type Conditional struct {
	ETag         string
	LastModified string
}

// Response is a fetched body with what the server said about it.
type Response struct {
	URL          string // after redirects
	Body         []byte
	ContentType  string // media type without parameters
	Charset      string
	ETag         string
	LastModified string
	NotModified  bool // 304: Body is empty
	Fetched      time.Time
}

// Get fetches rawURL. With cond set it makes a conditional request and
// reports NotModified on 304.
func (f *Fetcher) Get(ctx context.Context, rawURL string, cond *Conditional) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("not an http(s) URL: %q", rawURL)
	}
	if !f.ignoreRobots && !f.allowed(ctx, u) {
		return nil, ErrRobots
	}
	if err := f.turn(ctx, u.Host); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5")
	if cond != nil {
		if cond.ETag != "" {
			req.Header.Set("If-None-Match", cond.ETag)
		}
		if cond.LastModified != "" {
			req.Header.Set("If-Modified-Since", cond.LastModified)
		}
	}
	resp, err := f.client.Do(req)
	if err != nil {
		if errors.Is(err, ErrPrivateAddress) {
			return nil, ErrPrivateAddress
		}
		return nil, err
	}
	defer resp.Body.Close()
	out := &Response{URL: resp.Request.URL.String(), ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"), Fetched: time.Now().UTC()}
	if resp.StatusCode == http.StatusNotModified {
		out.NotModified = true
		return out, nil
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %s", resp.Status)
	}
	out.ContentType, _, _ = mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err == nil {
		out.Charset = params["charset"]
	}
	out.Body, err = readAll(resp.Body, f.maxBytes)
	return out, err
}

// readURL fetches a URL input and reads it as a feed or a page.
func (r *reader) readURL(raw string) {
	if r.opt.Fetcher == nil {
		r.fail(raw, errors.New("fetching URLs is not enabled here"))
		return
	}
	resp, err := r.opt.Fetcher.Get(r.ctx, raw, nil)
	if err != nil {
		r.fail(raw, err)
		return
	}
	kind := sniff(resp.URL, resp.Body[:min(len(resp.Body), 4096)])
	if strings.Contains(resp.ContentType, "rss") || strings.Contains(resp.ContentType, "atom") {
		kind = "feed"
	}
	switch kind {
	case "feed":
		r.readFeed(raw, strings.NewReader(string(resp.Body)))
	case "sitemap":
		r.readSitemap(raw, strings.NewReader(string(resp.Body)))
	case "jsonl", "warc":
		r.readStream(raw, "url", strings.NewReader(string(resp.Body)), resp.Fetched)
	default:
		if strings.Contains(resp.ContentType, "html") {
			kind = FormatHTML
		}
		if feeds := homePageFeeds(resp.URL, kind, resp.Body); len(feeds) > 0 && r.nested == 0 {
			// A site's home page is no article: its feeds list them.
			r.nested++
			for _, f := range feeds {
				r.readURL(f)
			}
			r.nested--
			return
		}
		a, err := pageArticle(resp.Body, kind, resp.Charset)
		if err != nil {
			r.fail(raw, err)
			return
		}
		a.Source, a.Container, a.Fetched = raw, "url", resp.Fetched
		if a.URL == "" {
			a.URL = resp.URL
		}
		r.setOutlet(&a, "")
		a.finish(Identity{})
		r.emit(a, nil)
	}
}

// robotsTTL is how long a site's robots.txt is trusted before it is read
// again (a long-running server polls feeds for days).
const robotsTTL = 24 * time.Hour

// allowed checks robots.txt for u, fetching and caching it per host. A
// missing or unreadable robots.txt allows everything, as the standard says.
func (f *Fetcher) allowed(ctx context.Context, u *url.URL) bool {
	origin := u.Scheme + "://" + u.Host
	f.mu.Lock()
	rules, ok := f.robots[origin]
	f.mu.Unlock()
	if !ok || time.Since(rules.fetched) > robotsTTL {
		rules = f.fetchRobots(ctx, origin)
		rules.fetched = time.Now()
		f.mu.Lock()
		f.robots[origin] = rules
		f.mu.Unlock()
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return rules.allows(path)
}

func (f *Fetcher) fetchRobots(ctx context.Context, origin string) *robotsRules {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, origin+"/robots.txt", nil)
	if err != nil {
		return &robotsRules{}
	}
	req.Header.Set("User-Agent", f.userAgent)
	resp, err := f.client.Do(req)
	if err != nil {
		return &robotsRules{}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return &robotsRules{}
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 512<<10))
	return parseRobots(string(b), robotsToken)
}
