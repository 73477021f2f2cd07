package main

import (
	"context"
	"flag"

	"github.com/parallax-news/parallax/internal/store"
)

// storeFlags are the flags that choose the store.
type storeFlags struct {
	db, store string
}

func (f *storeFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&f.db, "db", "", "SQLite database `path` (default $PARALLAX_DB or ./parallax.db); short for --store sqlite:PATH")
	fs.StringVar(&f.store, "store", "", "the `store`: sqlite:PATH or postgres://user@host:port/database (default $PARALLAX_STORE, else the SQLite file)")
}

// location is the store the flags and environment name.
func (f *storeFlags) location() (store.Location, error) {
	return store.Locate(f.store, f.db)
}

// open opens the store the flags name, creating it if needed.
func (f *storeFlags) open(ctx context.Context) (store.Store, error) {
	l, err := f.location()
	if err != nil {
		return nil, err
	}
	return store.Open(ctx, l)
}

// openExisting opens the store the flags name for a command that only
// reads it: a SQLite file that does not exist is an error, not a new
// empty store (a mistyped --db would otherwise list nothing, silently).
func (f *storeFlags) openExisting(ctx context.Context) (store.Store, error) {
	l, err := f.location()
	if err != nil {
		return nil, err
	}
	if path := l.SQLitePath(); path != "" {
		return openExistingStore(ctx, path)
	}
	return store.Open(ctx, l)
}
