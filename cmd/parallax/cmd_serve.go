package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/queue"
	"github.com/parallax-news/parallax/internal/server"
	"github.com/parallax-news/parallax/internal/store"
)

func init() {
	register(&command{
		name:    "serve",
		args:    "[flags]",
		summary: "Serve the store: JSON API, live updates, metrics and the web UI; optionally ingest from a folder and feeds.",
		run:     runServe,
	})
}

// repeated is a flag that may be given several times.
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

func runServe(ctx context.Context, args []string) error {
	c := commands[indexOf("serve")]
	fs := newFlags(c, `Endpoints: GET /api/stories, /api/stories/{id}, /api/articles/{id},
/api/entities, /api/search, /api/events (Server-Sent Events), POST
/api/articles; /api/openapi.json documents them. GET /healthz and /metrics
(Prometheus). The web UI is at /.

Writes need "Authorization: Bearer TOKEN" when --token (or PARALLAX_TOKEN) is
set; without a token only clients on this machine may write. Reads are open.
A request whose Host header is not a loopback name, an address of this
server or a --host name is refused (DNS rebinding), as is a write sent by a
web page of another site. --watch ingests files dropped into a folder; --feed polls
RSS/Atom feeds with conditional requests and backoff, fetching item pages with
a timeout, size cap, robots.txt and a user agent (private and loopback
addresses are refused unless --allow-private). Stop with Ctrl-C.

With --queue, what the server reads (uploads, feeds, the watched folder) goes
onto the queue for 'parallax worker' processes, over the same --store; an
upload is then answered 202 Accepted with each article "queued". Reads are
served from the store as always.`)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address`")
	var where storeFlags
	where.add(fs)
	where.addOutlets(fs)
	token := fs.String("token", os.Getenv("PARALLAX_TOKEN"), "bearer `token` required for writes (default $PARALLAX_TOKEN)")
	maxBody := fs.Int64("max-body", 16<<20, "largest request body, in `bytes`")
	watch := fs.String("watch", "", "ingest files dropped into this `folder`")
	var feeds repeated
	fs.Var(&feeds, "feed", "poll this RSS/Atom feed `URL` (repeatable)")
	feedList := fs.String("feeds", "", "poll the feeds listed in this `file` (one URL per line, or OPML)")
	poll := fs.Duration("poll", 5*time.Minute, "feed polling `interval`")
	watchEvery := fs.Duration("watch-interval", 2*time.Second, "folder scanning `interval`")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching private or loopback addresses")
	quiet := fs.Bool("quiet", false, "log nothing but errors at startup")
	var hosts repeated
	fs.Var(&hosts, "host", "a `name` this server answers to besides localhost and its addresses, e.g. its public name behind a proxy (repeatable)")
	queueURL := queueFlag(fs)
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *feedList != "" {
		more, err := server.ReadFeedList(*feedList)
		if err != nil {
			return fmt.Errorf("--feeds %s: %w", *feedList, err)
		}
		feeds = append(feeds, more...)
	}
	loc, err := where.location()
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, loc)
	if err != nil {
		return err
	}
	defer st.Close()
	logger := log.New(os.Stderr, "parallax serve: ", log.LstdFlags)
	sopt := server.Options{Token: *token, Hosts: hosts, MaxBody: *maxBody, Log: logger}
	sopt.OutletsFile, sopt.OutletsOptional = where.registryPath()
	if *queueURL != "" {
		q, err := queue.Open(ctx, *queueURL)
		if err != nil {
			return err
		}
		defer q.Close()
		sopt.Queue = q
	}
	srv, err := server.New(&engine.Engine{Store: st}, sopt)
	if err != nil {
		return err
	}
	opt := ingest.Options{MaxBytes: ingest.DefaultMaxBytes,
		Fetcher: ingest.NewFetcher(ingest.FetchOptions{AllowPrivate: *allowPrivate})}
	if *watch != "" {
		if info, err := os.Stat(*watch); err != nil || !info.IsDir() {
			return fmt.Errorf("--watch %s: not a folder", *watch)
		}
		go srv.WatchDir(ctx, *watch, *watchEvery, opt)
	}
	if len(feeds) > 0 {
		go srv.Feeds(ctx, feeds, *poll, opt)
	}
	return srv.Serve(ctx, *addr, func(a string) {
		if !*quiet {
			fmt.Fprintf(os.Stderr, "parallax serve: listening on http://%s (store %s)\n", a, loc)
		}
	})
}
