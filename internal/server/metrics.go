package server

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/parallax-news/parallax/internal/store"
)

// metrics are the server's Prometheus metrics.
type metrics struct {
	reg       *prometheus.Registry
	articles  prometheus.Counter
	stories   prometheus.Gauge
	ingestDur prometheus.Histogram
	requests  *prometheus.HistogramVec
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		articles: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "parallax_articles_ingested_total", Help: "Articles received for ingest (uploads, watched folders, feeds)."}),
		stories: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "parallax_stories", Help: "Stories in the store."}),
		ingestDur: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "parallax_ingest_seconds", Help: "Time to ingest one batch: analysis, storage, clustering and reports.",
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 14)}),
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "parallax_http_request_seconds", Help: "HTTP request latency by route and status.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16)}, []string{"route", "code"}),
	}
	m.reg.MustRegister(m.articles, m.stories, m.ingestDur, m.requests,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// ingested records an ingest batch.
func (m *metrics) ingested(n int, d time.Duration) {
	m.articles.Add(float64(n))
	m.ingestDur.Observe(d.Seconds())
}

func (m *metrics) setStories(ctx context.Context, st store.Store) {
	if n, err := st.CountStories(ctx); err == nil {
		m.stories.Set(float64(n))
	}
}

// statusWriter remembers the status code written.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

// Flush lets streaming handlers flush through the wrapper.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// instrument records a route's request latency.
func (m *metrics) instrument(route string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		h.ServeHTTP(sw, r)
		m.requests.WithLabelValues(route, http.StatusText(sw.code)).Observe(time.Since(start).Seconds())
	})
}
