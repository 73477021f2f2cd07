package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/bench"
	"github.com/parallax-news/parallax/internal/store"
)

func init() {
	register(&command{
		name:    "bench",
		args:    "ingest|cluster|serve [flags]",
		summary: "Measure whole-pipeline speed on generated data (see BENCHMARKS.md).",
		run:     runBench,
	})
}

// realCorpus is the real-text corpus of the ingest benchmark: PolNeAR,
// ECB+ and BASIL's dev articles.
const realCorpus = "../shared/data/quotes-train.jsonl.gz,../shared/data/quotes-dev.jsonl.gz,../shared/data/events-dev.jsonl.gz,../shared/data/basil-dev.jsonl.gz"

func runBench(ctx context.Context, args []string) error {
	c := commands[indexOf("bench")]
	fs := newFlags(c, `Subcommands:
  ingest   generate N synthetic pages (seed format or HTML), then ingest them
           into a fresh database and report articles/s and peak memory.
  cluster  stream N synthetic pre-analysed articles (vocabulary and names
           counted in --vocab files, planted events and copies) through copy
           detection and story clustering; report articles/s per 100,000,
           peak memory, and how well planted events and copies were found.
  serve    fill a store with N generated articles, serve it on loopback and
           request the story list and story pages at --rate per second for
           --duration; print latency percentiles and errors.`)
	n := fs.Int("n", 20000, "number of generated `articles`")
	format := fs.String("format", "seed", "page `format`: seed or html")
	dir := fs.String("dir", "", "work `directory` (default: a temporary one, removed after)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to `file`")
	rate := fs.Int("rate", 500, "serve: requests per `second`")
	duration := fs.Duration("duration", time.Minute, "serve: how long to send requests")
	memProfile := fs.String("memprofile", "", "write a heap profile to `file` at the end")
	days := fs.Int("days", 365, "cluster: the `days` the generated stream spans")
	corpus := fs.String("corpus", "", "ingest: comma-separated gzipped JSON-lines `files` of real articles to ingest instead of generated pages (e.g. "+realCorpus+")")
	storeURL := fs.String("store", "", "cluster: measure the clusterer through this (empty) `store`, sqlite:PATH or postgres://…, instead of in memory; ingest with --queue: the PostgreSQL server the workers share (a schema per run)")
	queueURL := fs.String("queue", "", "ingest: run the scaled-out path through worker processes over this NATS `server` (nats://host:port)")
	workers := fs.String("workers", "1,2,4", "ingest with --queue: the worker `counts` to run, comma-separated")
	noEmbedded := fs.Bool("no-embedded", false, "ingest with --queue: skip the embedded run the ratios compare with")
	vocab := fs.String("vocab", "../shared/data/events-dev.jsonl.gz,../shared/data/basil-dev.jsonl.gz", "cluster: comma-separated event `files` to draw vocabulary from")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "ingest" && pos[0] != "cluster" && pos[0] != "serve" {
		fs.Usage()
		return errUsage
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *memProfile != "" {
		defer func() {
			if f, err := os.Create(*memProfile); err == nil {
				runtime.GC()
				pprof.WriteHeapProfile(f)
				f.Close()
			}
		}()
	}
	if pos[0] == "cluster" && *storeURL != "" {
		st, err := store.Open(ctx, store.Location(*storeURL))
		if err != nil {
			return err
		}
		defer st.Close()
		if n, _ := st.CountArticles(ctx); n > 0 {
			return fmt.Errorf("bench cluster --store: the store holds %d articles; give an empty database or schema", n)
		}
		return bench.ClusterStore(ctx, os.Stdout, st, *n, *days, strings.Split(*vocab, ","))
	}
	if pos[0] == "cluster" {
		return bench.Cluster(os.Stdout, *n, *days, strings.Split(*vocab, ","))
	}
	work := *dir
	if work == "" {
		work, err = os.MkdirTemp("", "parallax-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	if pos[0] == "serve" {
		return bench.Serve(ctx, os.Stdout, work, *n, *rate, *duration)
	}
	var files []string
	if *corpus != "" {
		files = strings.Split(*corpus, ",")
	}
	if *queueURL != "" {
		return benchWorkers(ctx, work, *n, *format, files, *storeURL, *queueURL, *workers, *noEmbedded)
	}
	return bench.Ingest(ctx, os.Stdout, work, *n, *format, files)
}

// benchWorkers runs 'bench ingest' scaled out.
func benchWorkers(ctx context.Context, work string, n int, format string, files []string, pg, q, workers string, noEmbedded bool) error {
	if !store.Location(pg).IsPostgres() || q == "" {
		return fmt.Errorf("bench ingest with workers needs --store postgres://… (a server; each run makes a schema) and --queue nats://…")
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	opt := bench.WorkersOptions{Work: work, N: n, Format: format, Corpus: files, Postgres: pg, Queue: q, Exe: exe, NoEmbedded: noEmbedded}
	for _, k := range strings.Split(workers, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(k))
		if err != nil || v < 1 {
			return fmt.Errorf("--workers %q: want counts like 1,2,4", workers)
		}
		opt.Workers = append(opt.Workers, v)
	}
	return bench.Workers(ctx, os.Stdout, opt)
}
