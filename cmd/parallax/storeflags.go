package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"

	"github.com/parallax-news/parallax/internal/outlets"
	"github.com/parallax-news/parallax/internal/store"
)

// storeFlags are the flags that choose the store and the outlet registry
// that goes with it.
type storeFlags struct {
	db, store, outlets string
}

func (f *storeFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&f.db, "db", "", "SQLite database `path` (default $PARALLAX_DB or ./parallax.db); short for --store sqlite:PATH")
	fs.StringVar(&f.store, "store", "", "the `store`: sqlite:PATH or postgres://user@host:port/database (default $PARALLAX_STORE, else the SQLite file)")
}

// addOutlets adds the flag naming the outlet registry, for the commands
// that show outlets.
func (f *storeFlags) addOutlets(fs *flag.FlagSet) {
	fs.StringVar(&f.outlets, "outlets", "", "outlet registry `file` (default $PARALLAX_OUTLETS, else outlets.toml beside the SQLite store or in the current folder)")
}

// registryPath is the outlet registry's file, and whether it is only the
// default (which need not exist).
func (f *storeFlags) registryPath() (string, bool) {
	if f.outlets != "" {
		return f.outlets, false
	}
	if env := os.Getenv("PARALLAX_OUTLETS"); env != "" {
		return env, false
	}
	if l, err := f.location(); err == nil {
		if path := l.SQLitePath(); path != "" {
			return filepath.Join(filepath.Dir(path), "outlets.toml"), true
		}
	}
	return "outlets.toml", true
}

// registry reads the outlet registry; the default file may be missing
// (an empty registry), a named one may not.
func (f *storeFlags) registry() (*outlets.Registry, error) {
	path, dflt := f.registryPath()
	return outlets.Load(path, dflt)
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

// openReading opens the existing store and reads the outlet registry, for
// commands that show what is stored: the registry first, so that a
// broken registry file is reported before any work.
func (f *storeFlags) openReading(ctx context.Context) (store.Store, *outlets.Registry, error) {
	reg, err := f.registry()
	if err != nil {
		return nil, nil, err
	}
	st, err := f.openExisting(ctx)
	return st, reg, err
}
