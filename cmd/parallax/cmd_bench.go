package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/synth"
)

func init() {
	register(&command{
		name:    "bench",
		args:    "ingest|cluster|serve [flags]",
		summary: "Measure whole-pipeline speed on generated data (see BENCHMARKS.md).",
		run:     runBench,
	})
}

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
	if pos[0] == "cluster" {
		return benchCluster(*n, *days, *vocab)
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
		return benchServe(ctx, work, *n, *rate, *duration)
	}
	return benchIngest(ctx, work, *n, *format)
}

func benchIngest(ctx context.Context, work string, n int, format string) error {
	if format != "seed" && format != "html" {
		return fmt.Errorf("unknown --format %q: use seed or html", format)
	}
	pages := filepath.Join(work, "pages")
	if err := os.MkdirAll(pages, 0o755); err != nil {
		return err
	}
	g := synth.New(1)
	var bytes int64
	for i := 0; i < n; i++ {
		p := g.SeedPage(i)
		if format == "html" {
			p = g.HTMLPage(i)
		}
		bytes += int64(len(p.Body))
		if err := os.WriteFile(filepath.Join(pages, p.Name), p.Body, 0o644); err != nil {
			return err
		}
	}
	dbPath := filepath.Join(work, "bench.db")
	os.Remove(dbPath)
	st, err := store.OpenSQLite(ctx, dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	e := &engine.Engine{Store: st}
	start := time.Now()
	res, err := e.Run(ctx, engine.Files([]string{pages}, ingest.Options{}), engine.Options{})
	if err != nil {
		return err
	}
	el := time.Since(start)
	rate := func(d time.Duration) float64 { return float64(res.Added) / d.Seconds() }
	fmt.Printf("bench ingest: %d %s pages (%.1f MB), %d stored, %d failed, %d stories, %d copy links\n",
		n, format, float64(bytes)/1e6, res.Added, res.Failed, len(res.Cluster.Stories), res.Cluster.Copies)
	fmt.Printf("  whole run  %.2fs, %.0f articles/s, %.1f MB/s, GOMAXPROCS %d\n", el.Seconds(), rate(el), float64(bytes)/1e6/el.Seconds(), runtime.GOMAXPROCS(0))
	fmt.Printf("  read, clean, analyse, store  %.2fs, %.0f articles/s\n", res.StoreTime.Seconds(), rate(res.StoreTime))
	fmt.Printf("  copies and stories           %.2fs, %.0f articles/s\n", res.ClusterTime.Seconds(), rate(res.ClusterTime))
	fmt.Printf("  reports (%d)              %.2fs\n", len(res.Reports), res.ReportTime.Seconds())
	fmt.Printf("  peak RSS %.0f MB\n", peakRSSMB())
	return nil
}

// peakRSSMB returns the process's peak resident set size in megabytes.
func peakRSSMB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024
}
