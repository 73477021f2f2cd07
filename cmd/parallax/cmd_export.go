package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/parallax-news/parallax/internal/render"
	"github.com/parallax-news/parallax/internal/store"
)

func init() {
	register(&command{name: "export", args: "[flags]", summary: "Write the whole collection (articles or story reports) as JSON lines, for bulk use.", run: runExport})
}

// exportPage is how many articles or stories one store query reads (a
// variable for the tests).
var exportPage = 500

func runExport(ctx context.Context, args []string) error {
	c := commands[indexOf("export")]
	fs := newFlags(c, `Output: JSON lines on standard output (or --out FILE), one object a line.
--what articles (the default) writes each stored article as 'parallax article
--json' shows it (metadata with spans, the cleaned text, the raw input, the
story it is in), newest first; --what stories writes each story's stored
report as 'parallax story ID --format json' gives it, most recently active
first. A progress count goes to standard error on a terminal.`)
	var where storeFlags
	where.add(fs)
	what := fs.String("what", "articles", "what to export: articles or stories")
	format := fs.String("format", "jsonl", "output `format`: jsonl")
	outlet := fs.String("outlet", "", "only articles of this outlet (with --what articles)")
	out := fs.String("out", "", "write to `file` instead of standard output")
	quiet := fs.Bool("quiet", false, "no progress on standard error")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *format != "jsonl" {
		return badUsage("unknown --format %q: export writes jsonl", *format)
	}
	if *what != "articles" && *what != "stories" {
		return badUsage("unknown --what %q: use articles or stories", *what)
	}
	if *outlet != "" && *what != "articles" {
		return badUsage("--outlet applies to --what articles")
	}
	st, err := where.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	w := io.Writer(os.Stdout)
	var f *os.File
	if *out != "" {
		if f, err = os.Create(*out); err != nil {
			return err
		}
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	p := newProgress("export", *quiet)
	p.itemsOf = *what
	var n int
	if *what == "articles" {
		n, err = exportArticles(ctx, st, *outlet, bw, p)
	} else {
		n, err = exportStories(ctx, st, bw, p)
	}
	p.clear()
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return err
	}
	if *out != "" && !*quiet {
		fmt.Fprintf(os.Stderr, "exported %d %s to %s\n", n, *what, *out)
	}
	return nil
}

// exportArticles writes every stored article, a page of the listing at a
// time, and returns how many it wrote.
func exportArticles(ctx context.Context, st store.Store, outlet string, w io.Writer, p *progress) (int, error) {
	n := 0
	err := eachPage(func(after *store.Summary) ([]store.Summary, error) {
		return st.Articles(ctx, store.ArticleQuery{Outlet: outlet, Limit: exportPage, After: after})
	}, func(s store.Summary) error {
		rec, err := st.Article(ctx, s.ID)
		if errors.Is(err, store.ErrNotFound) {
			return nil // removed since the listing was read
		}
		if err != nil {
			return err
		}
		if err := writeLine(w, render.NewArticleJSON(&rec)); err != nil {
			return err
		}
		n++
		p.count(n)
		return nil
	})
	return n, err
}

// exportStories writes every story's stored report, one compact line
// each, and returns how many it wrote.
func exportStories(ctx context.Context, st store.Store, w io.Writer, p *progress) (int, error) {
	n := 0
	err := eachPage(func(after *store.StorySummary) ([]store.StorySummary, error) {
		return st.Stories(ctx, store.StoryQuery{Limit: exportPage, After: after})
	}, func(s store.StorySummary) error {
		rep, err := st.Report(ctx, s.ID)
		if errors.Is(err, store.ErrNotFound) {
			return nil // no report yet: 'parallax repair' builds it
		}
		if err != nil {
			return err
		}
		var line bytes.Buffer
		if err := json.Compact(&line, rep); err != nil {
			return fmt.Errorf("story %s: stored report is not JSON: %w", s.ID, err)
		}
		line.WriteByte('\n')
		if _, err := w.Write(line.Bytes()); err != nil {
			return err
		}
		n++
		p.count(n)
		return nil
	})
	return n, err
}

// eachPage calls fn on every item of a listing read a page at a time:
// fetch returns the page after an item (the first page after nil).
func eachPage[T any](fetch func(after *T) ([]T, error), fn func(T) error) error {
	var after *T
	for {
		page, err := fetch(after)
		if err != nil {
			return err
		}
		for _, x := range page {
			if err := fn(x); err != nil {
				return err
			}
		}
		if len(page) < exportPage {
			return nil
		}
		after = &page[len(page)-1]
	}
}

// writeLine writes v as one line of JSON.
func writeLine(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
