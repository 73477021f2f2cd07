package worker

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parallax-news/parallax/internal/queue"
)

// Metrics count a worker's work, for Prometheus (the worker's /metrics).
type Metrics struct {
	Registry     *prometheus.Registry
	Articles     prometheus.Counter
	Reports      prometheus.Counter
	Assigned     prometheus.Counter
	Redeliveries *prometheus.CounterVec
	BatchSeconds *prometheus.HistogramVec
	Clusterer    prometheus.Gauge
	StaleReports prometheus.Gauge
	QueueDepth   *prometheus.GaugeVec
}

// NewMetrics registers a worker's metrics in a registry of their own.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		Articles: prometheus.NewCounter(prometheus.CounterOpts{Name: "parallax_worker_articles_total",
			Help: "Articles stored by this worker."}),
		Reports: prometheus.NewCounter(prometheus.CounterOpts{Name: "parallax_worker_reports_total",
			Help: "Story reports rebuilt by this worker."}),
		Assigned: prometheus.NewCounter(prometheus.CounterOpts{Name: "parallax_clusterer_assigned_total",
			Help: "Articles placed in stories while this worker was the clusterer."}),
		Redeliveries: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "parallax_worker_redeliveries_total",
			Help: "Messages this worker received more than once (another worker died holding them, or a store write failed)."}, []string{"role"}),
		BatchSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "parallax_worker_seconds",
			Help:    "Time to handle one batch of articles, one report, or one clustering pass.",
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 14)}, []string{"role"}),
		Clusterer: prometheus.NewGauge(prometheus.GaugeOpts{Name: "parallax_clusterer_active",
			Help: "1 while this worker is the active clusterer, 0 while it stands by."}),
		StaleReports: prometheus.NewGauge(prometheus.GaugeOpts{Name: "parallax_stale_reports",
			Help: "Stories whose report is missing or older than the story, as the clusterer last counted."}),
		QueueDepth: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "parallax_queue_messages",
			Help: "Messages of each kind of work: pending (not yet handed out), in_flight (handed out, not acknowledged) and redelivered."}, []string{"work", "state"}),
	}
	m.Registry.MustRegister(m.Articles, m.Reports, m.Assigned, m.Redeliveries, m.BatchSeconds, m.Clusterer, m.StaleReports, m.QueueDepth)
	return m
}

// WatchQueue updates the queue depth gauges every interval until ctx ends.
func (m *Metrics) WatchQueue(ctx context.Context, q *queue.Queue, every time.Duration) {
	for {
		for _, work := range []queue.Work{queue.Articles, queue.Reports} {
			d, err := q.Depth(ctx, work)
			if err != nil {
				continue
			}
			m.QueueDepth.WithLabelValues(string(work), "pending").Set(float64(d.Pending))
			m.QueueDepth.WithLabelValues(string(work), "in_flight").Set(float64(d.InFlight))
			m.QueueDepth.WithLabelValues(string(work), "redelivered").Set(float64(d.Redelivered))
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}
