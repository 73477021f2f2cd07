// Package alerts delivers saved searches: when stories change, each alert
// whose filters find one queues a delivery in the store's outbox (once per
// story and clustering generation: that is its idempotency key), and a
// deliverer POSTs the outbox to the alert's webhook, signed with
// HMAC-SHA256, retrying with exponential backoff until the receiver
// answers 2xx. The outbox is in the store, so a restart loses nothing;
// delivery is at least once, and the key lets a receiver drop repeats.
package alerts

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/outlets"
	"github.com/parallax-news/parallax/internal/store"
)

// Store is what alerting needs of a store.
type Store interface {
	store.Alerts
	outlets.OutletLister
	Stories(ctx context.Context, q store.StoryQuery) ([]store.StorySummary, error)
}

// Payload is the JSON body a webhook receives.
type Payload struct {
	Key    string    `json:"key"` // the idempotency key, also in the Idempotency-Key header
	Alert  AlertRef  `json:"alert"`
	Story  StoryRef  `json:"story"`
	Queued time.Time `json:"queued"`
}

// AlertRef names the alert a delivery is for.
type AlertRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// StoryRef is the story a delivery reports.
type StoryRef struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Path     string   `json:"path"` // the story's page on the server
	First    string   `json:"first,omitempty"`
	Last     string   `json:"last,omitempty"`
	Articles int      `json:"articles"`
	Outlets  int      `json:"outlets"`
	Entities []string `json:"entities,omitempty"`
}

// Query is the story listing an alert's filters make.
func Query(a store.Alert) store.StoryQuery {
	return store.StoryQuery{Query: a.Query, Outlet: a.Outlet, Entity: a.Entity}
}

// Check queues a delivery for each alert with a webhook and each of the
// changed stories its filters find. It returns how many it queued (a
// story already queued for an alert at its generation is not queued
// again); an alert whose group the registry lacks is skipped and named in
// the error, the others queued all the same.
func Check(ctx context.Context, st Store, reg *outlets.Registry, storyIDs []string, now time.Time) (int, error) {
	if len(storyIDs) == 0 {
		return 0, nil
	}
	list, err := st.ListAlerts(ctx)
	if err != nil {
		return 0, err
	}
	var ds []store.Delivery
	var skipped error
	for _, a := range list {
		if a.Webhook == "" {
			continue
		}
		q := Query(a)
		q.IDs = storyIDs
		none, err := reg.FilterStories(ctx, st, &q, a.Group, a.OnlyGroup)
		if err != nil {
			// A group the registry no longer has: this alert finds
			// nothing until it is fixed; the others still run.
			skipped = errors.Join(skipped, fmt.Errorf("alert %s: %w", a.ID, err))
			continue
		}
		if none {
			continue
		}
		found, err := st.Stories(ctx, q)
		if err != nil {
			return 0, err
		}
		for _, s := range found {
			key := fmt.Sprintf("%s/%s/%d", a.ID, s.ID, s.Generation)
			body, err := json.Marshal(Payload{Key: key, Alert: AlertRef{ID: a.ID, Name: a.Name}, Queued: now.UTC(),
				Story: StoryRef{ID: s.ID, Title: s.Title, Path: "/stories/" + s.ID, First: s.First, Last: s.Last,
					Articles: s.Articles, Outlets: s.Outlets, Entities: s.Entities}})
			if err != nil {
				return 0, err
			}
			ds = append(ds, store.Delivery{Key: key, AlertID: a.ID, StoryID: s.ID, Payload: body, NextAt: now})
		}
	}
	n, err := st.Enqueue(ctx, ds)
	return n, errors.Join(err, skipped)
}

// New checks a saved search as the user wrote it and gives it an id
// when it has none: what the API and the command line both take.
func New(in store.Alert) (store.Alert, error) {
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" {
		return in, errors.New("name: give the saved search a name")
	}
	if in.Query == "" && in.Outlet == "" && in.Entity == "" && in.Group == "" && in.OnlyGroup == "" {
		return in, errors.New("a saved search needs a filter: q, outlet, entity, group or only_group")
	}
	if in.Webhook != "" {
		u, err := url.Parse(in.Webhook)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return in, fmt.Errorf("webhook: want an http or https URL, got %q", in.Webhook)
		}
	}
	if in.ID == "" {
		b := make([]byte, 6)
		rand.Read(b)
		in.ID = "alert-" + hex.EncodeToString(b)
	}
	if in.Created.IsZero() {
		in.Created = time.Now().UTC()
	}
	return in, nil
}
