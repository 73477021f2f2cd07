// Package bench measures Parallax's speed on generated data: the whole
// ingest pipeline (Ingest), copy detection and story clustering on a
// stream of millions of articles (Cluster), and the server under load
// (Serve). The numbers go to BENCHMARKS.md with the command that made them.
package bench

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/synth"
)

// Ingest generates n synthetic pages (seed format or HTML) in work, or
// writes the articles of the corpus files as JSON lines, runs the whole
// pipeline on them into a fresh store, and writes to w the time and rate
// of the whole run and of each phase, and the peak memory.
func Ingest(ctx context.Context, w io.Writer, work string, n int, format string, corpus []string) error {
	pages, bytes, what, err := inputs(work, n, format, corpus)
	if err != nil {
		return err
	}
	dbPath := filepath.Join(work, "bench.db")
	os.Remove(dbPath)
	st, err := store.OpenSQLite(ctx, dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	e := &engine.Engine{Store: st}
	fmt.Fprintf(w, "bench ingest: %s (%.1f MB), GOMAXPROCS %d\n", what, float64(bytes)/1e6, runtime.GOMAXPROCS(0))
	// Each phase is printed as it ends, so that a run can be stopped after
	// the phases of interest.
	start, phase := time.Now(), time.Now()
	stored := 0
	opt := engine.Options{
		OnStored: func(r engine.IngestResult) { stored = r.Stored() },
		OnStage: func(next string) {
			el := time.Since(phase)
			switch next {
			case "stories":
				fmt.Fprintf(w, "  read, clean, analyse, store  %6.2fs  %5.0f articles/s\n", el.Seconds(), float64(stored)/el.Seconds())
			case "reports":
				fmt.Fprintf(w, "  copies and stories           %6.2fs  %5.0f articles/s\n", el.Seconds(), float64(stored)/el.Seconds())
			}
			phase = time.Now()
		},
	}
	res, err := e.Run(ctx, engine.Files([]string{pages}, ingest.Options{}), opt)
	if err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Fprintf(w, "  reports                      %6.2fs  %5d stories\n", res.ReportTime.Seconds(), len(res.Reports))
	fmt.Fprintf(w, "  whole run                    %6.2fs  %5.0f articles/s, %.1f MB/s\n", el.Seconds(), float64(res.Added)/el.Seconds(), float64(bytes)/1e6/el.Seconds())
	fmt.Fprintf(w, "  %d stored, %d failed; %d stories, %d copy links\n", res.Added, res.Failed, len(res.Cluster.Stories), res.Cluster.Copies)
	fmt.Fprintf(w, "  peak RSS %.0f MB\n", peakRSSMB())
	return nil
}

// inputs writes what a bench ingests into work: n generated pages, or
// the articles of the corpus files as one JSON-lines file. It returns
// the folder or file, its size and a description.
func inputs(work string, n int, format string, corpus []string) (path string, size int64, what string, err error) {
	if len(corpus) > 0 {
		path = filepath.Join(work, "corpus.jsonl")
		count, size, err := writeCorpus(path, corpus)
		return path, size, fmt.Sprintf("%d real articles from %d files", count, len(corpus)), err
	}
	if format != "seed" && format != "html" {
		return "", 0, "", fmt.Errorf("unknown --format %q: use seed or html", format)
	}
	path = filepath.Join(work, "pages")
	if err := os.MkdirAll(path, 0o755); err != nil {
		return "", 0, "", err
	}
	g := synth.New(1)
	for i := 0; i < n; i++ {
		p := g.SeedPage(i)
		if format == "html" {
			p = g.HTMLPage(i)
		}
		size += int64(len(p.Body))
		if err := os.WriteFile(filepath.Join(path, p.Name), p.Body, 0o644); err != nil {
			return "", 0, "", err
		}
	}
	return path, size, fmt.Sprintf("%d %s pages", n, format), nil
}

// writeCorpus writes the articles of gzipped JSON-lines files (one
// article a line, or an event a line with its "articles", as BASIL's)
// into one JSON-lines file Parallax reads.
func writeCorpus(path string, files []string) (count int, size int64, err error) {
	out, err := os.Create(path)
	if err != nil {
		return 0, 0, err
	}
	defer out.Close()
	enc := json.NewEncoder(out)
	for _, name := range files {
		err := eachGzipLine(name, func(line []byte) error {
			var rec map[string]any
			if err := json.Unmarshal(line, &rec); err != nil {
				return err
			}
			arts, nested := rec["articles"].([]any)
			if !nested {
				arts = []any{rec}
			}
			for _, a := range arts {
				art, _ := a.(map[string]any)
				if id, ok := art["uuid"]; ok && art["id"] == nil {
					art["id"] = id
				}
				if s, _ := art["text"].(string); s == "" {
					continue
				}
				if err := enc.Encode(art); err != nil {
					return err
				}
				count++
			}
			return nil
		})
		if err != nil {
			return 0, 0, fmt.Errorf("corpus %s: %w", name, err)
		}
	}
	info, err := out.Stat()
	if err != nil {
		return 0, 0, err
	}
	return count, info.Size(), out.Close()
}

// eachGzipLine calls fn with each line of a gzipped file.
func eachGzipLine(name string, fn func([]byte) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		if err := fn(sc.Bytes()); err != nil {
			return err
		}
	}
	return sc.Err()
}

// peakRSSMB returns the process's peak resident set size in megabytes.
func peakRSSMB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024
}
