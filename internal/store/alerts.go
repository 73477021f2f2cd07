package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Alert is a saved search whose new and changed stories are delivered to
// a webhook. The filters are those of a story listing.
type Alert struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Query     string `json:"q,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Entity    string `json:"entity,omitempty"`
	Group     string `json:"group,omitempty"`
	OnlyGroup string `json:"only_group,omitempty"`
	Webhook   string `json:"webhook,omitempty"`
	// Secret signs each delivery (HMAC-SHA256); never shown back.
	Secret  string    `json:"-"`
	Created time.Time `json:"created"`
}

// Delivery is one alert's news of one story as of one clustering
// generation, waiting in the outbox until its webhook takes it. Its key
// is the idempotency key the receiver sees: the same story at the same
// generation is never queued twice.
type Delivery struct {
	Key       string
	AlertID   string
	StoryID   string
	Payload   []byte // the JSON body
	Attempts  int
	NextAt    time.Time
	Delivered time.Time // zero until the webhook answered 2xx
	LastError string
}

// Alerts is what alerting needs of a store; both backends provide it.
type Alerts interface {
	SaveAlert(ctx context.Context, a Alert) error
	ListAlerts(ctx context.Context) ([]Alert, error)
	DeleteAlert(ctx context.Context, id string) error
	// Enqueue adds deliveries to the outbox, skipping keys already there;
	// it returns how many it added.
	Enqueue(ctx context.Context, ds []Delivery) (int, error)
	// DueDeliveries returns undelivered deliveries whose time has come,
	// oldest first.
	DueDeliveries(ctx context.Context, now time.Time, limit int) ([]Delivery, error)
	// Delivered marks a delivery done; Retry records a failed attempt and
	// when to try again.
	Delivered(ctx context.Context, key string, at time.Time) error
	Retry(ctx context.Context, key string, attempts int, next time.Time, reason string) error
	// Deliveries lists an alert's outbox, newest first.
	Deliveries(ctx context.Context, alertID string, limit int) ([]Delivery, error)
}

var (
	_ Alerts = (*SQLite)(nil)
	_ Alerts = (*Postgres)(nil)
)

// alertsSchema is the same on both backends: plain types, times as RFC
// 3339 text in UTC (which sorts as time).
const alertsSchema = `CREATE TABLE alerts (
		id         TEXT PRIMARY KEY,
		name       TEXT NOT NULL,
		q          TEXT NOT NULL DEFAULT '',
		outlet     TEXT NOT NULL DEFAULT '',
		entity     TEXT NOT NULL DEFAULT '',
		grp        TEXT NOT NULL DEFAULT '',
		only_group TEXT NOT NULL DEFAULT '',
		webhook    TEXT NOT NULL DEFAULT '',
		secret     TEXT NOT NULL DEFAULT '',
		created    TEXT NOT NULL
	);
	CREATE TABLE alert_outbox (
		key        TEXT PRIMARY KEY,
		alert_id   TEXT NOT NULL,
		story_id   TEXT NOT NULL,
		payload    TEXT NOT NULL,
		attempts   INTEGER NOT NULL DEFAULT 0,
		next_at    TEXT NOT NULL,
		delivered  TEXT NOT NULL DEFAULT '',
		last_error TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX alert_outbox_due ON alert_outbox(delivered, next_at);`

// The statements, written once with numbered placeholders ($1…), which
// SQLite accepts too.
const (
	saveAlertSQL = `INSERT INTO alerts (id, name, q, outlet, entity, grp, only_group, webhook, secret, created)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, q = excluded.q, outlet = excluded.outlet, entity = excluded.entity,
		grp = excluded.grp, only_group = excluded.only_group, webhook = excluded.webhook, secret = excluded.secret`
	listAlertsSQL    = `SELECT id, name, q, outlet, entity, grp, only_group, webhook, secret, created FROM alerts ORDER BY created, id`
	deleteAlertSQL   = `DELETE FROM alerts WHERE id = $1`
	enqueueSQL       = `INSERT INTO alert_outbox (key, alert_id, story_id, payload, next_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING`
	deliveryCols     = `key, alert_id, story_id, payload, attempts, next_at, delivered, last_error`
	dueSQL           = `SELECT ` + deliveryCols + ` FROM alert_outbox WHERE delivered = '' AND next_at <= $1 ORDER BY next_at, key LIMIT $2`
	deliveredSQL     = `UPDATE alert_outbox SET delivered = $2, attempts = attempts + 1, last_error = '' WHERE key = $1`
	retrySQL         = `UPDATE alert_outbox SET attempts = $2, next_at = $3, last_error = $4 WHERE key = $1`
	alertOutboxSQL   = `SELECT ` + deliveryCols + ` FROM alert_outbox WHERE alert_id = $1 ORDER BY next_at DESC, key LIMIT $2`
	deleteOutboxSQL  = `DELETE FROM alert_outbox WHERE alert_id = $1`
	alertTimeLayout  = time.RFC3339Nano
	maxDeliveryError = 500
)

func scanAlert(rs rows, a *Alert) error {
	var created string
	if err := rs.Scan(&a.ID, &a.Name, &a.Query, &a.Outlet, &a.Entity, &a.Group, &a.OnlyGroup, &a.Webhook, &a.Secret, &created); err != nil {
		return err
	}
	a.Created, _ = time.Parse(alertTimeLayout, created)
	return nil
}

func scanDelivery(rs rows, d *Delivery) error {
	var payload, next, delivered string
	if err := rs.Scan(&d.Key, &d.AlertID, &d.StoryID, &payload, &d.Attempts, &next, &delivered, &d.LastError); err != nil {
		return err
	}
	d.Payload = []byte(payload)
	d.NextAt, _ = time.Parse(alertTimeLayout, next)
	if delivered != "" {
		d.Delivered, _ = time.Parse(alertTimeLayout, delivered)
	}
	return nil
}

func alertTime(t time.Time) string { return t.UTC().Format(alertTimeLayout) }

func clipError(s string) string {
	if len(s) > maxDeliveryError {
		return s[:maxDeliveryError]
	}
	return s
}

// execer runs a statement; both backends adapt to it.
type execer func(ctx context.Context, sql string, args ...any) (int64, error)

// queryer runs a query; both backends adapt to it.
type queryer func(ctx context.Context, sql string, args ...any) (rows, func(), error)

// alertStore implements Alerts over a backend's exec and query.
type alertStore struct {
	exec  execer
	query queryer
}

func (s alertStore) SaveAlert(ctx context.Context, a Alert) error {
	if a.ID == "" || a.Name == "" {
		return errors.New("an alert needs an id and a name")
	}
	if a.Created.IsZero() {
		a.Created = time.Now()
	}
	_, err := s.exec(ctx, saveAlertSQL, a.ID, a.Name, a.Query, a.Outlet, a.Entity, a.Group, a.OnlyGroup, a.Webhook, a.Secret, alertTime(a.Created))
	return err
}

func (s alertStore) ListAlerts(ctx context.Context) ([]Alert, error) {
	rs, done, err := s.query(ctx, listAlertsSQL)
	if err != nil {
		return nil, err
	}
	defer done()
	return collect(rs, scanAlert)
}

func (s alertStore) DeleteAlert(ctx context.Context, id string) error {
	n, err := s.exec(ctx, deleteAlertSQL, id)
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("alert %s: %w", id, ErrNotFound)
	}
	_, err = s.exec(ctx, deleteOutboxSQL, id)
	return err
}

func (s alertStore) Enqueue(ctx context.Context, ds []Delivery) (int, error) {
	added := 0
	for _, d := range ds {
		n, err := s.exec(ctx, enqueueSQL, d.Key, d.AlertID, d.StoryID, string(d.Payload), alertTime(d.NextAt))
		if err != nil {
			return added, err
		}
		added += int(n)
	}
	return added, nil
}

func (s alertStore) DueDeliveries(ctx context.Context, now time.Time, limit int) ([]Delivery, error) {
	rs, done, err := s.query(ctx, dueSQL, alertTime(now), limit)
	if err != nil {
		return nil, err
	}
	defer done()
	return collect(rs, scanDelivery)
}

func (s alertStore) Delivered(ctx context.Context, key string, at time.Time) error {
	_, err := s.exec(ctx, deliveredSQL, key, alertTime(at))
	return err
}

func (s alertStore) Retry(ctx context.Context, key string, attempts int, next time.Time, reason string) error {
	_, err := s.exec(ctx, retrySQL, key, attempts, alertTime(next), clipError(reason))
	return err
}

func (s alertStore) Deliveries(ctx context.Context, alertID string, limit int) ([]Delivery, error) {
	rs, done, err := s.query(ctx, alertOutboxSQL, alertID, limit)
	if err != nil {
		return nil, err
	}
	defer done()
	return collect(rs, scanDelivery)
}

// alerts adapts the SQLite database to alertStore; SQLite reads the
// numbered placeholders as ?N.
func (s *SQLite) alerts() alertStore {
	return alertStore{
		exec: func(ctx context.Context, q string, args ...any) (int64, error) {
			res, err := s.db.ExecContext(ctx, strings.ReplaceAll(q, "$", "?"), args...)
			if err != nil {
				return 0, err
			}
			return res.RowsAffected()
		},
		query: func(ctx context.Context, q string, args ...any) (rows, func(), error) {
			rs, err := s.db.QueryContext(ctx, strings.ReplaceAll(q, "$", "?"), args...)
			if err != nil {
				return nil, nil, err
			}
			return rs, func() { rs.Close() }, nil
		},
	}
}

// alerts adapts the PostgreSQL pool to alertStore.
func (s *Postgres) alerts() alertStore {
	return alertStore{
		exec: func(ctx context.Context, q string, args ...any) (int64, error) {
			tag, err := s.pool.Exec(ctx, q, args...)
			return tag.RowsAffected(), err
		},
		query: func(ctx context.Context, q string, args ...any) (rows, func(), error) {
			rs, err := s.pool.Query(ctx, q, args...)
			if err != nil {
				return nil, nil, err
			}
			return rs, rs.Close, nil
		},
	}
}

// SaveAlert stores a saved search (a new one, or a new version of one).
func (s *SQLite) SaveAlert(ctx context.Context, a Alert) error { return s.alerts().SaveAlert(ctx, a) }

// ListAlerts lists the saved searches, oldest first.
func (s *SQLite) ListAlerts(ctx context.Context) ([]Alert, error) { return s.alerts().ListAlerts(ctx) }

// DeleteAlert removes a saved search and its outbox.
func (s *SQLite) DeleteAlert(ctx context.Context, id string) error {
	return s.alerts().DeleteAlert(ctx, id)
}

// Enqueue adds deliveries to the outbox, once per key.
func (s *SQLite) Enqueue(ctx context.Context, ds []Delivery) (int, error) {
	return s.alerts().Enqueue(ctx, ds)
}

// DueDeliveries returns the deliveries to attempt now.
func (s *SQLite) DueDeliveries(ctx context.Context, now time.Time, limit int) ([]Delivery, error) {
	return s.alerts().DueDeliveries(ctx, now, limit)
}

// Delivered marks a delivery done.
func (s *SQLite) Delivered(ctx context.Context, key string, at time.Time) error {
	return s.alerts().Delivered(ctx, key, at)
}

// Retry records a failed attempt.
func (s *SQLite) Retry(ctx context.Context, key string, attempts int, next time.Time, reason string) error {
	return s.alerts().Retry(ctx, key, attempts, next, reason)
}

// Deliveries lists an alert's outbox.
func (s *SQLite) Deliveries(ctx context.Context, alertID string, limit int) ([]Delivery, error) {
	return s.alerts().Deliveries(ctx, alertID, limit)
}

// SaveAlert stores a saved search (a new one, or a new version of one).
func (s *Postgres) SaveAlert(ctx context.Context, a Alert) error { return s.alerts().SaveAlert(ctx, a) }

// ListAlerts lists the saved searches, oldest first.
func (s *Postgres) ListAlerts(ctx context.Context) ([]Alert, error) {
	return s.alerts().ListAlerts(ctx)
}

// DeleteAlert removes a saved search and its outbox.
func (s *Postgres) DeleteAlert(ctx context.Context, id string) error {
	return s.alerts().DeleteAlert(ctx, id)
}

// Enqueue adds deliveries to the outbox, once per key.
func (s *Postgres) Enqueue(ctx context.Context, ds []Delivery) (int, error) {
	return s.alerts().Enqueue(ctx, ds)
}

// DueDeliveries returns the deliveries to attempt now.
func (s *Postgres) DueDeliveries(ctx context.Context, now time.Time, limit int) ([]Delivery, error) {
	return s.alerts().DueDeliveries(ctx, now, limit)
}

// Delivered marks a delivery done.
func (s *Postgres) Delivered(ctx context.Context, key string, at time.Time) error {
	return s.alerts().Delivered(ctx, key, at)
}

// Retry records a failed attempt.
func (s *Postgres) Retry(ctx context.Context, key string, attempts int, next time.Time, reason string) error {
	return s.alerts().Retry(ctx, key, attempts, next, reason)
}

// Deliveries lists an alert's outbox.
func (s *Postgres) Deliveries(ctx context.Context, alertID string, limit int) ([]Delivery, error) {
	return s.alerts().Deliveries(ctx, alertID, limit)
}
