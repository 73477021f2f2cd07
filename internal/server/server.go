// Package server serves a Parallax store over HTTP: a JSON API (described
// by the OpenAPI document at /api/openapi.json), a stream of story updates
// (Server-Sent Events), health and Prometheus metrics, and a web UI of
// server-rendered pages that read without JavaScript.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"html/template"
	"log"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/alerts"
	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/store"
)

// Options configure a Server.
type Options struct {
	// Token, when set, is the bearer token writes must carry. Without
	// one, only clients on this machine may write.
	Token string
	// Hosts are names of this server besides loopback names and its
	// addresses (its public name behind a proxy): the Host header must be
	// one of them.
	Hosts []string
	// MaxBody bounds a request body (default 16 MiB).
	MaxBody int64
	// Log receives one line per failed request and per background event;
	// nil discards them.
	Log *log.Logger
	// Queue, when set, takes the articles the server reads (uploads,
	// feeds, a watched folder) for workers to store, instead of the
	// server storing them itself (see package worker).
	Queue ArticleQueue
	// OutletsFile is the outlet registry (see package outlets), read
	// again whenever it changes; OutletsOptional lets it be missing (the
	// default location).
	OutletsFile     string
	OutletsOptional bool
}

// ArticleQueue takes articles for other processes to store.
type ArticleQueue interface {
	PublishArticles(ctx context.Context, arts []ingest.Article) error
}

// Server is the HTTP face of an engine.
type Server struct {
	eng     *engine.Engine
	st      store.Store
	opt     Options
	events  *hub
	metrics *metrics
	pages   *pages
	outlets *registry
}

// New returns a server over the engine's store.
func New(eng *engine.Engine, opt Options) (*Server, error) {
	if opt.MaxBody == 0 {
		opt.MaxBody = 16 << 20
	}
	if opt.Log == nil {
		opt.Log = log.New(discard{}, "", 0)
	}
	p, err := newPages()
	if err != nil {
		return nil, err
	}
	reg := &registry{path: opt.OutletsFile, missing: opt.OutletsOptional}
	if _, err := reg.get(); err != nil {
		return nil, err
	}
	return &Server{eng: eng, st: eng.Store, opt: opt, events: newHub(), metrics: newMetrics(), pages: p, outlets: reg}, nil
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// Handler routes every endpoint.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	api := func(pattern string, h http.HandlerFunc) { mux.Handle(pattern, s.metrics.instrument(pattern, h)) }
	api("GET /api/stories", s.listStories)
	api("GET /api/stories/{id}", s.getStory)
	api("GET /api/articles", s.listArticles)
	api("GET /api/articles/{id}", s.getArticle)
	api("GET /api/articles/{id}/revisions", s.getRevisions)
	api("POST /api/articles", s.postArticles)
	api("GET /api/entities", s.listEntities)
	api("GET /api/outlets", s.listOutlets)
	api("GET /api/search", s.search)
	api("GET /api/openapi.json", s.openAPI)
	mux.HandleFunc("GET /api/events", s.streamEvents)
	api("GET /healthz", s.health)
	mux.Handle("GET /metrics", s.metrics.handler())
	api("GET /{$}", s.pageStories)
	api("GET /stories/{id}", s.pageStory)
	api("GET /articles/{id}", s.pageArticle)
	api("GET /entities/{name}", s.pageEntity)
	api("GET /outlets", s.pageOutlets)
	api("GET /feeds/stories.atom", s.feedStories)
	api("GET /dashboard", s.pageDashboard)
	api("GET /api/alerts", s.listAlerts)
	api("POST /api/alerts", s.postAlert)
	api("DELETE /api/alerts/{id}", s.deleteAlert)
	api("GET /feeds/alerts/{file}", s.feedAlert)
	api("GET /dashboard.csv", s.dashboardCSV)
	api("GET /dashboard/entities.csv", s.entitiesCSV)
	api("GET /outlets/{key}", s.pageOutlet)
	mux.Handle("GET /static/", http.StripPrefix("/static/", staticHandler()))
	return securityHeaders(s.guard(mux))
}

// securityHeaders sets headers every response carries.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		if !strings.HasPrefix(r.URL.Path, "/api/") {
			w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; img-src 'self' data:")
		}
		h.ServeHTTP(w, r)
	})
}

// apiError is the body of every error response.
type apiError struct {
	Error string `json:"error"`
	Field string `json:"field,omitempty"`
}

func writeError(w http.ResponseWriter, code int, field, msg string) {
	writeJSON(w, code, apiError{Error: msg, Field: field})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// storeError maps store errors to responses.
func (s *Server) storeError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, "", err.Error())
		return
	}
	if errors.Is(err, context.Canceled) {
		return
	}
	s.opt.Log.Printf("%s %s: %v", r.Method, r.URL.Path, err)
	writeError(w, http.StatusInternalServerError, "", "internal error; the server log has the details")
}

// pageError answers a web page's request that failed with a page, not
// JSON: a person reads it in a browser.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := http.StatusInternalServerError, "Something went wrong on the server; its log has the details."
	switch {
	case errors.Is(err, store.ErrNotFound):
		status, msg = http.StatusNotFound, "There is nothing at this address: the story or article may have been merged into another, or the link is mistyped."
	case errors.Is(err, context.Canceled):
		return
	default:
		s.opt.Log.Printf("%s %s: %v", r.Method, r.URL.Path, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	errorPage.Execute(w, struct {
		Status int
		Title  string
		Msg    string
	}{status, http.StatusText(status), msg})
}

var errorPage = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Status}} {{.Title}} — Parallax</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body><main><h1>{{.Status}} {{.Title}}</h1><p>{{.Msg}}</p><p><a href="/">All stories</a></p></main></body></html>
`))

// Serve runs the server on addr until ctx ends, then shuts down within
// five seconds.
func (s *Server) Serve(ctx context.Context, addr string, ready func(addr string)) error {
	// ReadTimeout bounds a whole request, body included: a client that
	// trickles a body in holds a connection no longer than that.
	srv := &http.Server{Addr: addr, Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute, IdleTimeout: 120 * time.Second}
	ln, err := listen(addr)
	if err != nil {
		return err
	}
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() && s.opt.Token == "" {
		s.opt.Log.Printf("warning: listening on %s, beyond this machine, without --token: other machines can read the store, and their writes are refused", ln.Addr())
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	// Saved searches' webhooks are served from the store's outbox for as
	// long as the server runs.
	dctx, stopDeliveries := context.WithCancel(ctx)
	defer stopDeliveries()
	go (&alerts.Deliverer{Store: s.st, Log: s.opt.Log.Printf}).Run(dctx, time.Second)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.events.close()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

// Publish tells live pages that stories changed.
func (s *Server) Publish(ctx context.Context, storyIDs []string) {
	if len(storyIDs) == 0 {
		return
	}
	list, err := s.st.Stories(ctx, store.StoryQuery{IDs: storyIDs})
	if err != nil {
		s.opt.Log.Printf("publish: %v", err)
		return
	}
	for _, st := range list {
		s.events.publish(st)
	}
	s.metrics.setStories(ctx, s.st)
	reg, err := s.outlets.get()
	if err != nil {
		s.opt.Log.Printf("alerts: %v", err)
		return
	}
	if _, err := alerts.Check(ctx, s.st, reg, storyIDs, time.Now()); err != nil {
		s.opt.Log.Printf("alerts: %v", err)
	}
}
