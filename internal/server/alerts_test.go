package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/alerts"
	"github.com/parallax-news/parallax/internal/store"
)

// A saved search made through the API alerts its webhook when articles
// it matches arrive: the receiver fails twice, then recovers, and gets
// the story once, signed; the alert's feed lists the story; the secret
// is never shown back.
func TestAlertWebhookEndToEnd(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var mu sync.Mutex
	fails, got, bad := 2, map[string]int{}, 0
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		if fails > 0 {
			fails--
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		if !alerts.Verify("s3cret", body, r.Header.Get(alerts.SignatureHeader)) {
			bad++
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		got[r.Header.Get(alerts.IdempotencyHeader)]++
	}))
	defer hook.Close()

	base := liveServer(ctx, t, Options{})

	body, _ := json.Marshal(map[string]string{"name": "Rubio", "entity": "Rubio", "webhook": hook.URL, "secret": "s3cret"})
	resp, err := http.Post(base+"/api/alerts", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var a store.Alert
	json.NewDecoder(resp.Body).Decode(&a)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || a.ID == "" {
		t.Fatalf("save: %d %+v", resp.StatusCode, a)
	}
	if resp, _ := http.Post(base+"/api/alerts", "application/json", strings.NewReader(`{"name":"No filter"}`)); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an alert without a filter: %d", resp.StatusCode)
	}
	story := loadSeeds(t, base, "")

	deadline := time.Now().Add(30 * time.Second)
	for {
		mu.Lock()
		n := len(got)
		mu.Unlock()
		if n > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(1500 * time.Millisecond) // a duplicate would arrive by now
	mu.Lock()
	// Each change of the story (each seed joining it) is news once.
	if len(got) == 0 || len(got) > 2 || bad != 0 {
		t.Errorf("deliveries %v, %d badly signed", got, bad)
	}
	for key, n := range got {
		if n != 1 || !strings.Contains(key, story) {
			t.Errorf("key %s delivered %d times", key, n)
		}
	}
	mu.Unlock()

	r2, err := http.Get(base + "/api/alerts")
	if err != nil {
		t.Fatal(err)
	}
	listed, _ := io.ReadAll(r2.Body)
	r2.Body.Close()
	if strings.Contains(string(listed), "s3cret") || !strings.Contains(string(listed), a.ID) {
		t.Errorf("alerts listing: %s", listed)
	}
	code, f, _ := func() (int, atomFeed, string) {
		resp, err := http.Get(base + "/feeds/alerts/" + a.ID + ".atom")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var f atomFeed
		raw, _ := io.ReadAll(resp.Body)
		xmlUnmarshal(raw, &f)
		return resp.StatusCode, f, string(raw)
	}()
	if code != 200 || len(f.Entries) != 1 || !strings.HasSuffix(f.Entries[0].ID, story) {
		t.Errorf("alert feed: %d %+v", code, f)
	}
	req, _ := http.NewRequest(http.MethodDelete, base+"/api/alerts/"+a.ID, nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusNoContent {
		t.Errorf("delete: %v %v", resp, err)
	}
	if resp, _ := http.Get(base + "/feeds/alerts/" + a.ID + ".atom"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("feed of a deleted alert: %d", resp.StatusCode)
	}
}
