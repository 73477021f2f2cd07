package main

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/bench"
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
	return bench.Ingest(ctx, os.Stdout, work, *n, *format)
}
