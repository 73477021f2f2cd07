package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/store"
)

func init() {
	register(&command{
		name:    "ingest",
		args:    "[flags] PATH|URL|- ...",
		summary: "Read articles from files, directories, URLs or standard input into the store.",
		run:     runIngest,
	})
}

const inputHelp = `
Inputs: files, directories (read recursively), "-" for standard input, and
http(s) URLs of pages or feeds. Formats are recognised by extension and
content: the seed format (" date YYYY-MM-DD " then page text), plain text,
HTML, JSON lines ({"id","url","source","date","title","text"}, gzip
accepted), RSS/Atom feeds, and WARC (.warc, .warc.gz) crawl files.

The same article ingested twice is stored once. Each failed input prints one
line naming it and the reason; the others are still stored, and the exit
status is 3.`

// inputFlags are the flags of every command that reads inputs.
type inputFlags struct {
	db           string
	outlet       string
	maxBytes     int64
	quiet        bool
	allowPrivate bool
	batch        int
}

func (f *inputFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&f.db, "db", "", "database `path` (default $PARALLAX_DB or ./parallax.db)")
	fs.StringVar(&f.outlet, "outlet", "", "outlet `name` for every article read (overrides all other sources)")
	fs.Int64Var(&f.maxBytes, "max-bytes", ingest.DefaultMaxBytes, "largest article or page accepted, in `bytes`")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress bar and no summary line")
	fs.BoolVar(&f.allowPrivate, "allow-private", false, "allow fetching URLs on private or loopback addresses")
	fs.IntVar(&f.batch, "batch", 128, "articles stored per transaction")
}

func (f *inputFlags) readOptions() ingest.Options {
	return ingest.Options{
		Outlet:   f.outlet,
		MaxBytes: f.maxBytes,
		Fetcher:  ingest.NewFetcher(ingest.FetchOptions{MaxBytes: f.maxBytes, AllowPrivate: f.allowPrivate}),
	}
}

func runIngest(ctx context.Context, args []string) error {
	c := commands[indexOf("ingest")]
	var f inputFlags
	fs := newFlags(c, inputHelp)
	f.add(fs)
	inputs, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		fs.Usage()
		return errUsage
	}
	st, err := openStore(ctx, f.db)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := ingestInputs(ctx, st, inputs, &f)
	if err != nil {
		return err
	}
	if res.Failed > 0 {
		return errSomeFailed
	}
	return nil
}

// ingestInputs runs an ingest with a progress bar and a summary line.
func ingestInputs(ctx context.Context, st store.Store, inputs []string, f *inputFlags) (engine.IngestResult, error) {
	bar := newProgress("ingest", f.quiet)
	opt := engine.IngestOptions{Read: f.readOptions(), BatchSize: f.batch}
	opt.Read.Progress = bar.bytes
	opt.OnError = bar.printErr
	opt.OnStored = func(r engine.IngestResult) { bar.count(r.Added + r.Updated + r.Duplicates) }
	e := &engine.Engine{Store: st}
	res, err := e.Ingest(ctx, inputs, opt)
	bar.clear()
	if err != nil {
		return res, err
	}
	cres, err := e.Cluster(ctx)
	if err != nil {
		return res, fmt.Errorf("articles stored, but clustering failed: %w (run the command again to retry)", err)
	}
	if err := e.UpdateReports(ctx, cres.Stories); err != nil {
		return res, fmt.Errorf("articles stored and clustered, but a report failed: %w", err)
	}
	if !f.quiet {
		fmt.Fprintf(os.Stderr, "ingested %d new, %d updated, %d duplicates, %d failed in %s; %d articles placed in %d stories, %d copy links\n",
			res.Added, res.Updated, res.Duplicates, res.Failed, res.Elapsed.Round(1e6), cres.Assigned, len(cres.Stories), cres.Copies)
	}
	return res, nil
}

func openStore(ctx context.Context, flagPath string) (store.Store, error) {
	return store.OpenSQLite(ctx, store.Path(flagPath))
}

func indexOf(name string) int {
	for i, c := range commands {
		if c.name == name {
			return i
		}
	}
	panic("no command " + name)
}
