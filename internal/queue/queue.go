// Package queue carries work between Parallax processes over NATS
// JetStream: articles read by a server (uploads, feeds, watched folders)
// for workers to clean, analyse and store, and stories whose report a
// worker should rebuild. Both live in one durable stream with work-queue
// retention: a message stays until a worker acknowledges it, which a
// worker does only after the store committed its work, so a worker that
// dies mid-batch loses nothing; the batch is delivered again, and the
// store's idempotency stores it once.
package queue

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	neturl "net/url"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parallax-news/parallax/internal/ingest"
)

// Work is a kind of work the queue carries.
type Work string

// The kinds of work.
const (
	Articles Work = "articles" // articles to store
	Reports  Work = "reports"  // stories whose report to rebuild
	// stored is a plain (not kept) notice that a worker stored
	// articles: it wakes the clusterer before its next poll.
	stored Work = "stored"
)

// AckWait is how long a worker may hold a message, by default, before
// JetStream delivers it to another: a worker that died gives its work
// back after this long. Workers report progress on long batches to keep
// it. The URL's ack_wait parameter changes it (nats://host:port?
// ack_wait=10s).
const AckWait = 30 * time.Second

// MaxDeliver bounds the deliveries of one message: one that kills every
// worker that takes it stays in the stream, unacknowledged, for a person
// to look at, instead of taking every worker down in turn.
const MaxDeliver = 10

// Queue is a connection to the stream.
type Queue struct {
	nc     *nats.Conn
	js     jetstream.JetStream
	stream jetstream.Stream
	name   string // "" for the default deployment
	// ackWait is how long a worker may hold a message.
	ackWait time.Duration
}

// Open connects to the NATS server the URL names (nats://host:port) and
// creates the stream if it is missing. The connection reconnects on its
// own when the server restarts. A name in the URL (nats://host:port?name=
// newsroom) keeps a deployment apart from others on the same server: its
// own stream, subjects and consumers.
func Open(ctx context.Context, rawURL string) (*Queue, error) {
	url, name, ackWait, err := splitName(rawURL)
	if err != nil {
		return nil, err
	}
	nc, err := nats.Connect(url, nats.Name("parallax"), nats.MaxReconnects(-1), nats.ReconnectWait(250*time.Millisecond),
		nats.RetryOnFailedConnect(false))
	if err != nil {
		return nil, fmt.Errorf("queue %s: %w (is nats-server running with JetStream, -js?)", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue %s: %w", url, err)
	}
	q := &Queue{nc: nc, js: js, name: name, ackWait: ackWait}
	q.stream, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        q.streamName(),
		Description: "Parallax: articles to store and reports to rebuild",
		Subjects:    []string{q.subject(Articles), q.subject(Reports)},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Duplicates:  10 * time.Minute,
	})
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue %s: create stream: %w (is JetStream enabled, -js?)", url, err)
	}
	return q, nil
}

// splitName takes Parallax's parameters out of a queue URL: the
// deployment's name and the ack wait.
func splitName(raw string) (url, name string, ackWait time.Duration, err error) {
	u, err := neturl.Parse(raw)
	if err != nil || u.Scheme != "nats" && u.Scheme != "tls" {
		return "", "", 0, fmt.Errorf("queue %s: want nats://host:port", raw)
	}
	q := u.Query()
	name = q.Get("name")
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return "", "", 0, fmt.Errorf("queue %s: name %q: use lower-case letters, digits, - and _", raw, name)
		}
	}
	ackWait = AckWait
	if v := q.Get("ack_wait"); v != "" {
		if ackWait, err = time.ParseDuration(v); err != nil || ackWait < time.Second {
			return "", "", 0, fmt.Errorf("queue %s: ack_wait %q: want a duration of a second or more (30s)", raw, v)
		}
	}
	q.Del("name")
	q.Del("ack_wait")
	u.RawQuery = q.Encode()
	return u.String(), name, ackWait, nil
}

// AckWait is how long a worker may hold a message of this queue.
func (q *Queue) AckWait() time.Duration { return q.ackWait }

func (q *Queue) streamName() string {
	if q.name == "" {
		return "PARALLAX"
	}
	return "PARALLAX_" + strings.ToUpper(strings.ReplaceAll(q.name, "-", "_"))
}

// subject is where a kind of work is published.
func (q *Queue) subject(w Work) string {
	if q.name == "" {
		return "parallax." + string(w)
	}
	return "parallax." + q.name + "." + string(w)
}

// Delete removes the deployment's stream with every message in it (for
// benchmarks and tests that made one of their own).
func (q *Queue) Delete(ctx context.Context) error {
	return q.js.DeleteStream(ctx, q.streamName())
}

// Close drains and closes the connection.
func (q *Queue) Close() error {
	return q.nc.Drain()
}

// PublishArticles puts articles on the stream for the workers, and
// returns when the server has stored them. An article whose message is
// larger than the server accepts is an error naming it; the others are
// still published. The same article (key and content) published twice
// within the stream's duplicate window is kept once.
func (q *Queue) PublishArticles(ctx context.Context, arts []ingest.Article) error {
	var errs []error
	for i := range arts {
		a := &arts[i]
		data, err := encodeArticle(a)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", a.Source, err))
			continue
		}
		if max := q.nc.MaxPayload(); int64(len(data)) > max-1024 {
			errs = append(errs, fmt.Errorf("%s: %d bytes compressed, more than the queue server's message limit of %d bytes (raise max_payload in its configuration)", a.Source, len(data), max))
			continue
		}
		if _, err := q.js.Publish(ctx, q.subject(Articles), data, jetstream.WithMsgID(a.Key+"\x00"+a.Hash)); err != nil {
			return fmt.Errorf("queue: publish %s: %w", a.Source, err)
		}
	}
	return errors.Join(errs...)
}

// PublishReports asks for the reports of stories to be rebuilt, each as
// of its generation: one request per story and generation is kept. They
// go without a round trip per story.
func (q *Queue) PublishReports(ctx context.Context, stories []StoryVersion) error {
	futures := make([]jetstream.PubAckFuture, 0, len(stories))
	for _, v := range stories {
		f, err := q.js.PublishAsync(q.subject(Reports), []byte(v.ID), jetstream.WithMsgID(fmt.Sprintf("%s@%d", v.ID, v.Generation)))
		if err != nil {
			return err
		}
		futures = append(futures, f)
	}
	for _, f := range futures {
		select {
		case <-f.Ok():
		case err := <-f.Err():
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// StoryVersion names a story as of a generation of its content.
type StoryVersion struct {
	ID         string
	Generation int64
}

// NotifyStored tells the clusterer that articles were stored.
func (q *Queue) NotifyStored() {
	q.nc.Publish(q.subject(stored), nil)
}

// OnStored calls fn for each notice that articles were stored, until
// the returned function is called.
func (q *Queue) OnStored(fn func()) (stop func(), err error) {
	sub, err := q.nc.Subscribe(q.subject(stored), func(*nats.Msg) { fn() })
	if err != nil {
		return nil, err
	}
	return func() { sub.Unsubscribe() }, nil
}

// encodeArticle is the message of an article: its JSON, gzipped (pages
// are mostly markup and compress several times over).
func encodeArticle(a *ingest.Article) ([]byte, error) {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if err := json.NewEncoder(zw).Encode(a); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// DecodeArticle reads an article message.
func DecodeArticle(data []byte) (ingest.Article, error) {
	var a ingest.Article
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return a, fmt.Errorf("article message: %w", err)
	}
	// The publisher bounded the article; a message many times that is
	// not one of ours.
	if err := json.NewDecoder(io.LimitReader(zr, 1<<30)).Decode(&a); err != nil {
		return a, fmt.Errorf("article message: %w", err)
	}
	return a, nil
}

// Consumer returns the durable consumer of a kind of work, creating it
// if needed. Every worker shares it, so each message goes to one of them.
func (q *Queue) Consumer(ctx context.Context, w Work) (jetstream.Consumer, error) {
	return q.stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable:       string(w) + "-workers",
		FilterSubject: q.subject(w),
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       q.ackWait,
		MaxDeliver:    MaxDeliver,
		MaxAckPending: 4096,
	})
}

// Depth is the state of one kind of work: messages waiting, messages
// handed to a worker and not yet acknowledged, and messages delivered
// more than once.
type Depth struct {
	Pending, InFlight, Redelivered uint64
}

// Depth returns the state of a kind of work.
func (q *Queue) Depth(ctx context.Context, w Work) (Depth, error) {
	c, err := q.stream.Consumer(ctx, string(w)+"-workers")
	if err != nil {
		return Depth{}, err
	}
	info, err := c.Info(ctx)
	if err != nil {
		return Depth{}, err
	}
	return Depth{Pending: info.NumPending, InFlight: uint64(info.NumAckPending), Redelivered: uint64(info.NumRedelivered)}, nil
}
