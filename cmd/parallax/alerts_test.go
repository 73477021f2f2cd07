package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/store"
)

// A search saved on the command line queues the news of the stories an
// ingest changes, for the server to deliver; list and rm manage it.
func TestAlertsCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	r := parallax(t, "alerts", "add", "--db", db, "--name", "Rubio", "--entity", "Rubio", "--webhook", "http://127.0.0.1:9/hook", "--secret", "zz-secret-zz")
	id := strings.TrimSpace(r.stdout)
	if r.code != 0 || !strings.HasPrefix(id, "alert-") {
		t.Fatalf("add: exit %d %q %s", r.code, r.stdout, r.stderr)
	}
	if r := parallax(t, "alerts", "add", "--db", db, "--name", "Everything"); r.code != 2 {
		t.Errorf("a search without a filter: exit %d", r.code)
	}
	if r := parallax(t, "ingest", "--db", db, "../../examples/seeds/"); r.code != 0 {
		t.Fatalf("ingest: %s", r.stderr)
	}
	st, err := store.OpenSQLite(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	out, err := st.Deliveries(context.Background(), id, 10)
	st.Close()
	if err != nil || len(out) != 1 || !out[0].Delivered.IsZero() {
		t.Errorf("outbox after ingest: %+v %v", out, err)
	}
	if r := parallax(t, "alerts", "list", "--db", db); !strings.Contains(r.stdout, `--entity "Rubio"`) || strings.Contains(r.stdout, "zz-secret-zz") {
		t.Errorf("list: %s", r.stdout)
	}
	if r := parallax(t, "alerts", "rm", "--db", db, id); r.code != 0 {
		t.Errorf("rm: exit %d %s", r.code, r.stderr)
	}
	if r := parallax(t, "alerts", "rm", "--db", db, id); r.code != 1 || !strings.Contains(r.stderr, "no alert") {
		t.Errorf("rm again: exit %d %s", r.code, r.stderr)
	}
}
