package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/diff"
	"github.com/parallax-news/parallax/internal/text"
)

// ReportText writes story reports for a terminal: sections in a fixed
// order, lines wrapped at width columns, every item followed by where it
// is cited ([outlet a:b] in code points of that article's text). With
// colour, headings are bold, verdicts and word diffs coloured. Control
// characters in the reports' text are replaced by stand-ins first
// (TerminalSafe), in place.
func ReportText(w io.Writer, rs *compare.Reports, width int, colour bool) error {
	terminalSafeAll(rs)
	p := &textReport{w: w, width: width, colour: colour}
	for k, st := range rs.Reports {
		if k > 0 {
			p.line("")
			p.line(strings.Repeat("═", min(width, 100)))
		}
		p.story(st)
	}
	return p.err
}

type textReport struct {
	w      io.Writer
	width  int
	colour bool
	err    error
	outlet map[string]string // article id → outlet
}

func (p *textReport) line(s string) {
	if p.err == nil {
		_, p.err = fmt.Fprintln(p.w, s)
	}
}

// wrapped writes text wrapped to the width, the first line after prefix
// and the rest indented to match.
func (p *textReport) wrapped(prefix, text string) {
	indent := strings.Repeat(" ", visibleLen(prefix))
	lines := wrap(text, max(20, p.width-visibleLen(prefix)))
	for i, l := range lines {
		if i == 0 {
			p.line(prefix + l)
		} else {
			p.line(indent + l)
		}
	}
	if len(lines) == 0 {
		p.line(prefix)
	}
}

func (p *textReport) style(code, s string) string {
	if !p.colour {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p *textReport) heading(s string) {
	p.line("")
	p.line(p.style("1", s))
}

// where cites spans briefly: [ABP Live 158:335].
func (p *textReport) where(spans []text.Citation) string {
	var parts []string
	for _, s := range spans {
		in := ""
		if s.In != "" {
			in = " raw"
		}
		parts = append(parts, fmt.Sprintf("%s%s %d:%d", p.outlet[s.ArticleID], in, s.Start, s.End))
		if len(parts) == 3 && len(spans) > 3 {
			parts = append(parts, fmt.Sprintf("+%d", len(spans)-3))
			break
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return p.style("2", "["+strings.Join(parts, "; ")+"]")
}

func (p *textReport) story(st *compare.Report) {
	p.outlet = map[string]string{}
	for _, a := range st.Articles {
		p.outlet[a.ID] = a.Outlet
	}
	p.wrapped(p.style("1", "STORY "+st.ID)+"  ", st.Title.Text+" "+p.where(st.Title.Spans))
	p.event(st)
	p.articles(st)
	p.updates(st)
	p.heading("Shared facts (carried by two or more reports)")
	if len(st.SharedFacts) == 0 {
		p.line("  none found")
	}
	for i, f := range st.SharedFacts {
		p.line(fmt.Sprintf("  %d. %s (similarity %.2f)%s", i+1, strings.Join(f.Outlets, ", "), f.Similarity, p.refs(f.Updates)))
		for _, s := range f.Sentences {
			p.wrapped("     "+p.outlet[s.Spans[0].ArticleID]+": ", quote(s.Text)+" "+p.where(s.Spans))
		}
	}
	p.conflicts(st)
	p.unique(st)
	p.quotes(st)
	p.copies(st)
	p.chain(st)
	p.heading("Timeline")
	for _, e := range st.Timeline {
		d := e.Date
		if e.Until != "" {
			d += ".." + e.Until
		}
		p.wrapped(fmt.Sprintf("  %-22s ", d), fmt.Sprintf("%q (%s): %s %s", e.Label, strings.Join(e.Outlets, ", "), quote(e.Sentence.Text), p.where(e.Spans)))
	}
	p.heading("Summary")
	for _, s := range st.Summary {
		p.wrapped("  • ", s.Text+" "+p.where(s.Spans))
	}
}

func (p *textReport) event(st *compare.Report) {
	ev := st.Event
	p.heading("Event")
	if ev.When != nil {
		z := ""
		if ev.When.Zone != "" {
			z = " (" + ev.When.Zone + ")"
		}
		p.wrapped("  When   ", ev.When.Date+z+" "+p.where(ev.When.Spans))
	}
	if ev.Where != nil {
		var by []string
		for _, v := range ev.Where.ByOutlet {
			by = append(by, fmt.Sprintf("%s: %s (%.3f, %.3f)", v.Outlet, joinNonEmpty(", ", v.Name, v.Region), v.Lat, v.Lon))
		}
		p.wrapped("  Where  ", joinNonEmpty(", ", ev.Where.Name, ev.Where.Country)+" — "+strings.Join(by, "; "))
	}
	for i, pt := range ev.Participants {
		if i == shownParticipants {
			p.line(fmt.Sprintf("         … and %d more", len(ev.Participants)-i))
			break
		}
		var roles []string
		for _, r := range pt.Roles {
			if !containsStr(roles, r.Text) {
				roles = append(roles, r.Text)
			}
		}
		label := "  Who    "
		if i > 0 {
			label = "         "
		}
		desc := fmt.Sprintf("%s (%s, %s)", pt.Name, pt.Type, strings.Join(pt.Outlets, ", "))
		if len(roles) > 0 {
			desc += " — " + strings.Join(roles, "; ")
		}
		p.wrapped(label, desc)
	}
}

// shownParticipants is how many participants a report lists before
// "… and N more": the most named, by outlets then mentions, come first.
const shownParticipants = 12

func (p *textReport) articles(st *compare.Report) {
	p.heading("Articles (publication times on one UTC axis)")
	for _, a := range st.Articles {
		t := a.Published
		if t == "" {
			t = "time unknown"
		}
		extra := []string{}
		if a.PublishedAsWritten != "" && a.PublishedAsWritten != a.Published {
			extra = append(extra, "as written "+a.PublishedAsWritten)
		}
		if a.PublishedAtEvent != "" {
			extra = append(extra, "at the event "+a.PublishedAtEvent)
		}
		if a.Copy != "" {
			extra = append(extra, a.Copy)
		}
		p.wrapped(fmt.Sprintf("  %-20s %-21s ", clip(a.Outlet, 20), t), strings.Join(extra, "; "))
		p.line("  " + strings.Repeat(" ", 21) + p.style("2", a.ID+"  "+clip(a.Title, 70)))
	}
	if note := st.ComparedNote(); note != "" {
		p.wrapped("  ", note)
	}
	if len(st.Coverage) > 0 {
		p.line("  Coverage by group (the outlet registry's):")
		for _, c := range st.Coverage {
			covered := "none"
			if len(c.Outlets) > 0 {
				covered = fmt.Sprintf("%s (%s)", strings.Join(c.Outlets, ", "), articlesCount(c.Articles))
			}
			p.wrapped(fmt.Sprintf("    %-18s ", clip(c.Group, 18)), covered)
		}
	}
}

func (p *textReport) conflicts(st *compare.Report) {
	p.heading("Differences and conflicts")
	if len(st.Conflicts) == 0 {
		p.line("  none found")
	}
	for _, c := range st.Conflicts {
		colour := "33"
		switch c.Verdict {
		case compare.VerdictConflict:
			colour = "31"
		case compare.VerdictCompatible:
			colour = "32"
		}
		p.wrapped(fmt.Sprintf("  %-9s %s ", c.Kind, p.style(colour, c.Verdict)), "— "+c.Reason)
		for _, v := range c.Values {
			p.wrapped("     "+v.Outlet+": ", v.Value+" "+p.where(v.Spans))
		}
	}
}

// shownFacts is how many of an outlet's own facts, and of what it leaves
// out, a report shows: the most newsworthy, with the count of the rest.
const shownFacts = 5

func (p *textReport) unique(st *compare.Report) {
	p.heading("Only in one report (and what each leaves out)")
	for _, u := range st.Unique {
		p.line("  " + p.style("1", u.Outlet) + fmt.Sprintf(" — %d facts only here", len(u.Only)))
		for i, s := range u.Only {
			if i == shownFacts {
				p.line(fmt.Sprintf("     … and %d more", len(u.Only)-shownFacts))
				break
			}
			p.wrapped("     + ", s.Text+" "+p.where(s.Spans)+p.refs(s.Updates))
		}
		for _, d := range u.Details {
			p.wrapped("     + detail: ", d.Text+" "+p.where(d.Spans[:1]))
		}
		for i, s := range u.LeftOut {
			if i == shownFacts {
				break
			}
			p.wrapped("     − ", s.Text+" "+p.where(s.Spans))
		}
		if more := len(u.LeftOut) + u.LeftOutMore - shownFacts; more > 0 {
			p.line(fmt.Sprintf("     … leaves out %d more", more))
		}
	}
}

// updates lists the revisions read and the notes the articles carry.
func (p *textReport) updates(st *compare.Report) {
	if len(st.Updates) == 0 {
		return
	}
	p.heading("Updates and corrections")
	for k, u := range st.Updates {
		p.wrapped("  ", updateTitle(k, u))
		if u.Note != nil {
			p.wrapped("     ", quote(u.Note.Text)+" "+p.where(u.Note.Spans))
		}
		for _, c := range u.Changes {
			p.wrapped("     ", changeLine(c))
		}
		if len(u.Concerns) > 0 && u.Note != nil {
			p.wrapped("     about: ", quote(u.Concerns[0].Text)+" "+p.where(u.Concerns))
		}
	}
}

// refs marks an item changed by updates: " — updated: U1".
func (p *textReport) refs(ks []int) string {
	if r := updateRefs(ks); r != "" {
		return " " + p.style("33", "— "+r)
	}
	return ""
}

func (p *textReport) quotes(st *compare.Report) {
	p.heading("Quotes across outlets")
	for _, q := range st.Quotes {
		speaker := q.Speaker
		if speaker == "" {
			speaker = "(speaker unknown)"
		}
		note := ""
		if q.OneOutlet {
			note = p.style("2", " — one outlet only")
		}
		p.line("  " + speaker + note)
		for _, w := range q.Wordings {
			text := quote(w.Words)
			if len(w.Diff) > 0 {
				text = p.diff(w.Diff)
				if w.Partial {
					text = "(part) " + text
				}
			}
			p.wrapped("     "+w.Outlet+": ", text+" "+p.where(w.Spans))
		}
		for _, ph := range q.Paraphrase {
			p.wrapped("     paraphrased, "+p.outlet[ph.Spans[0].ArticleID]+": ", ph.Text+" "+p.where(ph.Spans))
		}
	}
}

// diff shows a word diff: [-removed-] {+added+}, coloured when allowed.
func (p *textReport) diff(parts []diff.Part) string {
	return "“" + diffText(parts, p.style) + "”"
}

func (p *textReport) copies(st *compare.Report) {
	p.heading("Copies")
	if len(st.Copies) == 0 {
		p.line("  no article of this story copies another")
	}
	for _, c := range st.Copies {
		wire := ""
		if c.Wire != "" {
			wire = ", wire " + c.Wire
		}
		p.wrapped("  ", fmt.Sprintf("%s %s %s (overlap %.0f%%, %d words differ%s), %d shared passages",
			p.outlet[c.Article], copyPhrase(c.Relation), p.outlet[c.Of], 100*c.Overlap, c.EditWords, wire, len(c.Passages)/2))
	}
}

func (p *textReport) chain(st *compare.Report) {
	p.heading("Who cites whom")
	var walk func(n compare.ChainNode, prefix string, last bool, top bool)
	walk = func(n compare.ChainNode, prefix string, last bool, top bool) {
		branch := "├─ "
		next := prefix + "│  "
		if last {
			branch, next = "└─ ", prefix+"   "
		}
		if top {
			branch, next = "", prefix
		}
		p.wrapped(prefix+branch, fmt.Sprintf("%s (%s) %s", n.Name, n.Kind, p.where(n.Spans)))
		for i, c := range n.Children {
			walk(c, next, i == len(n.Children)-1, false)
		}
	}
	for _, n := range st.Attribution {
		walk(n, "  ", true, true)
	}
}

func quote(s string) string { return "“" + s + "”" }

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, s := range parts {
		if s != "" && !containsStr(out, s) {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}

func containsStr(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// wrap splits text into lines of at most width visible characters.
func wrap(text string, width int) []string {
	var lines []string
	var cur []string
	n := 0
	for _, w := range strings.Fields(text) {
		l := visibleLen(w)
		if n > 0 && n+1+l > width {
			lines = append(lines, strings.Join(cur, " "))
			cur, n = nil, 0
		}
		if n > 0 {
			n++
		}
		cur = append(cur, w)
		n += l
	}
	if len(cur) > 0 {
		lines = append(lines, strings.Join(cur, " "))
	}
	return lines
}

// visibleLen counts the characters of s a terminal shows (no escapes).
func visibleLen(s string) int {
	n, esc := 0, false
	for _, r := range s {
		switch {
		case r == '\x1b':
			esc = true
		case esc && r == 'm':
			esc = false
		case !esc:
			n++
		}
	}
	return n
}

// articlesCount is "1 article" or "n articles".
func articlesCount(n int) string {
	if n == 1 {
		return "1 article"
	}
	return fmt.Sprintf("%d articles", n)
}
