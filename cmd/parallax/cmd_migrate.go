package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/parallax-news/parallax/internal/store"
)

func init() {
	register(&command{name: "migrate", args: "--from sqlite:PATH --to postgres://…", summary: "Copy an embedded store into PostgreSQL, resumably, and verify it.", run: runMigrate})
}

func runMigrate(ctx context.Context, args []string) error {
	c := commands[indexOf("migrate")]
	fs := newFlags(c, `Copies every article (with its revisions), story, copy link and report of an
embedded store into a PostgreSQL database, for a collection moving up to a
server. Articles go in batches of 500, each committed on its own: a copy
stopped at any point (Ctrl-C, a crash, a lost connection) resumes where it
stopped when the same command runs again. At the end every table is counted
on both sides and any difference is an error.

The target must be empty, or hold an earlier copy of the same source. Stop
ingests and servers on the source first. The source is left as it was.

Example:
  parallax migrate --from sqlite:./parallax.db --to postgres://parallax@db.example:5432/news`)
	from := fs.String("from", "", "the `store` to copy: sqlite:PATH (default $PARALLAX_DB or ./parallax.db)")
	to := fs.String("to", "", "the PostgreSQL `store` to copy into: postgres://user@host:port/database")
	quiet := fs.Bool("quiet", false, "no progress bar and no summary line")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	target := store.Location(*to)
	if !target.IsPostgres() {
		fmt.Fprintln(os.Stderr, "parallax migrate: --to must name a PostgreSQL store (postgres://…)")
		return errUsage
	}
	source, err := store.Locate(*from, "")
	if err != nil {
		return err
	}
	if source.IsPostgres() {
		fmt.Fprintln(os.Stderr, "parallax migrate: --from must name an embedded store (sqlite:PATH); to copy between PostgreSQL servers use pg_dump")
		return errUsage
	}
	src, err := openExistingStore(ctx, source.SQLitePath())
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := store.OpenPostgres(ctx, string(target))
	if err != nil {
		return err
	}
	defer dst.Close()
	bar := newProgress("copying", *quiet)
	counts, err := store.CopyToPostgres(ctx, src, dst, func(done, total int) {
		bar.mu.Lock()
		bar.total, bar.done, bar.items = int64(total), int64(done), done
		bar.drawLocked(false)
		bar.mu.Unlock()
	})
	bar.clear()
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("copy stopped; run the same command again to resume")
	}
	if err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(os.Stderr, "copied %s to %s: %s, %d earlier revisions, %s, %d copy links; counts verified\n",
			source, target, plural(counts.Articles, "article"), counts.Revisions, plural(counts.Stories, "story"), counts.Copies)
	}
	return nil
}
