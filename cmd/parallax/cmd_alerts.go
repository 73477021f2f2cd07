package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/parallax-news/parallax/internal/alerts"
	"github.com/parallax-news/parallax/internal/render"
	"github.com/parallax-news/parallax/internal/store"
)

func init() {
	register(&command{name: "alerts", args: "add|list|rm [flags] [ID]", summary: "Save searches that alert a webhook when their stories change (delivered by 'parallax serve').", run: runAlerts})
}

const alertsHelp = `A saved search names stories by the filters of 'parallax stories' (-q,
--outlet, --entity, --group, --only-group). When articles change a story it
finds, 'parallax serve' POSTs the news to the search's --webhook: a JSON body
{"key","alert":{"id","name"},"story":{"id","title","path","first","last",
"articles","outlets","entities"},"queued"}, the header Idempotency-Key (the
same story at the same change is sent under one key: drop repeats), and with
--secret the header X-Parallax-Signature: sha256=<hex HMAC-SHA256 of the
body>. A receiver that fails is retried with exponential backoff (1 s,
2 s, 4 s, … up to an hour) from an outbox kept in the store, so a restart
loses nothing. Each search also has an Atom feed: /feeds/alerts/ID.atom.

  parallax alerts add --name NAME [filters] [--webhook URL --secret S]
  parallax alerts list            (--format text|json)
  parallax alerts rm ID`

func runAlerts(ctx context.Context, args []string) error {
	c := commands[indexOf("alerts")]
	fs := newFlags(c, alertsHelp)
	var where storeFlags
	where.add(fs)
	var a store.Alert
	fs.StringVar(&a.Name, "name", "", "add: the saved search's `name`")
	fs.StringVar(&a.Query, "q", "", "add: stories with an article matching this full-text `query`")
	fs.StringVar(&a.Outlet, "outlet", "", "add: stories with an article of this `outlet`")
	fs.StringVar(&a.Entity, "entity", "", "add: stories naming this person, organisation or `place`")
	fs.StringVar(&a.Group, "group", "", "add: stories with an article of an outlet in this `group`")
	fs.StringVar(&a.OnlyGroup, "only-group", "", "add: stories covered by this `group` alone")
	fs.StringVar(&a.Webhook, "webhook", "", "add: POST each story the search finds to this `URL`")
	fs.StringVar(&a.Secret, "secret", "", "add: sign deliveries with this `key` (HMAC-SHA256)")
	format := fs.String("format", "text", "list: output `format`, text or json")
	sub, pos, done, err := parseSubcommand(fs, args, "add, list or rm")
	if done {
		return err
	}
	open := where.openExisting
	if sub == "add" {
		open = where.open
	}
	st, err := open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	switch sub {
	case "add":
		if len(pos) != 0 {
			return badUsage("alerts add takes flags only")
		}
		a, err := alerts.New(a)
		if err != nil {
			return badUsage("%v", err)
		}
		if err := st.SaveAlert(ctx, a); err != nil {
			return err
		}
		fmt.Println(a.ID)
		return nil
	case "list":
		list, err := st.ListAlerts(ctx)
		if err != nil {
			return err
		}
		if *format == "json" {
			if list == nil {
				list = []store.Alert{}
			}
			return writeJSON(list)
		}
		tw := tabwriter.NewWriter(render.SafeWriter(os.Stdout), 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tFILTERS\tWEBHOOK")
		for _, x := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", x.ID, clip(x.Name, 30), filtersOf(x), orNone(x.Webhook))
		}
		return tw.Flush()
	case "rm":
		if len(pos) != 1 {
			return badUsage("alerts rm takes one alert id ('parallax alerts list' shows them)")
		}
		err := st.DeleteAlert(ctx, pos[0])
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no alert %q; 'parallax alerts list' shows them", pos[0])
		}
		return err
	}
	return badUsage("unknown alerts command %q: use add, list or rm", sub)
}

// filtersOf shows a saved search's filters as flags.
func filtersOf(a store.Alert) string {
	var parts []string
	for _, f := range []struct{ flag, v string }{{"-q", a.Query}, {"--outlet", a.Outlet}, {"--entity", a.Entity}, {"--group", a.Group}, {"--only-group", a.OnlyGroup}} {
		if f.v != "" {
			parts = append(parts, fmt.Sprintf("%s %q", f.flag, f.v))
		}
	}
	return strings.Join(parts, " ")
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
