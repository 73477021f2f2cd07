package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Location names a store: "sqlite:PATH" (or a bare PATH) for the
// embedded store, "postgres://…" or "postgresql://…" for a PostgreSQL
// server.
type Location string

// Locate resolves a command's --store and --db flags to a store: --store,
// then --db (a SQLite path), then $PARALLAX_STORE, then $PARALLAX_DB,
// then ./parallax.db. Both flags at once is an error.
func Locate(storeFlag, dbFlag string) (Location, error) {
	switch {
	case storeFlag != "" && dbFlag != "":
		return "", errors.New("give either --store or --db, not both (--db PATH is short for --store sqlite:PATH)")
	case storeFlag != "":
		return Location(storeFlag), nil
	case dbFlag != "":
		return Location("sqlite:" + dbFlag), nil
	}
	if env := os.Getenv("PARALLAX_STORE"); env != "" {
		return Location(env), nil
	}
	return Location("sqlite:" + Path("")), nil
}

// IsPostgres says whether the location names a PostgreSQL server.
func (l Location) IsPostgres() bool {
	return strings.HasPrefix(string(l), "postgres://") || strings.HasPrefix(string(l), "postgresql://")
}

// SQLitePath is the file of an embedded store's location ("" for a
// server).
func (l Location) SQLitePath() string {
	if l.IsPostgres() {
		return ""
	}
	return strings.TrimPrefix(string(l), "sqlite:")
}

// String is the location as shown to a user: a server's password hidden.
func (l Location) String() string {
	if l.IsPostgres() {
		return redactURL(string(l))
	}
	return l.SQLitePath()
}

// Open opens (creating and migrating if needed) the store at l.
func Open(ctx context.Context, l Location) (Store, error) {
	if l.IsPostgres() {
		return OpenPostgres(ctx, string(l))
	}
	if strings.Contains(string(l), "://") {
		return nil, fmt.Errorf("store %s: unknown kind of store (use sqlite:PATH or postgres://…)", l)
	}
	return OpenSQLite(ctx, l.SQLitePath())
}
