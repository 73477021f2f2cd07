package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"golang.org/x/term"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/outlets"
	"github.com/parallax-news/parallax/internal/render"
	"github.com/parallax-news/parallax/internal/store"
)

func init() {
	register(&command{
		name:    "report",
		args:    "[flags] [PATH|URL|- ...]",
		summary: "Ingest the inputs and report on their stories: how the sources agree, differ, omit and copy (the main job).",
		run:     runReport,
	})
	register(&command{
		name:    "story",
		args:    "[flags] ID",
		summary: "Show the report on one stored story.",
		run:     runStory,
	})
}

const reportHelp = `The report on a story gives: the event (when, where, who, with each
outlet's publication time on one UTC axis and on the event's clock), the
facts two or more reports share, differences and conflicts with a verdict
(conflict, compatible, unclear) and its reason, what only one report carries
and what each leaves out, quotes across outlets with word diffs, copies and
who cites whom, a timeline, and an extractive summary. Every item cites the
spans it rests on. Formats: text (for terminals, colour when standard output
is one), markdown, json ({"stories":[...]}; see docs/report.md) and html (one
self-contained page).`

func runReport(ctx context.Context, args []string) error {
	c := commands[indexOf("report")]
	var f inputFlags
	fs := newFlags(c, `With inputs, ingests them and reports on the stories that contain them; with
none, reports on every stored story.`+"\n\n"+reportHelp+"\n"+inputHelp)
	f.add(fs)
	f.addOutlets(fs)
	format := fs.String("format", "text", "output `format`: text, markdown, json, html or csv")
	width := fs.Int("width", 100, "text: wrap lines at `columns`")
	section := fs.String("section", "facts", "csv: the `part` of the report written: articles, facts, conflicts, quotes, unique, copies or timeline")
	inputs, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if inputs, err = f.withURLList(inputs); err != nil {
		return err
	}
	if err := render.CheckFormat(*format); err != nil {
		return badUsage("%v", err)
	}
	if err := render.CheckSection(*section); err != nil {
		return badUsage("--section: %v", err)
	}
	reg, err := f.registry()
	if err != nil {
		return err
	}
	open := f.open
	if len(inputs) == 0 {
		open = f.openExisting // reports on what is stored: there must be a store
	}
	st, err := open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	e := &engine.Engine{Store: st}
	var storyIDs []string
	failed := 0
	if len(inputs) > 0 {
		res, err := ingestInputs(ctx, st, inputs, &f)
		if err != nil {
			return err
		}
		failed = res.Failed
		if storyIDs, err = e.StoriesOf(ctx, res.IDs); err != nil {
			return err
		}
		// Stories come in the order their first article was read: the
		// same folder gives the same order, whatever ids it gets.
	} else {
		list, err := st.Stories(ctx, store.StoryQuery{})
		if err != nil {
			return err
		}
		for _, s := range list {
			storyIDs = append(storyIDs, s.ID)
		}
	}
	rs := &compare.Reports{Reports: []*compare.Report{}}
	for _, id := range storyIDs {
		r, err := e.Report(ctx, id)
		if err != nil {
			return err
		}
		rs.Reports = append(rs.Reports, r)
	}
	if err := writeReports(rs, reg, *format, render.Layout{Width: *width, Section: *section}); err != nil {
		return err
	}
	if failed > 0 {
		return errSomeFailed
	}
	return nil
}

func runStory(ctx context.Context, args []string) error {
	c := commands[indexOf("story")]
	fs := newFlags(c, reportHelp)
	var where storeFlags
	where.add(fs)
	where.addOutlets(fs)
	format := fs.String("format", "text", "output `format`: text, markdown, json, html or csv")
	width := fs.Int("width", 100, "text: wrap lines at `columns`")
	section := fs.String("section", "facts", "csv: the `part` of the report written: articles, facts, conflicts, quotes, unique, copies or timeline")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return errUsage
	}
	if err := render.CheckFormat(*format); err != nil {
		return badUsage("%v", err)
	}
	if err := render.CheckSection(*section); err != nil {
		return badUsage("--section: %v", err)
	}
	st, reg, err := where.openReading(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := (&engine.Engine{Store: st}).Report(ctx, pos[0])
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no story %q in the store; 'parallax stories' lists them", pos[0])
	}
	if err != nil {
		return err
	}
	return writeReports(&compare.Reports{Reports: []*compare.Report{r}}, reg, *format, render.Layout{Width: *width, Section: *section})
}

// writeReports writes reports to standard output, in colour on a
// terminal unless NO_COLOR is set, with the outlet registry's names and
// groups: JSON keeps the outlet keys beside them, the formats for reading
// show the names.
func writeReports(rs *compare.Reports, reg *outlets.Registry, format string, layout render.Layout) error {
	for _, r := range rs.Reports {
		reg.Label(r)
		if format != "json" && format != "csv" {
			reg.ShowNames(r)
		}
	}
	layout.Colour = term.IsTerminal(int(os.Stdout.Fd())) && os.Getenv("NO_COLOR") == ""
	return render.WriteReports(os.Stdout, rs, format, layout)
}
