package alerts

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/parallax-news/parallax/internal/store"
)

// Headers of a delivery.
const (
	SignatureHeader   = "X-Parallax-Signature" // "sha256=" + hex HMAC-SHA256 of the body with the alert's secret
	IdempotencyHeader = "Idempotency-Key"
	AlertHeader       = "X-Parallax-Alert"
)

// Sign returns the signature header's value for a body.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether a signature header's value signs the body: what
// a receiver runs.
func Verify(secret string, body []byte, signature string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(signature))
}

// Deliverer posts the outbox to the alerts' webhooks.
type Deliverer struct {
	Store  store.Alerts
	Client *http.Client // default: 10 s timeout
	// Now is the clock (default time.Now); tests move it.
	Now func() time.Time
	// Log receives one line per failed attempt; nil discards them.
	Log func(format string, args ...any)
}

// Backoff bounds: the first retry waits MinBackoff, each next one twice
// as long, never more than MaxBackoff.
const (
	MinBackoff = time.Second
	MaxBackoff = time.Hour
)

// backoff is how long to wait after the n-th failed attempt.
func backoff(attempts int) time.Duration {
	d := MinBackoff
	for i := 1; i < attempts && d < MaxBackoff; i++ {
		d *= 2
	}
	return min(d, MaxBackoff)
}

// RunOnce attempts every delivery that is due and returns how many
// reached their webhook and how many failed (and wait for a retry).
func (d *Deliverer) RunOnce(ctx context.Context) (delivered, failed int, err error) {
	now := d.now()
	due, err := d.Store.DueDeliveries(ctx, now, 100)
	if err != nil || len(due) == 0 {
		return 0, 0, err
	}
	list, err := d.Store.ListAlerts(ctx)
	if err != nil {
		return 0, 0, err
	}
	byID := map[string]store.Alert{}
	for _, a := range list {
		byID[a.ID] = a
	}
	for _, del := range due {
		a, ok := byID[del.AlertID]
		if !ok || a.Webhook == "" {
			continue // removed since: DeleteAlert removes its outbox too
		}
		if err := d.post(ctx, a, del); err != nil {
			failed++
			attempts := del.Attempts + 1
			if d.Log != nil {
				d.Log("alert %s: delivery %s failed (attempt %d): %v", a.ID, del.Key, attempts, err)
			}
			if rerr := d.Store.Retry(ctx, del.Key, attempts, d.now().Add(backoff(attempts)), err.Error()); rerr != nil {
				return delivered, failed, rerr
			}
			continue
		}
		if err := d.Store.Delivered(ctx, del.Key, d.now()); err != nil {
			return delivered, failed, err
		}
		delivered++
	}
	return delivered, failed, nil
}

// Run delivers until ctx ends, looking at the outbox every interval.
func (d *Deliverer) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, _, err := d.RunOnce(ctx); err != nil && ctx.Err() == nil && d.Log != nil {
			d.Log("alerts: %v", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// post sends one delivery; an answer other than 2xx is an error.
func (d *Deliverer) post(ctx context.Context, a store.Alert, del store.Delivery) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.Webhook, bytes.NewReader(del.Payload))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Parallax alerts")
	req.Header.Set(IdempotencyHeader, del.Key)
	req.Header.Set(AlertHeader, a.ID)
	if a.Secret != "" {
		req.Header.Set(SignatureHeader, Sign(a.Secret, del.Payload))
	}
	client := d.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("the webhook answered %s", resp.Status)
	}
	return nil
}

func (d *Deliverer) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}
