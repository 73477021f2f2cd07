package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/render"
	"github.com/parallax-news/parallax/internal/store"
)

func init() {
	register(&command{
		name:    "extract",
		args:    "[flags] FILE|URL",
		summary: "Extract one page's article body and metadata, without storing it.",
		run:     runExtract,
	})
}

func runExtract(ctx context.Context, args []string) error {
	c := commands[indexOf("extract")]
	fs := newFlags(c, `Reads an HTML page (or any input format) from a file or URL, cleans it
the way ingest does, and prints the body and every metadata value with its
span or source attribute. Nothing is stored.

--explain also lists every piece cleaning removed, with the rule's name
(menu, byline, caption, teaser, promo, …).`)
	asJSON := fs.Bool("json", false, "write JSON (see docs/formats.md)")
	explain := fs.Bool("explain", false, "list what cleaning removed and why")
	pageURL := fs.String("url", "", "the page's `URL`, when reading a saved file")
	outlet := fs.String("outlet", "", "outlet `name`")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching private or loopback addresses")
	maxBytes := fs.Int64("max-bytes", ingest.DefaultMaxBytes, "largest page accepted, in `bytes`")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return errUsage
	}
	opt := ingest.Options{Outlet: *outlet, MaxBytes: *maxBytes,
		Fetcher: ingest.NewFetcher(ingest.FetchOptions{MaxBytes: *maxBytes, AllowPrivate: *allowPrivate})}
	arts, errs := ingest.ReadFiles(pos, opt)
	if len(errs) > 0 {
		return errs[0]
	}
	if len(arts) == 0 {
		return errors.New("no article in " + pos[0])
	}
	for i := range arts {
		a := &arts[i]
		if *pageURL != "" && a.URL == "" {
			a.URL = *pageURL
		}
		rec := store.Record{Article: *a, Doc: extract.Clean(a)}
		if *asJSON {
			if err := writeJSON(render.NewArticleJSON(&rec)); err != nil {
				return err
			}
			continue
		}
		if err := render.ArticleText(os.Stdout, &rec); err != nil {
			return err
		}
		if *explain {
			fmt.Println("\nRemoved:")
			for _, r := range rec.Doc.Removed {
				fmt.Printf("  %-13s %s\n", r.Kind, clip(strings.Join(strings.Fields(r.Text), " "), 100))
			}
		}
	}
	return nil
}
