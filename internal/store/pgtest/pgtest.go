// Package pgtest gives tests a PostgreSQL database of their own: a fresh
// schema on the server PARALLAX_TEST_POSTGRES names (by default the
// development machines' 127.0.0.1:5432, database "test"), dropped when
// the test ends. Without a server the test is skipped, except under CI
// (CI set), where it fails: CI starts the server (scripts/services).
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// DefaultURL is the server tests use unless PARALLAX_TEST_POSTGRES says.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// ServerURL returns the test server's URL, skipping (or, under CI,
// failing) the test when it does not answer.
func ServerURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("PARALLAX_TEST_POSTGRES")
	if u == "" {
		u = DefaultURL
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("PostgreSQL at %s: %v (scripts/services starts it)", u, err)
		}
		t.Skipf("no PostgreSQL at %s: %v (scripts/services starts it)", u, err)
	}
	conn.Close(ctx)
	return u
}

// URL returns the URL of a new, empty schema on the test server; the
// schema is dropped when the test ends.
func URL(t testing.TB) string {
	t.Helper()
	server := ServerURL(t)
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), server)
		if err != nil {
			return
		}
		defer c.Close(context.Background())
		c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	})
	return WithSchema(t, server, schema)
}

// WithSchema returns the server URL with its search path set to schema.
func WithSchema(t testing.TB, server, schema string) string {
	t.Helper()
	u, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
