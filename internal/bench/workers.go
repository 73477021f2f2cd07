package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/queue"
	"github.com/parallax-news/parallax/internal/store"
)

// WorkersOptions say what the scale-out benchmark runs.
type WorkersOptions struct {
	Work       string   // a folder for the inputs and logs
	N          int      // generated pages (when Corpus is empty)
	Format     string   // seed or html
	Corpus     []string // real articles instead of generated pages
	Postgres   string   // the PostgreSQL server: each run gets a schema of its own
	Queue      string   // the NATS server: each run gets a stream of its own
	Workers    []int    // the worker counts to run, e.g. 1, 2, 4
	Exe        string   // the parallax binary that runs the workers and the server
	NoEmbedded bool     // skip the embedded run
}

// Workers measures the whole path scaled out: the same inputs through
// the embedded store in this process, then through 1, 2, 4… worker
// processes over PostgreSQL and NATS JetStream, each run timed from the
// first article queued until the store holds every article in a story
// with a current report. While the workers work, a server over the same
// store answers the story list, and its latencies are reported.
func Workers(ctx context.Context, w io.Writer, opt WorkersOptions) error {
	path, size, what, err := inputs(opt.Work, opt.N, opt.Format, opt.Corpus)
	if err != nil {
		return err
	}
	arts, err := readAll(ctx, path)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "bench workers: %s (%.1f MB), %d cores\n", what, float64(size)/1e6, runtime.NumCPU())
	fmt.Fprintf(w, "%-22s %9s %12s %9s %9s %14s\n", "run", "seconds", "articles/s", "vs 1", "vs embed", "API p50/p99 ms")
	var embedded, one float64
	if !opt.NoEmbedded {
		st, err := store.OpenSQLite(ctx, filepath.Join(opt.Work, "embedded.db"))
		if err != nil {
			return err
		}
		start := time.Now()
		res, err := (&engine.Engine{Store: st}).Run(ctx, engine.Articles(arts), engine.Options{})
		st.Close()
		if err != nil {
			return err
		}
		el := time.Since(start)
		embedded = float64(res.Stored()) / el.Seconds()
		fmt.Fprintf(w, "%-22s %9.2f %12.0f %9s %9s %14s\n", "embedded (SQLite)", el.Seconds(), embedded, "", "1.00", "")
	}
	for _, k := range opt.Workers {
		r, err := workersRun(ctx, opt, arts, k)
		if err != nil {
			return fmt.Errorf("%d workers: %w", k, err)
		}
		rate := float64(len(arts)) / r.elapsed.Seconds()
		if one == 0 {
			one = rate
		}
		vsEmbedded := ""
		if embedded > 0 {
			vsEmbedded = fmt.Sprintf("%.2f", rate/embedded)
		}
		fmt.Fprintf(w, "%-22s %9.2f %12.0f %9.2f %9s %14s\n", fmt.Sprintf("%d worker(s), PG+NATS", k), r.elapsed.Seconds(), rate, rate/one, vsEmbedded, r.api)
	}
	return nil
}

// readAll reads the inputs as ingest reads them.
func readAll(ctx context.Context, path string) ([]ingest.Article, error) {
	var arts []ingest.Article
	err := ingest.Read(ctx, []string{path}, ingest.Options{}, func(r ingest.Result) error {
		if r.Err == nil {
			arts = append(arts, r.Article)
		}
		return nil
	})
	return arts, err
}

type workersResult struct {
	elapsed time.Duration
	api     string
}

// workersRun runs k workers on a fresh schema and stream until every
// article is stored, placed and reported on.
func workersRun(ctx context.Context, opt WorkersOptions, arts []ingest.Article, k int) (workersResult, error) {
	var res workersResult
	name := fmt.Sprintf("bench_%d_%d", os.Getpid(), k)
	pgURL, drop, err := freshSchema(ctx, opt.Postgres, name)
	if err != nil {
		return res, err
	}
	defer drop()
	st, err := store.OpenPostgres(ctx, pgURL)
	if err != nil {
		return res, err
	}
	defer st.Close()
	qURL := opt.Queue + "?name=" + name
	q, err := queue.Open(ctx, qURL)
	if err != nil {
		return res, err
	}
	defer q.Close()
	defer q.Delete(context.Background())
	var procs []*exec.Cmd
	defer func() {
		for _, p := range procs {
			p.Process.Signal(syscall.SIGTERM)
			p.Wait()
		}
	}()
	for i := range k {
		logf, err := os.Create(filepath.Join(opt.Work, fmt.Sprintf("worker-%d-%d.log", k, i)))
		if err != nil {
			return res, err
		}
		defer logf.Close()
		p := exec.Command(opt.Exe, "worker", "--store", pgURL, "--queue", qURL, "--quiet")
		p.Stdout, p.Stderr = logf, logf
		if err := p.Start(); err != nil {
			return res, err
		}
		procs = append(procs, p)
	}
	api, stopAPI, err := startServer(ctx, opt, pgURL)
	if err != nil {
		return res, err
	}
	defer stopAPI()
	start := time.Now()
	for i := 0; i < len(arts); i += 256 {
		if err := q.PublishArticles(ctx, arts[i:min(i+256, len(arts))]); err != nil {
			return res, err
		}
	}
	for {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		n, _ := st.CountArticles(ctx)
		if n >= len(arts) {
			pending := 0
			st.ClusterItems(ctx, store.ClusterQuery{Pending: true, Limit: 1}, func(store.ClusterItem) error { pending++; return nil })
			stale, _ := st.StaleReports(ctx)
			if pending == 0 && len(stale) == 0 {
				break
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	res.elapsed = time.Since(start)
	res.api = api()
	return res, nil
}

// freshSchema creates a schema on the server and returns a URL that
// uses it, and a function that drops it.
func freshSchema(ctx context.Context, server, name string) (string, func(), error) {
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		return "", nil, err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		return "", nil, err
	}
	drop := func() {
		c, err := pgx.Connect(context.Background(), server)
		if err == nil {
			c.Exec(context.Background(), "DROP SCHEMA "+name+" CASCADE")
			c.Close(context.Background())
		}
	}
	sep := "?"
	if strings.Contains(server, "?") {
		sep = "&"
	}
	return server + sep + "search_path=" + name, drop, nil
}

// startServer starts 'parallax serve' over the store and asks it for the
// story list every 20 ms; api returns the latencies' median and 99th
// percentile so far.
func startServer(ctx context.Context, opt WorkersOptions, pgURL string) (api func() string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	p := exec.Command(opt.Exe, "serve", "--store", pgURL, "--addr", addr, "--quiet")
	if err := p.Start(); err != nil {
		return nil, nil, err
	}
	client := &http.Client{Timeout: 10 * time.Second}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if resp, err := client.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			p.Process.Kill()
			p.Wait()
			return nil, nil, errors.New("the server did not start")
		}
	}
	done := make(chan struct{})
	lat := make(chan []time.Duration, 1)
	go func() {
		var got []time.Duration
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				lat <- got
				return
			case <-t.C:
				start := time.Now()
				resp, err := client.Get("http://" + addr + "/api/stories?limit=50")
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					got = append(got, time.Since(start))
				}
			}
		}
	}()
	var once bool
	var summary string
	api = func() string {
		if !once {
			close(done)
			ds := <-lat
			once = true
			summary = percentiles(ds)
		}
		return summary
	}
	stop = func() {
		api()
		p.Process.Signal(syscall.SIGTERM)
		p.Wait()
	}
	return api, stop, nil
}

func percentiles(ds []time.Duration) string {
	if len(ds) == 0 {
		return "-"
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	at := func(q float64) float64 { return ms(ds[min(len(ds)-1, int(q*float64(len(ds))))]) }
	return strconv.FormatFloat(at(0.5), 'f', 1, 64) + "/" + strconv.FormatFloat(at(0.99), 'f', 1, 64)
}
