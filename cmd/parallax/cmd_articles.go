package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"text/tabwriter"

	"github.com/parallax-news/parallax/internal/render"
	"github.com/parallax-news/parallax/internal/store"
)

func init() {
	register(&command{name: "articles", args: "[flags]", summary: "List stored articles, newest first.", run: runArticles})
	register(&command{name: "article", args: "[flags] ID", summary: "Show one stored article: metadata with spans, then its cleaned text.", run: runArticle})
}

func runArticles(ctx context.Context, args []string) error {
	c := commands[indexOf("articles")]
	fs := newFlags(c, `Output: one line per article (id, outlet, published, words, title); a JSON
array of {"id","outlet","title","published","language","source","story_id",
"ingested","words","revision"} with --format json (or --json); a table with
those columns with --format csv.`)
	var where storeFlags
	where.add(fs)
	where.addOutlets(fs)
	outlet := fs.String("outlet", "", "only articles of this outlet")
	query := fs.String("q", "", "full-text `query` (all words must appear)")
	limit := fs.Int("limit", 100, "at most `n` articles (0 for all)")
	asJSON := fs.Bool("json", false, "write JSON (the same as --format json)")
	format := fs.String("format", "text", "output `format`: text, json or csv")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *asJSON {
		*format = "json"
	}
	if *format != "text" && *format != "json" && *format != "csv" {
		return badUsage("unknown --format %q: use text, json or csv", *format)
	}
	st, reg, err := where.openReading(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.Articles(ctx, store.ArticleQuery{Outlet: *outlet, Query: *query, Limit: *limit})
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		if list == nil {
			list = []store.Summary{}
		}
		return writeJSON(list)
	case "csv":
		return render.ArticlesCSV(os.Stdout, list)
	}
	tw := tabwriter.NewWriter(render.SafeWriter(os.Stdout), 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tOUTLET\tPUBLISHED\tWORDS\tTITLE")
	for _, a := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", a.ID, clip(reg.Name(a.Outlet), 24), orUnknown(a.Published), a.Words, clip(a.Title, 70))
	}
	return tw.Flush()
}

func runArticle(ctx context.Context, args []string) error {
	c := commands[indexOf("article")]
	fs := newFlags(c, `Text output lists each metadata value with where it came from: [text a:b]
or [raw a:b] are code-point offsets into the cleaned text or the raw input,
{...} names an HTML attribute. --json writes the same as an object whose
spans are {"article_id","start","end","text"} (plus "in":"raw" for removed
material); see docs/formats.md.

An article read again with new content is a new revision; every revision
is kept. --revisions lists them with what changed from one to the next
(sentences added, removed and edited, with word diffs); --revision N shows
revision N's text.`)
	var where storeFlags
	where.add(fs)
	asJSON := fs.Bool("json", false, "write JSON")
	history := fs.Bool("revisions", false, "list the article's revisions and what changed in each")
	number := fs.Int("revision", 0, "show revision `n` (1 is the first) instead of the current one")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return errUsage
	}
	st, err := where.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	rec, err := st.Article(ctx, pos[0])
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no article %q in the store; 'parallax articles' lists them", pos[0])
	}
	if err != nil {
		return err
	}
	if *history || *number != 0 {
		return showRevisions(ctx, st, pos[0], *number, *asJSON)
	}
	if *asJSON {
		return writeJSON(render.NewArticleJSON(&rec))
	}
	return render.ArticleText(os.Stdout, &rec)
}

func writeJSON(v any) error { return render.JSON(os.Stdout, v) }

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// showRevisions writes an article's revisions, or one revision's text.
func showRevisions(ctx context.Context, st store.Store, id string, n int, asJSON bool) error {
	revs, err := st.Revisions(ctx, id)
	if err != nil {
		return err
	}
	h := render.NewRevisions(id, revs)
	if n == 0 {
		if asJSON {
			return writeJSON(h)
		}
		return render.RevisionsText(os.Stdout, h)
	}
	if n < 1 || n > len(revs) {
		return fmt.Errorf("article %s has revisions 1 to %d, not %d", id, len(revs), n)
	}
	r := h.Revisions[n-1]
	if asJSON {
		return writeJSON(struct {
			render.RevisionJSON
			Text string `json:"text"`
			Raw  string `json:"raw"`
		}{r, r.Text, r.Raw})
	}
	w := render.SafeWriter(os.Stdout)
	fmt.Fprintf(w, "%s, revision %d of %d (ingested %s from %s)\n\n%s\n", id, n, len(revs), r.Ingested.Format("2006-01-02 15:04:05Z07:00"), r.Source, r.Text)
	return nil
}
