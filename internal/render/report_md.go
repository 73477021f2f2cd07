package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/text"
)

// ReportMarkdown writes story reports as Markdown: the same sections as
// the text form, word diffs as ~~removed~~ **added**, citations as
// `outlet a:b` code spans.
func ReportMarkdown(w io.Writer, rs *compare.Reports) error {
	w = SafeWriter(w)
	m := &mdReport{w: w}
	for _, st := range rs.Reports {
		m.story(st)
	}
	return m.err
}

type mdReport struct {
	w      io.Writer
	err    error
	outlet map[string]string
}

func (m *mdReport) f(format string, args ...any) {
	if m.err == nil {
		_, m.err = fmt.Fprintf(m.w, format, args...)
	}
}

func (m *mdReport) cite(spans []text.Citation) string {
	var parts []string
	for _, s := range spans {
		parts = append(parts, fmt.Sprintf("`%s %d:%d`", m.outlet[s.ArticleID], s.Start, s.End))
	}
	return strings.Join(parts, " ")
}

// esc keeps text from being read as Markdown markup.
func esc(s string) string {
	r := strings.NewReplacer("\\", "\\\\", "*", "\\*", "_", "\\_", "`", "\\`", "[", "\\[", "]", "\\]", "|", "\\|", "<", "&lt;", ">", "&gt;", "\n", " ")
	return r.Replace(s)
}

func (m *mdReport) story(st *compare.Report) {
	m.outlet = map[string]string{}
	for _, a := range st.Articles {
		m.outlet[a.ID] = a.Outlet
	}
	m.f("# %s\n\n*Story `%s`; title from %s*\n\n", esc(st.Title.Text), st.ID, m.cite(st.Title.Spans))
	m.f("## Event\n\n")
	if ev := st.Event.When; ev != nil {
		m.f("- **When:** %s %s — %s\n", ev.Date, ev.Zone, m.cite(ev.Spans))
	}
	if wh := st.Event.Where; wh != nil {
		var by []string
		for _, v := range wh.ByOutlet {
			by = append(by, fmt.Sprintf("%s: %s (%.3f, %.3f) %s", esc(v.Outlet), esc(joinNonEmpty(", ", v.Name, v.Region)), v.Lat, v.Lon, m.cite(v.Spans)))
		}
		m.f("- **Where:** %s — %s\n", esc(joinNonEmpty(", ", wh.Name, wh.Country)), strings.Join(by, "; "))
	}
	for i, p := range st.Event.Participants {
		if i == shownParticipants {
			m.f("- … and %d more\n", len(st.Event.Participants)-i)
			break
		}
		var roles []string
		for _, r := range p.Roles {
			if !containsStr(roles, r.Text) {
				roles = append(roles, esc(r.Text))
			}
		}
		m.f("- **%s** (%s; %s) %s\n", esc(p.Name), p.Type, esc(strings.Join(p.Outlets, ", ")), strings.Join(roles, "; "))
	}
	m.f("\n## Articles\n\n| outlet | published (UTC) | as written | at the event | copy | id |\n|---|---|---|---|---|---|\n")
	for _, a := range st.Articles {
		m.f("| %s | %s | %s | %s | %s | `%s` |\n", esc(a.Outlet), a.Published, esc(a.PublishedAsWritten), esc(a.PublishedAtEvent), esc(a.Copy), a.ID)
	}
	if note := st.ComparedNote(); note != "" {
		m.f("\n%s\n", esc(note))
	}
	if len(st.Coverage) > 0 {
		m.f("\n## Coverage by group\n\n| group | outlets | articles |\n|---|---|---|\n")
		for _, c := range st.Coverage {
			m.f("| %s | %s | %d |\n", esc(c.Group), esc(orNone(strings.Join(c.Outlets, ", "))), c.Articles)
		}
	}
	if len(st.Updates) > 0 {
		m.f("\n## Updates and corrections\n\n")
		for k, u := range st.Updates {
			m.f("- **%s**\n", esc(updateTitle(k, u)))
			if u.Note != nil {
				m.f("  - “%s” %s\n", esc(u.Note.Text), m.cite(u.Note.Spans))
			}
			for _, c := range u.Changes {
				m.f("  - %s\n", esc(changeLine(c)))
			}
		}
	}
	m.f("\n## Shared facts\n\n")
	for i, f := range st.SharedFacts {
		m.f("%d. carried by %s%s\n", i+1, esc(strings.Join(f.Outlets, ", ")), mdRefs(f.Updates))
		for _, s := range f.Sentences {
			m.f("   - %s: “%s” %s\n", esc(m.outlet[s.Spans[0].ArticleID]), esc(s.Text), m.cite(s.Spans))
		}
	}
	m.f("\n## Differences and conflicts\n\n")
	for _, c := range st.Conflicts {
		m.f("- **%s — %s:** %s\n", c.Kind, c.Verdict, esc(c.Reason))
		for _, v := range c.Values {
			m.f("  - %s: %s %s\n", esc(v.Outlet), esc(v.Value), m.cite(v.Spans))
		}
	}
	m.f("\n## Only in one report\n\n")
	for _, u := range st.Unique {
		m.f("### %s\n\n", esc(u.Outlet))
		for i, s := range u.Only {
			if i == shownFacts {
				m.f("- … and %d more\n", len(u.Only)-shownFacts)
				break
			}
			m.f("- %s %s%s\n", esc(s.Text), m.cite(s.Spans), mdRefs(s.Updates))
		}
		for _, d := range u.Details {
			m.f("- detail only here: **%s** %s\n", esc(d.Text), m.cite(d.Spans))
		}
		if len(u.LeftOut) > 0 {
			m.f("\nLeaves out:\n\n")
			for i, s := range u.LeftOut {
				if i == shownFacts {
					break
				}
				m.f("- %s %s\n", esc(s.Text), m.cite(s.Spans))
			}
			if more := len(u.LeftOut) + u.LeftOutMore - shownFacts; more > 0 {
				m.f("- … and %d more\n", more)
			}
		}
		m.f("\n")
	}
	m.f("## Quotes across outlets\n\n")
	for _, q := range st.Quotes {
		m.f("- **%s**%s\n", esc(orDefault(q.Speaker, "(speaker unknown)")), map[bool]string{true: " — one outlet only", false: ""}[q.OneOutlet])
		for _, w := range q.Wordings {
			text := "“" + esc(w.Words) + "”"
			if len(w.Diff) > 0 {
				var parts []string
				for _, d := range w.Diff {
					switch d.Op {
					case "-":
						parts = append(parts, "~~"+esc(d.Text)+"~~")
					case "+":
						parts = append(parts, "**"+esc(d.Text)+"**")
					default:
						parts = append(parts, esc(d.Text))
					}
				}
				text = "“" + strings.Join(parts, " ") + "”"
			}
			m.f("  - %s: %s %s\n", esc(w.Outlet), text, m.cite(w.Spans))
		}
		for _, p := range q.Paraphrase {
			m.f("  - paraphrased: %s %s\n", esc(p.Text), m.cite(p.Spans))
		}
	}
	m.f("\n## Copies\n\n")
	for _, c := range st.Copies {
		m.f("- %s %s %s (overlap %.0f%%, %d words differ, wire %s)\n", esc(m.outlet[c.Article]), copyPhrase(c.Relation), esc(m.outlet[c.Of]), 100*c.Overlap, c.EditWords, esc(orDefault(c.Wire, "unknown")))
	}
	m.f("\n## Who cites whom\n\n")
	var walk func(n compare.ChainNode, depth int)
	walk = func(n compare.ChainNode, depth int) {
		m.f("%s- %s (%s) %s\n", strings.Repeat("  ", depth), esc(n.Name), n.Kind, m.cite(n.Spans))
		for _, c := range n.Children {
			walk(c, depth+1)
		}
	}
	for _, n := range st.Attribution {
		walk(n, 0)
	}
	m.f("\n## Timeline\n\n")
	for _, e := range st.Timeline {
		d := e.Date
		if e.Until != "" {
			d += "–" + e.Until
		}
		m.f("- **%s** “%s” (%s): %s %s\n", d, esc(e.Label), esc(strings.Join(e.Outlets, ", ")), esc(e.Sentence.Text), m.cite(e.Spans))
	}
	m.f("\n## Summary\n\n")
	for _, s := range st.Summary {
		m.f("- %s %s\n", esc(s.Text), m.cite(s.Spans))
	}
	m.f("\n")
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// mdRefs marks an item changed by updates: " — *updated: U1*".
func mdRefs(ks []int) string {
	if r := updateRefs(ks); r != "" {
		return " — *" + r + "*"
	}
	return ""
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
