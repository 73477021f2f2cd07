package queue

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/queue/natstest"
)

func article(key, raw string) ingest.Article {
	a := ingest.Article{Outlet: "Alpha", Raw: raw, Format: ingest.FormatText, Source: key, Key: "path:/" + key}
	a.Hash = ingest.ContentHash(raw)
	a.ID = ingest.MakeID("Alpha", key)
	return a
}

// Articles go through the queue intact, once each: the same article
// published twice is one message, and a worker's fetch sees it.
func TestArticlesRoundTripOnce(t *testing.T) {
	ctx := context.Background()
	q, err := Open(ctx, natstest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	arts := []ingest.Article{article("a.txt", "Storm hits coast\n\nA storm — with “quotes” — hit the coast."), article("b.txt", "Budget\n\nThe council passed it.")}
	if err := q.PublishArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	if err := q.PublishArticles(ctx, arts[:1]); err != nil { // a re-read input
		t.Fatal(err)
	}
	c, err := q.Consumer(ctx, Articles)
	if err != nil {
		t.Fatal(err)
	}
	batch, err := c.Fetch(10, jetstream.FetchMaxWait(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	var got []ingest.Article
	for m := range batch.Messages() {
		a, err := DecodeArticle(m.Data())
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, a)
		m.DoubleAck(ctx)
	}
	if len(got) != 2 || got[0].Raw != arts[0].Raw || got[1].Key != arts[1].Key || got[0].Hash != arts[0].Hash {
		t.Fatalf("fetched %d articles: %+v", len(got), got)
	}
	if d, err := q.Depth(ctx, Articles); err != nil || d.Pending != 0 || d.InFlight != 0 {
		t.Errorf("depth after acknowledging all: %+v %v", d, err)
	}
}

// An unacknowledged message comes back: a worker that dies holding it
// loses nothing.
func TestUnacknowledgedComesBack(t *testing.T) {
	ctx := context.Background()
	q, err := Open(ctx, natstest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if err := q.PublishReports(ctx, []StoryVersion{{ID: "story-1", Generation: 3}}); err != nil {
		t.Fatal(err)
	}
	c, _ := q.Consumer(ctx, Reports)
	first, _ := c.Fetch(1, jetstream.FetchMaxWait(time.Second))
	for m := range first.Messages() {
		m.Nak() // as a worker that failed does; one that died is the same after AckWait
	}
	again, _ := c.Fetch(1, jetstream.FetchMaxWait(2*time.Second))
	n := 0
	for m := range again.Messages() {
		md, _ := m.Metadata()
		if string(m.Data()) != "story-1" || md.NumDelivered != 2 {
			t.Errorf("redelivered %q, delivery %d", m.Data(), md.NumDelivered)
		}
		m.Ack()
		n++
	}
	if n != 1 {
		t.Errorf("%d messages came back, want 1", n)
	}
}

// An article larger than the server's message limit is an error naming
// it; the others in the batch still go.
func TestOversizedArticleIsNamed(t *testing.T) {
	ctx := context.Background()
	q, err := Open(ctx, natstest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	// Random-looking text does not compress below the limit.
	var b strings.Builder
	x := uint32(1)
	for b.Len() < int(q.nc.MaxPayload())*2 {
		x = x*1664525 + 1013904223
		b.WriteByte(byte('a' + x>>24%26))
	}
	err = q.PublishArticles(ctx, []ingest.Article{article("huge.txt", b.String()), article("ok.txt", "Fine\n\nA small one.")})
	if err == nil || !strings.Contains(err.Error(), "huge.txt") || !strings.Contains(err.Error(), "max_payload") {
		t.Fatalf("err = %v", err)
	}
	c, _ := q.Consumer(ctx, Articles)
	if info, _ := c.Info(ctx); info.NumPending != 1 {
		t.Errorf("%d messages queued, want the small one", info.NumPending)
	}
}

func TestOpenRefusesBadURLs(t *testing.T) {
	for _, u := range []string{"http://127.0.0.1:4222", "nats://127.0.0.1:4222?name=Bad%20Name"} {
		if _, err := Open(context.Background(), u); err == nil {
			t.Errorf("%s accepted", u)
		}
	}
	_, err := Open(context.Background(), "nats://127.0.0.1:1")
	if err == nil || !strings.Contains(err.Error(), "nats-server") {
		t.Errorf("closed port: %v", err)
	}
}
