package store

import (
	"context"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/store/pgtest"
)

func TestPostgresMigrationsAreVersioned(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()
	s, err := OpenPostgres(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := s.SchemaVersion(ctx); v != len(postgresMigrations) {
		t.Errorf("version %d, want %d", v, len(postgresMigrations))
	}
	s.Close()
	// Reopening applies nothing twice.
	s, err = OpenPostgres(ctx, url)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	var rows int
	s.Pool().QueryRow(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&rows)
	if rows != len(postgresMigrations) {
		t.Errorf("%d migration rows", rows)
	}
	// A database from a newer program is refused, not damaged.
	s.Pool().Exec(ctx, `INSERT INTO schema_migrations(version, applied_at) VALUES (999, now())`)
	s.Close()
	if _, err := OpenPostgres(ctx, url); err == nil {
		t.Error("newer schema accepted")
	}
}

// PostgreSQL text cannot hold NUL: the raw input is kept exactly (bytea)
// and the cleaned text keeps every offset.
func TestPostgresKeepsInputExactly(t *testing.T) {
	s := openTempPostgres(t)
	ctx := context.Background()
	r := record("Alpha", "nul.txt", "Title\n\nA body with a NUL \x00 byte and é.")
	if _, err := s.PutArticles(ctx, []Record{r}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(ctx, r.Article.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Article.Raw != r.Article.Raw || len(got.Doc.Text) != len(r.Doc.Text) {
		t.Errorf("read back %q / %q", got.Article.Raw, got.Doc.Text)
	}
}

func TestOpenPostgresSaysWhatIsWrong(t *testing.T) {
	_, err := OpenPostgres(context.Background(), "postgres://nobody:secret@127.0.0.1:1/none?connect_timeout=2")
	if err == nil {
		t.Fatal("opened a store on a closed port")
	}
	if msg := err.Error(); !strings.Contains(msg, "is the server running") || strings.Contains(msg, "secret") {
		t.Errorf("error: %s", msg)
	}
}

// Stores in two schemas of one database elect their clusterers apart
// (advisory locks are the database's); two processes on one schema
// elect one.
func TestPostgresElectionPerSchema(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	a, b, other := openAt(t, url), openAt(t, url), openTempPostgres(t)
	la, ok, err := a.TryLead(ctx, "clusterer")
	if err != nil || !ok {
		t.Fatalf("first: %v %v", ok, err)
	}
	if _, ok, _ := b.TryLead(ctx, "clusterer"); ok {
		t.Error("a second process on the same schema took the role")
	}
	lo, ok, err := other.TryLead(ctx, "clusterer")
	if err != nil || !ok {
		t.Errorf("a store in another schema waited for this one: %v %v", ok, err)
	} else {
		lo.Release()
	}
	la.Release()
	if lb, ok, _ := b.TryLead(ctx, "clusterer"); !ok {
		t.Error("the role was not free after its release")
	} else {
		lb.Release()
	}
}

func openAt(t *testing.T, url string) *Postgres {
	t.Helper()
	s, err := OpenPostgres(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
