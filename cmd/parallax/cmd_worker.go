package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/queue"
	"github.com/parallax-news/parallax/internal/worker"
)

func init() {
	register(&command{name: "worker", args: "--store postgres://… --queue nats://… [flags]",
		summary: "Work for a scaled-out Parallax: store queued articles, rebuild reports, place articles in stories.", run: runWorker})
}

// queueFlag is the flag naming the queue server.
func queueFlag(fs interface {
	String(name, value, usage string) *string
}) *string {
	return fs.String("queue", os.Getenv("PARALLAX_QUEUE"), "the NATS JetStream `server`: nats://host:port (default $PARALLAX_QUEUE)")
}

func runWorker(ctx context.Context, args []string) error {
	c := commands[indexOf("worker")]
	fs := newFlags(c, `Takes work from the queue that 'parallax serve --queue' (and 'parallax ingest
--queue') fill, over the store every process shares. Run any number of
workers, on any machine; each plays the roles --roles names:

  articles  clean, analyse and sign queued articles and store them; a message
            is acknowledged only after the store committed it, so a worker
            killed mid-batch loses nothing: its batch goes to another worker,
            and the store keeps each article once.
  reports   rebuild the reports of stories that changed.
  cluster   place stored articles in stories, in publication order. One
            process at a time holds this role (the store elects it); the
            others stand by and take over within a second of its death.

Each worker keeps going while the queue or the store server restarts. With
--metrics it serves Prometheus metrics: articles stored, reports rebuilt,
redeliveries, time per batch, whether it is the active clusterer, and the
queue's depth.

Example (one machine, PostgreSQL and NATS on their default ports):
  parallax worker --store postgres://postgres@127.0.0.1:5432/news --queue nats://127.0.0.1:4222`)
	var where storeFlags
	where.add(fs)
	where.addOutlets(fs)
	queueURL := queueFlag(fs)
	roles := fs.String("roles", "articles,reports,cluster", "the `roles` to play, comma-separated: articles, reports, cluster")
	batch := fs.Int("batch", 64, "articles taken from the queue at once")
	metricsAddr := fs.String("metrics", "", "serve Prometheus metrics on this `address` (host:port) at /metrics")
	quiet := fs.Bool("quiet", false, "print only errors")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *queueURL == "" {
		fmt.Fprintln(os.Stderr, "parallax worker: --queue is needed (nats://host:port), or set PARALLAX_QUEUE")
		return errUsage
	}
	reg, err := where.registry()
	if err != nil {
		return err
	}
	opt := worker.Options{Batch: *batch, Outlets: reg}
	for _, r := range strings.Split(*roles, ",") {
		switch strings.TrimSpace(r) {
		case "articles":
			opt.Articles = true
		case "reports":
			opt.Reports = true
		case "cluster":
			opt.Cluster = true
		default:
			fmt.Fprintf(os.Stderr, "parallax worker: unknown role %q in --roles (articles, reports, cluster)\n", r)
			return errUsage
		}
	}
	st, err := where.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	q, err := queue.Open(ctx, *queueURL)
	if err != nil {
		return err
	}
	defer q.Close()
	logger := log.New(os.Stderr, fmt.Sprintf("parallax worker %d: ", os.Getpid()), log.LstdFlags)
	opt.Log = logger
	opt.Metrics = worker.NewMetrics()
	if *metricsAddr != "" {
		ln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			return fmt.Errorf("--metrics %s: %w", *metricsAddr, err)
		}
		mux := http.NewServeMux()
		mux.Handle("/metrics", promhttp.HandlerFor(opt.Metrics.Registry, promhttp.HandlerOpts{}))
		srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
		go srv.Serve(ln)
		defer srv.Close()
		go opt.Metrics.WatchQueue(ctx, q, 2*time.Second)
		if !*quiet {
			logger.Printf("metrics on http://%s/metrics", ln.Addr())
		}
	}
	if !*quiet {
		logger.Printf("working (%s) on store %s, queue %s", *roles, mustLocation(&where), *queueURL)
	}
	err = worker.New(&engine.Engine{Store: st}, q, opt).Run(ctx)
	if errors.Is(err, context.Canceled) {
		return nil // stopped by a signal: work in hand goes back to the queue
	}
	return err
}

func mustLocation(f *storeFlags) string {
	l, _ := f.location()
	return l.String()
}
