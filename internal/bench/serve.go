package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/server"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/synth"
)

// benchServe fills a fresh store with n generated articles (analysed,
// clustered, reports computed), serves it on a loopback port, and sends
// requests at a fixed rate for the given time: half to the story list,
// half to story pages chosen at random. It prints latency percentiles and
// errors per route.
func Serve(ctx context.Context, w io.Writer, work string, n, rate int, dur time.Duration) error {
	st, err := store.OpenSQLite(ctx, filepath.Join(work, "serve.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	eng := &engine.Engine{Store: st}
	ids, err := benchStore(ctx, w, eng, work, n)
	if err != nil {
		return err
	}
	srv, err := server.New(eng, server.Options{})
	if err != nil {
		return err
	}
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	addrc := make(chan string, 1)
	go srv.Serve(sctx, "127.0.0.1:0", func(a string) { addrc <- a })
	base := "http://" + <-addrc

	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 512, MaxConnsPerHost: 512}}
	type sample struct {
		route string
		d     time.Duration
		ok    bool
	}
	var mu sync.Mutex
	var samples []sample
	var wg sync.WaitGroup
	r := rand.New(rand.NewPCG(1, 2))
	// Open loop: request i goes out at start + i/rate, however long the
	// earlier ones take, so a slow server cannot lower the offered rate.
	t0 := time.Now()
	total := int(dur.Seconds() * float64(rate))
	sent := 0
	for sent < total {
		if wait := time.Until(t0.Add(time.Duration(sent) * time.Second / time.Duration(rate))); wait > 0 {
			time.Sleep(wait)
		}
		route, path := "story list", "/"
		if sent%2 == 1 {
			route, path = "story page", "/stories/"+ids[r.IntN(len(ids))]
		}
		sent++
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			resp, err := client.Get(base + path)
			ok := err == nil && resp.StatusCode == 200
			if err == nil {
				var buf [32 << 10]byte
				for {
					if _, err := resp.Body.Read(buf[:]); err != nil {
						break
					}
				}
				resp.Body.Close()
			}
			mu.Lock()
			samples = append(samples, sample{route, time.Since(t0), ok})
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(t0)
	fmt.Fprintf(w, "load: %d requests in %s (%.0f/s offered)\n", sent, elapsed.Round(time.Millisecond), float64(sent)/elapsed.Seconds())
	for _, route := range []string{"story list", "story page", "all"} {
		var ds []time.Duration
		errs := 0
		for _, s := range samples {
			if route != "all" && s.route != route {
				continue
			}
			ds = append(ds, s.d)
			if !s.ok {
				errs++
			}
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		pct := func(p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
		fmt.Fprintf(w, "%-11s n %6d  p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms  errors %d\n", route, len(ds),
			ms(pct(0.5)), ms(pct(0.9)), ms(pct(0.99)), ms(ds[len(ds)-1]), errs)
	}
	return nil
}

// benchStore fills the store with n generated articles (five per event)
// and returns its story ids. A store a run with the same --dir built
// already is used as it is.
func benchStore(ctx context.Context, w io.Writer, eng *engine.Engine, work string, n int) ([]string, error) {
	have, err := eng.Store.CountArticles(ctx)
	built := "built before"
	if err != nil || have < n {
		start := time.Now()
		if err := buildBenchStore(ctx, eng.Store, filepath.Join(work, "pages"), n); err != nil {
			return nil, err
		}
		have, built = n, "built in "+time.Since(start).Round(time.Second).String()
	}
	list, err := eng.Store.Stories(ctx, store.StoryQuery{})
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(list))
	for i, s := range list {
		ids[i] = s.ID
	}
	fmt.Fprintf(w, "store: %d articles in %d stories, %s\n", have, len(ids), built)
	return ids, nil
}

// buildBenchStore writes n generated pages to dir and ingests them the way
// the ingest command does.
func buildBenchStore(ctx context.Context, st store.Store, dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		p := synth.EventPage(i, 5)
		if err := os.WriteFile(filepath.Join(dir, p.Name), p.Body, 0o644); err != nil {
			return err
		}
	}
	_, err := (&engine.Engine{Store: st}).Run(ctx, engine.Files([]string{dir}, ingest.Options{}), engine.Options{})
	return err
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
