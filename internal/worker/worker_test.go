package worker

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/queue"
	"github.com/parallax-news/parallax/internal/queue/natstest"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/store/pgtest"
	"github.com/parallax-news/parallax/internal/synth"
)

// eventArticles reads n generated pages, `per` to an event.
func eventArticles(t *testing.T, n, per int) []ingest.Article {
	t.Helper()
	var out []ingest.Article
	for i := range n {
		p := synth.EventPage(i, per)
		arts, errs := ingest.ReadBytes(context.Background(), "/feeds/outlet-"+fmt.Sprint(i%5)+"/"+p.Name, p.Body, ingest.Options{Path: "/feeds/outlet-" + fmt.Sprint(i%5) + "/" + p.Name})
		if len(errs) > 0 || len(arts) != 1 {
			t.Fatalf("page %d: %v", i, errs)
		}
		out = append(out, arts[0])
	}
	return out
}

// Two workers, each playing every role, over PostgreSQL and a queue:
// every article is stored once and placed, every story's report is
// current, and only one of them clusters at a time.
func TestTwoWorkersShareTheWork(t *testing.T) {
	if testing.Short() {
		t.Skip("starts workers")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := store.OpenPostgres(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	qurl := natstest.URL(t)
	q, err := queue.Open(ctx, qurl)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	arts := eventArticles(t, 60, 6)
	// A saved search of one outlet: its stories' changes are queued for
	// delivery by whichever worker clusters.
	if err := st.SaveAlert(ctx, store.Alert{ID: "one-outlet", Name: "One outlet", Outlet: arts[0].Outlet, Webhook: "http://127.0.0.1:9/hook"}); err != nil {
		t.Fatal(err)
	}
	// Half before the workers start, half while they work, some twice.
	if err := q.PublishArticles(ctx, arts[:30]); err != nil {
		t.Fatal(err)
	}
	var active atomic.Int32
	var maxActive atomic.Int32
	var workers []*Metrics
	var wg sync.WaitGroup
	for range 2 {
		wq, err := queue.Open(ctx, qurl)
		if err != nil {
			t.Fatal(err)
		}
		defer wq.Close()
		m := NewMetrics()
		workers = append(workers, m)
		w := New(&engine.Engine{Store: st}, wq, Options{Articles: true, Reports: true, Cluster: true, Batch: 8, Poll: 100 * time.Millisecond, Metrics: m})
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.Run(ctx)
		}()
	}
	go func() { // sample how many are clusterers at once
		for ctx.Err() == nil {
			n := int32(0)
			for _, m := range workers {
				n += int32(gauge(m.Clusterer))
			}
			active.Store(n)
			if n > maxActive.Load() {
				maxActive.Store(n)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	if err := q.PublishArticles(ctx, arts[20:]); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		n, _ := st.CountArticles(ctx)
		pending := 0
		st.ClusterItems(ctx, store.ClusterQuery{Pending: true}, func(store.ClusterItem) error { pending++; return nil })
		stale, _ := st.StaleReports(ctx)
		if n == len(arts) && pending == 0 && len(stale) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a minute: %d of %d stored, %d unplaced, %d stale reports", n, len(arts), pending, len(stale))
		}
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	if maxActive.Load() != 1 {
		t.Errorf("%d clusterers were active at once", maxActive.Load())
	}
	var stored float64
	for _, m := range workers {
		stored += counter(m.Articles)
	}
	if stored < float64(len(arts)) {
		t.Errorf("workers stored %v articles, want at least %d", stored, len(arts))
	}
	// Stories are decided in the order articles arrive, which the two
	// workers vary; the count stays near the events'.
	stories, _ := st.CountStories(context.Background())
	if stories < 5 || stories > 20 {
		t.Errorf("%d stories from 10 events", stories)
	}
	if out, err := st.Deliveries(context.Background(), "one-outlet", 100); err != nil || len(out) == 0 {
		t.Errorf("the saved search queued %d deliveries (%v)", len(out), err)
	}
}
