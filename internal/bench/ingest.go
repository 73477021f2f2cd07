// Package bench measures Parallax's speed on generated data: the whole
// ingest pipeline (Ingest), copy detection and story clustering on a
// stream of millions of articles (Cluster), and the server under load
// (Serve). The numbers go to BENCHMARKS.md with the command that made them.
package bench

import (
	"context"
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

// Ingest generates n synthetic pages (seed format or HTML) in work, runs
// the whole pipeline on them into a fresh store, and writes to w the time
// and rate of the whole run and of each phase, and the peak memory.
func Ingest(ctx context.Context, w io.Writer, work string, n int, format string) error {
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
	fmt.Fprintf(w, "bench ingest: %d %s pages (%.1f MB), GOMAXPROCS %d\n", n, format, float64(bytes)/1e6, runtime.GOMAXPROCS(0))
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

// peakRSSMB returns the process's peak resident set size in megabytes.
func peakRSSMB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024
}
