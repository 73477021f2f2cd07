// Package worker runs the roles of a Parallax spread over processes and
// machines that share one store and one queue:
//
//   - articles: take articles from the queue, clean, analyse and sign
//     them, store them, and only then acknowledge them;
//   - reports: take stories from the queue and rebuild their reports;
//   - cluster: place stored articles in stories. Story assignment is one
//     ordered decision stream, so one process at a time holds this role
//     (the store elects it); the others stand by and take over when it
//     dies. It asks the queue for the reports its decisions made stale.
//
// Every role can run in any number of processes; each keeps going when
// the queue or the store server restarts.
package worker

import (
	"context"
	"errors"
	"log"
	"runtime"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parallax-news/parallax/internal/alerts"
	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/outlets"
	"github.com/parallax-news/parallax/internal/queue"
	"github.com/parallax-news/parallax/internal/store"
)

// Options say which roles a worker plays and how.
type Options struct {
	Articles, Reports, Cluster bool
	// Batch is the number of articles taken from the queue at once
	// (default 64).
	Batch int
	// Poll is how often a clusterer looks for unplaced articles when no
	// notice wakes it, and a standby tries to take over (default 1s).
	Poll time.Duration
	// Log receives a line per event worth a person's attention; nil
	// discards them.
	Log *log.Logger
	// Metrics, when set, counts the worker's work.
	Metrics *Metrics
	// Outlets is the outlet registry saved searches filter groups by
	// (nil: no groups).
	Outlets *outlets.Registry
}

// Worker plays its roles over one store and one queue.
type Worker struct {
	eng *engine.Engine
	q   *queue.Queue
	opt Options
}

// New returns a worker over the engine's store and the queue.
func New(eng *engine.Engine, q *queue.Queue, opt Options) *Worker {
	if opt.Batch <= 0 {
		opt.Batch = 64
	}
	if opt.Poll <= 0 {
		opt.Poll = time.Second
	}
	if opt.Log == nil {
		opt.Log = log.New(discard{}, "", 0)
	}
	if opt.Metrics == nil {
		opt.Metrics = NewMetrics()
	}
	return &Worker{eng: eng, q: q, opt: opt}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// Run plays the worker's roles until ctx ends.
func (w *Worker) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	start := func(on bool, role func(context.Context) error) {
		if !on {
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := role(ctx); err != nil && ctx.Err() == nil {
				errs <- err
			}
		}()
	}
	start(w.opt.Articles, w.storeArticles)
	start(w.opt.Reports, w.rebuildReports)
	start(w.opt.Cluster, w.cluster)
	wg.Wait()
	close(errs)
	return errors.Join(<-errs, ctx.Err())
}

// consumer returns a durable consumer, waiting while the queue server is
// unreachable.
func (w *Worker) consumer(ctx context.Context, work queue.Work) (jetstream.Consumer, error) {
	for {
		c, err := w.q.Consumer(ctx, work)
		if err == nil {
			return c, nil
		}
		w.opt.Log.Printf("queue: %s: %v; retrying", work, err)
		if !sleep(ctx, time.Second) {
			return nil, ctx.Err()
		}
	}
}

// fetch takes up to n messages: those waiting now, or, when none are,
// the first to arrive within a second with any that came along. (A
// fetch of n waits until n have come, which would hold a last, short
// batch for the whole second.) An unreachable server is waited for.
func (w *Worker) fetch(ctx context.Context, c jetstream.Consumer, n int) []jetstream.Msg {
	batch, err := c.FetchNoWait(n)
	msgs := w.drain(ctx, batch, err)
	if len(msgs) > 0 || ctx.Err() != nil {
		return msgs
	}
	fctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	batch, err = c.Fetch(1, jetstream.FetchContext(fctx))
	msgs = w.drain(ctx, batch, err)
	if len(msgs) == 0 || n == 1 {
		return msgs
	}
	batch, err = c.FetchNoWait(n - 1)
	return append(msgs, w.drain(ctx, batch, err)...)
}

// drain collects the messages of a fetch.
func (w *Worker) drain(ctx context.Context, batch jetstream.MessageBatch, err error) []jetstream.Msg {
	if err != nil {
		if ctx.Err() == nil && !errors.Is(err, context.DeadlineExceeded) {
			w.opt.Log.Printf("queue: fetch: %v", err)
			sleep(ctx, 250*time.Millisecond)
		}
		return nil
	}
	var msgs []jetstream.Msg
	for m := range batch.Messages() {
		msgs = append(msgs, m)
	}
	return msgs
}

// storeArticles is the articles role. Taking and preparing a batch
// (the CPU's work) and storing the one before (the store's) overlap.
func (w *Worker) storeArticles(ctx context.Context) error {
	an, err := nlp.Default()
	if err != nil {
		return err
	}
	c, err := w.consumer(ctx, queue.Articles)
	if err != nil {
		return err
	}
	prepared := make(chan *batch, 1)
	go func() {
		defer close(prepared)
		for ctx.Err() == nil {
			msgs := w.fetch(ctx, c, w.opt.Batch)
			if len(msgs) == 0 {
				continue
			}
			if b := w.prepare(ctx, msgs, an); b != nil {
				prepared <- b
			}
		}
	}()
	for b := range prepared {
		w.store(ctx, b)
	}
	return ctx.Err()
}

// batch is a batch of messages on its way to the store: the records
// prepared from them, since start.
type batch struct {
	msgs  []jetstream.Msg
	recs  []store.Record
	start time.Time
	stop  func() // ends keepInProgress
}

// prepare decodes, cleans, analyses and signs the articles of a batch of
// messages. Nothing is acknowledged on failure: the messages come back
// (to this worker or another) after a pause.
func (w *Worker) prepare(ctx context.Context, msgs []jetstream.Msg, an *nlp.Analyzer) *batch {
	b := &batch{start: time.Now(), stop: keepInProgress(msgs, w.q.AckWait())}
	var arts []ingest.Article
	for _, m := range msgs {
		if md, err := m.Metadata(); err == nil && md.NumDelivered > 1 {
			w.opt.Metrics.Redeliveries.WithLabelValues("articles").Inc()
		}
		a, err := queue.DecodeArticle(m.Data())
		if err != nil {
			// Not an article this program wrote: it can never be
			// stored. Terminated, it stays visible in the stream's
			// advisories rather than going round forever.
			w.opt.Log.Printf("queue: dropping a message that is not an article: %v", err)
			m.Term()
			continue
		}
		arts = append(arts, a)
		b.msgs = append(b.msgs, m)
	}
	if len(arts) == 0 {
		b.stop()
		return nil
	}
	var err error
	if b.recs, err = engine.Prepare(ctx, arts, an); err != nil {
		w.retry(ctx, b, err)
		return nil
	}
	return b
}

// store stores a prepared batch and acknowledges its messages once the
// store committed.
func (w *Worker) store(ctx context.Context, b *batch) {
	defer b.stop()
	if _, err := w.eng.Store.PutArticles(ctx, b.recs); err != nil {
		w.retry(ctx, b, err)
		return
	}
	for _, m := range b.msgs {
		// A lost acknowledgement only means the article comes back
		// and is found stored.
		m.DoubleAck(ctx)
	}
	w.q.NotifyStored()
	w.opt.Metrics.Articles.Add(float64(len(b.recs)))
	w.opt.Metrics.BatchSeconds.WithLabelValues("articles").Observe(time.Since(b.start).Seconds())
}

// retry gives a batch back to the queue, to come again after a pause.
func (w *Worker) retry(ctx context.Context, b *batch, err error) {
	defer b.stop()
	if ctx.Err() == nil {
		w.opt.Log.Printf("store: %d articles: %v; they will be delivered again", len(b.msgs), err)
	}
	for _, m := range b.msgs {
		m.NakWithDelay(time.Second)
	}
	sleep(ctx, time.Second)
}

// keepInProgress tells the server, while a batch is worked on, that its
// messages are not abandoned; stop ends it.
func keepInProgress(msgs []jetstream.Msg, ackWait time.Duration) (stop func()) {
	done := make(chan struct{})
	var once sync.Once
	go func() {
		t := time.NewTicker(ackWait / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				for _, m := range msgs {
					m.InProgress()
				}
			}
		}
	}()
	return func() { once.Do(func() { close(done) }) }
}

// rebuildReports is the reports role.
func (w *Worker) rebuildReports(ctx context.Context) error {
	c, err := w.consumer(ctx, queue.Reports)
	if err != nil {
		return err
	}
	for ctx.Err() == nil {
		if msgs := w.fetch(ctx, c, 4*runtime.GOMAXPROCS(0)); len(msgs) > 0 {
			w.rebuildBatch(ctx, msgs)
		}
	}
	return ctx.Err()
}

// rebuildBatch builds the reports of a batch of stories on every core,
// stores them in one transaction, and then acknowledges them. A story
// asked for twice in the batch is built once.
func (w *Worker) rebuildBatch(ctx context.Context, msgs []jetstream.Msg) {
	start := time.Now()
	stop := keepInProgress(msgs, w.q.AckWait())
	defer stop()
	var ids []string
	seen := map[string]bool{}
	for _, m := range msgs {
		if md, err := m.Metadata(); err == nil && md.NumDelivered > 1 {
			w.opt.Metrics.Redeliveries.WithLabelValues("reports").Inc()
		}
		if id := string(m.Data()); !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	reports, err := w.eng.BuildReports(ctx, ids)
	if err == nil {
		_, err = w.eng.Store.SaveReports(ctx, reports)
	}
	if err != nil {
		if ctx.Err() == nil {
			w.opt.Log.Printf("reports of %d stories: %v; they will be delivered again", len(ids), err)
		}
		for _, m := range msgs {
			m.NakWithDelay(time.Second)
		}
		return
	}
	for _, m := range msgs {
		m.DoubleAck(ctx)
	}
	w.opt.Metrics.Reports.Add(float64(len(reports)))
	w.opt.Metrics.BatchSeconds.WithLabelValues("reports").Observe(time.Since(start).Seconds())
}

// clusterRole is the name of the role the store elects.
const clusterRole = "clusterer"

// cluster is the cluster role: stand by until elected, then place
// articles until the lease is lost or ctx ends.
func (w *Worker) cluster(ctx context.Context) error {
	el, ok := w.eng.Store.(store.Elector)
	if !ok {
		return errors.New("this store cannot elect a clusterer")
	}
	wake := make(chan struct{}, 1)
	stop, err := w.q.OnStored(func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	})
	if err == nil {
		defer stop()
	}
	for ctx.Err() == nil {
		lease, ok, err := el.TryLead(ctx, clusterRole)
		if err != nil && ctx.Err() == nil {
			w.opt.Log.Printf("clusterer: %v", err)
		}
		if !ok {
			w.opt.Metrics.Clusterer.Set(0)
			sleep(ctx, w.opt.Poll)
			continue
		}
		w.opt.Log.Printf("clusterer: active")
		w.opt.Metrics.Clusterer.Set(1)
		w.lead(ctx, lease, wake)
		lease.Release()
		w.opt.Metrics.Clusterer.Set(0)
		if ctx.Err() == nil {
			w.opt.Log.Printf("clusterer: lost the role; standing by")
		}
	}
	return ctx.Err()
}

// lead places articles and asks for reports while the lease holds.
func (w *Worker) lead(ctx context.Context, lease store.Lease, wake <-chan struct{}) {
	asked := map[string]askedReport{}
	for ctx.Err() == nil && lease.Held(ctx) {
		start := time.Now()
		res, err := w.eng.Cluster(ctx)
		if err != nil {
			if ctx.Err() == nil {
				w.opt.Log.Printf("clusterer: %v", err)
			}
			sleep(ctx, w.opt.Poll)
			continue
		}
		if res.Assigned > 0 {
			w.opt.Metrics.Assigned.Add(float64(res.Assigned))
			w.opt.Metrics.BatchSeconds.WithLabelValues("cluster").Observe(time.Since(start).Seconds())
		}
		if err := w.askForReports(ctx, asked); err != nil && ctx.Err() == nil {
			w.opt.Log.Printf("clusterer: reports: %v", err)
		}
		select {
		case <-ctx.Done():
		case <-wake:
		case <-time.After(w.opt.Poll):
		}
	}
}

// askForReports puts every story whose report is missing or stale on
// the queue; the queue keeps one request per story and generation.
//
// asked remembers what this clusterer asked for and when: a story still
// stale at the same generation is asked for again only after the queue's
// duplicate window, in case its job was lost, not on every pass.
func (w *Worker) askForReports(ctx context.Context, asked map[string]askedReport) error {
	stale, err := w.eng.Store.StaleReports(ctx)
	if err != nil {
		return err
	}
	w.opt.Metrics.StaleReports.Set(float64(len(stale)))
	now := time.Now()
	var ask []queue.StoryVersion
	still := make(map[string]bool, len(stale))
	for _, v := range stale {
		still[v.ID] = true
		if a, ok := asked[v.ID]; ok && a.generation == v.Generation && now.Sub(a.at) < askAgain {
			continue
		}
		ask = append(ask, queue.StoryVersion{ID: v.ID, Generation: v.Generation})
		asked[v.ID] = askedReport{v.Generation, now}
	}
	for id := range asked {
		if !still[id] {
			delete(asked, id) // reported since
		}
	}
	// The stories that changed are news for the saved searches that find
	// them: queued once per story and generation in the store's outbox,
	// for 'parallax serve' to deliver.
	if len(ask) > 0 {
		ids := make([]string, len(ask))
		for i, v := range ask {
			ids[i] = v.ID
		}
		if _, err := alerts.Check(ctx, w.eng.Store, w.opt.Outlets, ids, now); err != nil {
			w.opt.Log.Printf("saved searches: %v", err)
		}
	}
	return w.q.PublishReports(ctx, ask)
}

// askedReport is a report job a clusterer published.
type askedReport struct {
	generation int64
	at         time.Time
}

// askAgain is how long a report asked for may stay stale before it is
// asked for again (the queue keeps duplicates out for ten minutes).
const askAgain = 10 * time.Minute

// sleep waits d or until ctx ends, and reports whether ctx is still live.
func sleep(ctx context.Context, d time.Duration) bool {
	select {
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}
