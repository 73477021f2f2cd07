package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/alerts"
	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/queue"
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
http(s) URLs of pages, feeds or sitemaps (a sitemap, news sitemap or sitemap
index is read page by page); --urls FILE adds a list of URLs, one a line. Formats are recognised by extension and
content: the seed format (" date YYYY-MM-DD " then page text), plain text,
HTML, JSON lines ({"id","url","source","date","title","text"}, gzip
accepted), RSS/Atom feeds, and WARC (.warc, .warc.gz) crawl files.

The same article ingested twice is stored once. Each failed input prints one
line naming it and the reason; the others are still stored, and the exit
status is 3.`

// inputFlags are the flags of every command that reads inputs.
type inputFlags struct {
	storeFlags
	outlet       string
	maxBytes     int64
	quiet        bool
	allowPrivate bool
	batch        int
	urls         string
}

func (f *inputFlags) add(fs *flag.FlagSet) {
	f.storeFlags.add(fs)
	fs.StringVar(&f.outlet, "outlet", "", "outlet `name` for every article read (overrides all other sources)")
	fs.Int64Var(&f.maxBytes, "max-bytes", ingest.DefaultMaxBytes, "largest article or page accepted, in `bytes`")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress bar and no summary line")
	fs.BoolVar(&f.allowPrivate, "allow-private", false, "allow fetching URLs on private or loopback addresses")
	fs.IntVar(&f.batch, "batch", 128, "articles stored per transaction")
	fs.StringVar(&f.urls, "urls", "", "also read the http(s) URLs listed in this `file`, one a line (# comments and blank lines skipped)")
}

// withURLList adds the URLs of the --urls file to the inputs.
func (f *inputFlags) withURLList(inputs []string) ([]string, error) {
	if f.urls == "" {
		return inputs, nil
	}
	b, err := os.ReadFile(f.urls)
	if err != nil {
		return nil, badUsage("--urls: %v", err)
	}
	for n, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if u, err := url.Parse(l); err != nil || u.Host == "" || u.Scheme != "http" && u.Scheme != "https" {
			return nil, badUsage("--urls %s, line %d: want an http(s) URL, got %q", f.urls, n+1, l)
		}
		inputs = append(inputs, l)
	}
	return inputs, nil
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
	fs := newFlags(c, inputHelp+`

With --queue, the articles read are put on the queue for 'parallax worker'
processes to store, instead of being stored here.`)
	f.add(fs)
	queueURL := queueFlag(fs)
	inputs, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if inputs, err = f.withURLList(inputs); err != nil {
		return err
	}
	if len(inputs) == 0 {
		fs.Usage()
		return errUsage
	}
	if *queueURL != "" {
		return queueInputs(ctx, *queueURL, inputs, &f)
	}
	st, err := f.open(ctx)
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

// ingestInputs runs an ingest with a progress bar and a summary line:
// reading and storing, then clustering, then the reports that are
// missing or stale (this run's stories, and any a crash left behind).
func ingestInputs(ctx context.Context, st store.Store, inputs []string, f *inputFlags) (engine.Result, error) {
	bar := newProgress("ingest", f.quiet)
	opt := engine.Options{BatchSize: f.batch, OnError: bar.printErr}
	stored := 0
	opt.OnStored = func(r engine.IngestResult) { stored = r.Added + r.Revised; bar.count(r.Stored()) }
	read := f.readOptions()
	read.Progress = bar.bytes
	e := &engine.Engine{Store: st}
	opt.OnStage = func(stage string) {
		bar.clear()
		bar = newProgress(stage, f.quiet)
		switch stage {
		case "stories":
			// Each article stored this run is placed (or was already).
			total := int64(stored)
			e.OnPlaced = func(placed int) { bar.items = placed; bar.bytes(int64(placed), max(total, int64(placed))) }
		case "reports":
			bar.itemsOf = "stories"
			e.OnReport = func(done, total int) { bar.items = done; bar.bytes(int64(done), int64(total)) }
		}
	}
	res, err := e.Run(ctx, engine.Files(inputs, read), opt)
	bar.clear()
	if err != nil {
		return res, err
	}
	if !f.quiet {
		printSummary(res.IngestResult, res.Cluster, len(res.Reports))
	}
	// Saved searches that find a changed story queue its news in the
	// store's outbox; 'parallax serve' delivers it.
	if reg, err := f.registry(); err == nil {
		if _, err := alerts.Check(ctx, st, reg, res.Cluster.Stories, time.Now()); err != nil {
			fmt.Fprintf(os.Stderr, "parallax: saved searches not checked: %v\n", err)
		}
	}
	return res, nil
}

// queueInputs reads the inputs and puts their articles on the queue.
func queueInputs(ctx context.Context, url string, inputs []string, f *inputFlags) error {
	q, err := queue.Open(ctx, url)
	if err != nil {
		return err
	}
	defer q.Close()
	bar := newProgress("queue", f.quiet)
	read := f.readOptions()
	read.Progress = bar.bytes
	start := time.Now()
	var batch []ingest.Article
	queued, failed := 0, 0
	flush := func() error {
		err := q.PublishArticles(ctx, batch)
		var one interface{ Unwrap() []error }
		switch {
		case errors.As(err, &one):
			for _, e := range one.Unwrap() {
				bar.printErr(e)
				failed++
			}
			queued += len(batch) - len(one.Unwrap())
		case err != nil:
			return err
		default:
			queued += len(batch)
		}
		bar.count(queued)
		batch = batch[:0]
		return nil
	}
	err = ingest.Read(ctx, inputs, read, func(r ingest.Result) error {
		if r.Err != nil {
			bar.printErr(r.Err)
			failed++
			return nil
		}
		batch = append(batch, r.Article)
		if len(batch) < f.batch {
			return nil
		}
		return flush()
	})
	if err == nil && len(batch) > 0 {
		err = flush()
	}
	bar.clear()
	if err != nil {
		return err
	}
	if !f.quiet {
		fmt.Fprintf(os.Stderr, "queued %s, %d failed, in %s; workers store and place them\n", plural(queued, "article"), failed, time.Since(start).Round(time.Millisecond))
	}
	if failed > 0 {
		return errSomeFailed
	}
	return nil
}

// printSummary ends an ingest with one line of counts, then the articles
// that got a new revision.
func printSummary(res engine.IngestResult, cres engine.ClusterResult, reports int) {
	skipped := ""
	if res.Skipped > 0 {
		skipped = fmt.Sprintf(", %d skipped", res.Skipped)
	}
	fmt.Fprintf(os.Stderr, "ingested %d new, %d revised, %d unchanged, %d duplicates, %d failed%s in %s; %s placed in %s, %s, %s\n",
		res.Added, res.Revised, res.Unchanged, res.Duplicates, res.Failed, skipped, res.Elapsed.Round(1e6),
		plural(cres.Assigned, "article"), plural(len(cres.Stories), "story"), plural(cres.Copies, "copy link"), plural(reports, "report")+" written")
	const shown = 20
	for i, r := range res.RevisedIDs {
		if i == shown {
			fmt.Fprintf(os.Stderr, "  … and %d more revised\n", len(res.RevisedIDs)-shown)
			break
		}
		fmt.Fprintf(os.Stderr, "  revised: %s (%s) is now revision %d; 'parallax article --revisions %s' shows the changes\n", r.ID, terminalSafe(r.Source), r.Revision, r.ID)
	}
}

// plural writes a count with its noun: "1 story", "2 stories".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	switch {
	case strings.HasSuffix(noun, "y") && !strings.HasSuffix(noun, "ey"):
		noun = noun[:len(noun)-1] + "ies"
	default:
		noun += "s"
	}
	return fmt.Sprintf("%d %s", n, noun)
}

func indexOf(name string) int {
	for i, c := range commands {
		if c.name == name {
			return i
		}
	}
	panic("no command " + name)
}
