package alerts

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/outlets"
	"github.com/parallax-news/parallax/internal/store"
)

// receiver is a webhook on loopback that fails its first requests, then
// records what it receives.
type receiver struct {
	mu       sync.Mutex
	failures int
	got      map[string]int // idempotency key → accepted deliveries
	bodies   map[string][]byte
	bad      int // requests with a wrong signature
	secret   string
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.failures > 0 {
		r.failures--
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		return
	}
	if !Verify(r.secret, body, req.Header.Get(SignatureHeader)) {
		r.bad++
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	key := req.Header.Get(IdempotencyHeader)
	r.got[key]++
	r.bodies[key] = body
}

// A saved search's story reaches a webhook that fails and recovers:
// delivered once per key, signed, after backing off; checking the same
// change again queues nothing.
func TestDeliveryAfterTheReceiverRecovers(t *testing.T) {
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := (&engine.Engine{Store: st}).Run(ctx, engine.Files([]string{"../../examples/seeds"}, ingest.Options{}), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	stories, err := (&engine.Engine{Store: st}).StoriesOf(ctx, res.IDs)
	if err != nil || len(stories) != 1 {
		t.Fatalf("stories: %v %v", stories, err)
	}
	rcv := &receiver{failures: 2, got: map[string]int{}, bodies: map[string][]byte{}, secret: "s3cret"}
	hook := httptest.NewServer(rcv)
	defer hook.Close()
	for _, a := range []store.Alert{
		{ID: "rubio", Name: "Rubio", Entity: "Rubio", Webhook: hook.URL, Secret: "s3cret"},
		{ID: "nothing", Name: "Nothing", Query: "zzqx nowhere", Webhook: hook.URL, Secret: "s3cret"},
		{ID: "lost-group", Name: "A group since removed", Group: "gone", Webhook: hook.URL, Secret: "s3cret"},
	} {
		if err := st.SaveAlert(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)
	reg := &outlets.Registry{}
	// The alert of a removed group is named, and the others still queue.
	if n, err := Check(ctx, st, reg, stories, now); n != 1 || err == nil || !strings.Contains(err.Error(), "lost-group") {
		t.Fatalf("check: %d queued, %v", n, err)
	}
	if n, _ := Check(ctx, st, reg, stories, now); n != 0 {
		t.Errorf("the same change again: %d queued", n)
	}
	d := &Deliverer{Store: st, Now: func() time.Time { return now }}
	for round := 0; round < 6; round++ {
		if _, _, err := d.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		now = now.Add(MaxBackoff) // past any backoff
	}
	rcv.mu.Lock()
	defer rcv.mu.Unlock()
	if len(rcv.got) != 1 || rcv.bad != 0 {
		t.Fatalf("received %v (%d badly signed)", rcv.got, rcv.bad)
	}
	for key, n := range rcv.got {
		if n != 1 {
			t.Errorf("key %s delivered %d times", key, n)
		}
		var p Payload
		if err := json.Unmarshal(rcv.bodies[key], &p); err != nil || p.Key != key || p.Alert.ID != "rubio" || p.Story.ID != stories[0] || p.Story.Articles != 2 {
			t.Errorf("payload %s: %+v %v", rcv.bodies[key], p, err)
		}
	}
	out, err := st.Deliveries(ctx, "rubio", 10)
	if err != nil || len(out) != 1 || out[0].Delivered.IsZero() || out[0].Attempts != 3 {
		t.Errorf("outbox: %+v %v", out, err)
	}
}

func TestBackoffDoubles(t *testing.T) {
	for attempts, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 4: 8 * time.Second, 40: time.Hour} {
		if got := backoff(attempts); got != want {
			t.Errorf("backoff(%d) = %v, want %v", attempts, got, want)
		}
	}
}
