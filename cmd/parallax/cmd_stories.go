package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/parallax-news/parallax/internal/render"
	"github.com/parallax-news/parallax/internal/store"
)

func init() {
	register(&command{name: "stories", args: "[flags]", summary: "List stories (real-world events), most recently active first.", run: runStories})
}

func runStories(ctx context.Context, args []string) error {
	c := commands[indexOf("stories")]
	fs := newFlags(c, `Output: one line per story (id, first and last publication, articles,
outlets, copies, title); a JSON array of
{"id","title","first","last","articles","outlets","copies","updated"} with
--format json (or --json); a table with those columns with --format csv.
A story's "copies" counts its articles that are verbatim or edited copies of
another stored article.`)
	var where storeFlags
	where.add(fs)
	where.addOutlets(fs)
	outlet := fs.String("outlet", "", "only stories with an article of this outlet")
	group := fs.String("group", "", "only stories with an article of an outlet in this `group` of the outlet registry")
	onlyGroup := fs.String("only-group", "", "only stories covered by this `group` alone: an outlet of it, none of another group's")
	query := fs.String("q", "", "only stories with an article matching this full-text `query`")
	since := fs.String("since", "", "only stories active on or after this `date` (YYYY-MM-DD or RFC 3339)")
	until := fs.String("until", "", "only stories begun on or before this `date`")
	limit := fs.Int("limit", 100, "at most `n` stories (0 for all)")
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
	q := store.StoryQuery{Outlet: *outlet, Query: *query, Limit: *limit}
	var err error
	if q.Since, err = store.TimeBound(*since, false); err != nil {
		return badUsage("--since: %v", err)
	}
	if q.Until, err = store.TimeBound(*until, true); err != nil {
		return badUsage("--until: %v", err)
	}
	if *limit < 0 {
		return badUsage("--limit: want 0 (all) or more, got %d", *limit)
	}
	st, reg, err := where.openReading(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	none, err := reg.FilterStories(ctx, st, &q, *group, *onlyGroup)
	if err != nil {
		return badUsage("%v", err)
	}
	var list []store.StorySummary
	if !none {
		if list, err = st.Stories(ctx, q); err != nil {
			return err
		}
	}
	switch *format {
	case "json":
		if list == nil {
			list = []store.StorySummary{}
		}
		return writeJSON(list)
	case "csv":
		return render.StoriesCSV(os.Stdout, list)
	}
	tw := tabwriter.NewWriter(render.SafeWriter(os.Stdout), 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFIRST\tLAST\tARTICLES\tOUTLETS\tCOPIES\tTITLE")
	for _, s := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%s\n", s.ID, orUnknown(s.First), orUnknown(s.Last), s.Articles, s.Outlets, s.Copies, clip(s.Title, 60))
	}
	return tw.Flush()
}

// orUnknown shows a stored time for people: "unknown" when there is
// none, the date alone when the time is midnight UTC — what a date
// without a time is stored as, and a time a reader gains nothing from.
func orUnknown(s string) string {
	switch {
	case s == "":
		return "unknown"
	case strings.HasSuffix(s, "T00:00:00Z"):
		return strings.TrimSuffix(s, "T00:00:00Z")
	}
	return s
}
