package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/store"
)

func init() {
	register(&command{name: "backup", args: "[flags] --to FILE", summary: "Write a consistent copy of the store, even while it is in use.", run: runBackup})
	register(&command{name: "restore", args: "[flags] --from FILE", summary: "Replace the store with a backup made by 'parallax backup'.", run: runRestore})
	register(&command{name: "repair", args: "[flags]", summary: "Finish what an interrupted run left: cluster waiting articles, rebuild missing or stale reports.", run: runRepair})
}

func runBackup(ctx context.Context, args []string) error {
	c := commands[indexOf("backup")]
	fs := newFlags(c, `The copy is one SQLite file, made from one snapshot of the store while
ingests and the server go on (SQLite's VACUUM INTO). It is written under a
temporary name and renamed when complete. Restore it with
'parallax restore --from FILE'.`)
	db := fs.String("db", "", "database `path` (default $PARALLAX_DB or ./parallax.db)")
	to := fs.String("to", "", "write the backup to this `file` (it must not exist)")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *to == "" {
		fs.Usage()
		return errUsage
	}
	st, err := openExistingStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, *to); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "backed up %s to %s\n", store.Path(*db), *to)
	return nil
}

func runRestore(ctx context.Context, args []string) error {
	c := commands[indexOf("restore")]
	fs := newFlags(c, `The backup is checked first (SQLite's integrity check, a schema this
program knows), then copied beside the store and renamed over it: the store
is either the old one or the whole backup, never a mix. Stop every process
using the store (servers, ingests) before restoring.`)
	db := fs.String("db", "", "database `path` to restore to (default $PARALLAX_DB or ./parallax.db)")
	from := fs.String("from", "", "the backup `file`")
	replace := fs.Bool("replace", false, "replace an existing store")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *from == "" {
		fs.Usage()
		return errUsage
	}
	path := store.Path(*db)
	if err := store.Restore(ctx, *from, path, *replace); err != nil {
		return err
	}
	st, err := store.OpenSQLite(ctx, path) // brings an older backup's schema up to date
	if err != nil {
		return err
	}
	defer st.Close()
	n, _ := st.CountArticles(ctx)
	fmt.Fprintf(os.Stderr, "restored %s from %s: %d articles\n", path, *from, n)
	return nil
}

func runRepair(ctx context.Context, args []string) error {
	c := commands[indexOf("repair")]
	fs := newFlags(c, `Every ingest ends with what repair does, so it is needed only after a run
was killed between storing and reporting, or to check a store: articles
stored but not yet in a story are clustered, reports missing or older than
their story are rebuilt, and SQLite's integrity check and the full-text
index check run (on PostgreSQL, the server keeps its own indexes).`)
	var where storeFlags
	where.add(fs)
	quiet := fs.Bool("quiet", false, "no progress bar and no summary line")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	loc, err := where.location()
	if err != nil {
		return err
	}
	var st store.Store
	if path := loc.SQLitePath(); path != "" {
		sq, err := openExistingStore(ctx, path)
		if err != nil {
			return err
		}
		if err := sq.Check(ctx); err != nil {
			sq.Close()
			return fmt.Errorf("%w (restore a backup with 'parallax restore')", err)
		}
		st = sq
	} else if st, err = store.Open(ctx, loc); err != nil {
		return err
	}
	defer st.Close()
	e := &engine.Engine{Store: st}
	bar := newProgress("reports", *quiet)
	bar.itemsOf = "stories"
	e.OnReport = func(done, total int) { bar.items = done; bar.bytes(int64(done), int64(total)) }
	res, err := e.Repair(ctx, engine.Options{})
	bar.clear()
	if err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(os.Stderr, "repaired: %s placed in %s, %s rebuilt; the store passes its integrity checks\n",
			plural(res.Cluster.Assigned, "article"), plural(len(res.Cluster.Stories), "story"), plural(len(res.Reports), "report"))
	}
	return nil
}

// openExistingStore opens the SQLite store a command reads or maintains,
// refusing to create one where none is.
func openExistingStore(ctx context.Context, flagPath string) (*store.SQLite, error) {
	path := store.Path(flagPath)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no store at %s: give its path with --db (or PARALLAX_DB), or ingest something first", path)
	}
	return store.OpenSQLite(ctx, path)
}
