// Package natstest gives tests a queue of their own: a uniquely named
// deployment (its own stream and subjects) on the NATS server
// PARALLAX_TEST_NATS names (by default the development machines'
// 127.0.0.1:4222), deleted when the test ends. Without a server the test
// is skipped, except under CI (CI set), where it fails: CI starts the
// server (scripts/services).
package natstest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// DefaultURL is the server tests use unless PARALLAX_TEST_NATS says.
const DefaultURL = "nats://127.0.0.1:4222"

// ServerURL returns the test server's URL, skipping (or, under CI,
// failing) the test when it does not answer.
func ServerURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("PARALLAX_TEST_NATS")
	if u == "" {
		u = DefaultURL
	}
	nc, err := nats.Connect(u, nats.Timeout(3*time.Second))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("NATS at %s: %v (scripts/services starts it)", u, err)
		}
		t.Skipf("no NATS at %s: %v (scripts/services starts it)", u, err)
	}
	nc.Close()
	return u
}

// URL returns the URL of a new deployment on the test server; its stream
// is deleted when the test ends.
func URL(t testing.TB) string {
	t.Helper()
	server := ServerURL(t)
	b := make([]byte, 5)
	rand.Read(b)
	name := "t" + hex.EncodeToString(b)
	t.Cleanup(func() {
		nc, err := nats.Connect(server)
		if err != nil {
			return
		}
		defer nc.Close()
		if js, err := jetstream.New(nc); err == nil {
			js.DeleteStream(context.Background(), "PARALLAX_"+strings.ToUpper(name))
		}
	})
	return server + "?name=" + name
}
