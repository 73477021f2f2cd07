package main

import (
	"context"
	"fmt"
	"os"

	"github.com/parallax-news/parallax/internal/render"
	"github.com/parallax-news/parallax/internal/store"
)

func init() {
	register(&command{
		name:    "report",
		args:    "[flags] [PATH|URL|- ...]",
		summary: "Ingest the inputs and report on them (the main job).",
		run:     runReport,
	})
}

func runReport(ctx context.Context, args []string) error {
	c := commands[indexOf("report")]
	var f inputFlags
	fs := newFlags(c, `With inputs, ingests them into the store and reports on the articles they
contain; with none, reports on everything stored. For each article: its
cleaned text and the metadata cleaning found, each value with its span.`+"\n"+inputHelp)
	f.add(fs)
	format := fs.String("format", "text", "output `format`: text or json")
	inputs, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return fmt.Errorf("unknown --format %q: use text or json", *format)
	}
	st, err := openStore(ctx, f.db)
	if err != nil {
		return err
	}
	defer st.Close()
	var ids []string
	failed := 0
	if len(inputs) > 0 {
		res, err := ingestInputs(ctx, st, inputs, &f)
		if err != nil {
			return err
		}
		ids, failed = unique(res.IDs), res.Failed
	} else {
		list, err := st.Articles(ctx, store.ArticleQuery{})
		if err != nil {
			return err
		}
		for _, a := range list {
			ids = append(ids, a.ID)
		}
	}
	var out []render.ArticleJSON
	for i, id := range ids {
		rec, err := st.Article(ctx, id)
		if err != nil {
			return err
		}
		if *format == "json" {
			out = append(out, render.NewArticleJSON(&rec))
			continue
		}
		if i > 0 {
			fmt.Println()
		}
		if err := render.ArticleText(os.Stdout, &rec); err != nil {
			return err
		}
	}
	if *format == "json" {
		if out == nil {
			out = []render.ArticleJSON{}
		}
		if err := writeJSON(map[string]any{"articles": out}); err != nil {
			return err
		}
	}
	if failed > 0 {
		return errSomeFailed
	}
	return nil
}

func unique(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
