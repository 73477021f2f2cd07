package render

import (
	"fmt"
	"html"
	"io"
	"sort"
	"strings"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/text"
)

// ReportHTML writes story reports as one self-contained HTML page: the
// report's sections on the left, the articles side by side in columns on
// the right, every cited span highlighted. Clicking an item marks its
// spans in the articles (with JavaScript; without it the page reads the
// same, minus the marking). No external assets.
func ReportHTML(w io.Writer, rs *compare.Reports) error {
	var b strings.Builder
	b.WriteString(htmlHead)
	for _, st := range rs.Reports {
		h := &htmlReport{b: &b, marks: map[string][]mark{}, outlet: map[string]string{}}
		h.story(st)
	}
	b.WriteString(htmlFoot)
	_, err := io.WriteString(w, b.String())
	return err
}

// StoryHTMLFragment writes one story's report as an HTML fragment (the
// body of ReportHTML's page without the page around it), for embedding.
func StoryHTMLFragment(w io.Writer, st *compare.Report) error {
	var b strings.Builder
	h := &htmlReport{b: &b, marks: map[string][]mark{}, outlet: map[string]string{}}
	h.story(st)
	_, err := io.WriteString(w, b.String())
	return err
}

// ReportCSS and ReportJS are the page's own style and script, for pages
// that embed fragments.
const (
	ReportCSS = htmlCSS
	ReportJS  = htmlJS
)

// mark is a cited span of an article and the item citing it.
type mark struct {
	start, end int
	item       string
}

type htmlReport struct {
	b      *strings.Builder
	n      int
	marks  map[string][]mark // article id → marks
	outlet map[string]string
}

func (h *htmlReport) w(format string, args ...any) { fmt.Fprintf(h.b, format, args...) }

// item registers an item's spans and returns its id.
func (h *htmlReport) item(spans []text.Citation) string {
	h.n++
	id := fmt.Sprintf("i%d", h.n)
	for _, s := range spans {
		if s.In != "" {
			continue // spans over removed material are not in the shown text
		}
		h.marks[s.ArticleID] = append(h.marks[s.ArticleID], mark{s.Start, s.End, id})
	}
	return id
}

// cited writes an item: its text, clickable, with its citations.
func (h *htmlReport) cited(tag, text string, spans []text.Citation) {
	id := h.item(spans)
	h.w(`<%s class="item" data-item="%s" tabindex="0">%s <span class="where">%s</span></%s>`, tag, id, html.EscapeString(text), html.EscapeString(h.where(spans)), tag)
}

func (h *htmlReport) where(spans []text.Citation) string {
	var parts []string
	for _, s := range spans {
		parts = append(parts, fmt.Sprintf("%s %d:%d", h.outlet[s.ArticleID], s.Start, s.End))
	}
	return strings.Join(parts, "; ")
}

func (h *htmlReport) story(st *compare.Report) {
	for _, a := range st.Articles {
		h.outlet[a.ID] = a.Outlet
	}
	h.w(`<section class="story" id="%s"><header>`, html.EscapeString(st.ID))
	h.cited("h1", st.Title.Text, st.Title.Spans)
	h.w(`<p class="meta">Story %s · %d articles</p></header>`, html.EscapeString(st.ID), len(st.Articles))
	h.aligned(st)
	h.w(`<div class="layout"><div class="report">`)
	h.event(st)
	h.updates(st)
	h.w(`<h2>Shared facts</h2><ol class="facts">`)
	for _, f := range st.SharedFacts {
		h.w(`<li><span class="outlets">%s</span>%s<ul>`, html.EscapeString(strings.Join(f.Outlets, ", ")), htmlRefs(f.Updates))
		for _, s := range f.Sentences {
			h.w(`<li><b>%s:</b> `, html.EscapeString(h.outlet[s.Spans[0].ArticleID]))
			h.cited("span", s.Text, s.Spans)
			h.w(`</li>`)
		}
		h.w(`</ul></li>`)
	}
	h.none(len(st.SharedFacts))
	h.w(`</ol>`)
	h.conflicts(st)
	h.unique(st)
	h.quotes(st)
	h.copiesAndChain(st)
	h.w(`<h2>Timeline</h2><ol class="timeline">`)
	for _, e := range st.Timeline {
		d := e.Date
		if e.Until != "" {
			d += " – " + e.Until
		}
		h.w(`<li><time>%s</time> “%s” (%s) `, html.EscapeString(d), html.EscapeString(e.Label), html.EscapeString(strings.Join(e.Outlets, ", ")))
		h.cited("span", e.Sentence.Text, append(append([]text.Citation{}, e.Spans...), e.Sentence.Spans...))
		h.w(`</li>`)
	}
	h.none(len(st.Timeline))
	h.w(`</ol><h2>Summary</h2><ul class="summary">`)
	for _, s := range st.Summary {
		h.cited("li", s.Text, s.Spans)
	}
	h.none(len(st.Summary))
	h.w(`</ul></div><div class="articles">`)
	for _, a := range st.Articles {
		h.article(a)
	}
	h.w(`</div></div></section>`)
}

// aligned writes the shared facts as a table: one column per outlet, one
// row per fact, each cell the sentence that outlet carries (clickable like
// every cited item).
func (h *htmlReport) aligned(st *compare.Report) {
	var outlets []string
	for _, a := range st.Articles {
		if !containsStr(outlets, a.Outlet) {
			outlets = append(outlets, a.Outlet)
		}
	}
	h.w(`<section class="aligned-facts"><h2>Shared facts, outlet by outlet</h2><table class="aligned" aria-label="Shared facts aligned across outlets"><thead><tr>`)
	for _, o := range outlets {
		h.w(`<th scope="col">%s</th>`, html.EscapeString(o))
	}
	h.w(`</tr></thead><tbody>`)
	if len(st.SharedFacts) == 0 {
		h.w(`<tr><td colspan="%d">No fact is carried by two reports.</td></tr>`, len(outlets))
	}
	for _, f := range st.SharedFacts {
		cells := make([]*compare.Cited, len(outlets))
		for i := range f.Sentences {
			s := &f.Sentences[i]
			if len(s.Spans) == 0 {
				continue
			}
			for k, o := range outlets {
				if o == h.outlet[s.Spans[0].ArticleID] && cells[k] == nil {
					cells[k] = s
				}
			}
		}
		h.w(`<tr>`)
		for _, c := range cells {
			if c == nil {
				h.w(`<td></td>`)
				continue
			}
			h.cited("td", c.Text, c.Spans)
		}
		h.w(`</tr>`)
	}
	h.w(`</tbody></table></section>`)
}

func (h *htmlReport) event(st *compare.Report) {
	ev := st.Event
	h.w(`<h2>Event</h2><dl class="event">`)
	if ev.When != nil {
		h.w(`<dt>When</dt><dd>`)
		h.cited("span", ev.When.Date+" "+ev.When.Zone, ev.When.Spans)
		h.w(`</dd>`)
	}
	if ev.Where != nil {
		h.w(`<dt>Where</dt><dd>%s<ul>`, html.EscapeString(joinNonEmpty(", ", ev.Where.Name, ev.Where.Country)))
		for _, v := range ev.Where.ByOutlet {
			h.w(`<li>%s: `, html.EscapeString(v.Outlet))
			h.cited("span", fmt.Sprintf("%s (%.3f, %.3f)", joinNonEmpty(", ", v.Name, v.Region), v.Lat, v.Lon), v.Spans)
			h.w(`</li>`)
		}
		h.w(`</ul></dd>`)
	}
	h.w(`<dt>Who</dt><dd><ul>`)
	for i, p := range ev.Participants {
		if i == shownParticipants {
			h.w(`</ul><details><summary>%d more</summary><ul>`, len(ev.Participants)-i)
		}
		var roles []string
		for _, r := range p.Roles {
			if !containsStr(roles, r.Text) {
				roles = append(roles, r.Text)
			}
		}
		text := p.Name
		if len(roles) > 0 {
			text += " — " + strings.Join(roles, "; ")
		}
		h.cited("li", text, p.Spans)
	}
	if len(ev.Participants) > shownParticipants {
		h.w(`</ul></details><ul>`)
	}
	h.w(`</ul></dd></dl><h2>Articles</h2><table class="pubs"><tr><th>Outlet</th><th>Published (UTC)</th><th>As written</th><th>At the event</th><th>Copy</th></tr>`)
	for _, a := range st.Articles {
		h.w(`<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>`, html.EscapeString(a.Outlet), html.EscapeString(a.Published),
			html.EscapeString(a.PublishedAsWritten), html.EscapeString(a.PublishedAtEvent), html.EscapeString(a.Copy))
	}
	h.w(`</table>`)
	if note := st.ComparedNote(); note != "" {
		h.w(`<p class="meta">%s</p>`, html.EscapeString(note))
	}
	if len(st.Coverage) > 0 {
		h.w(`<h2>Coverage by group</h2><table class="coverage"><tr><th>Group</th><th>Outlets</th><th>Articles</th></tr>`)
		for _, c := range st.Coverage {
			h.w(`<tr><td>%s</td><td>%s</td><td>%d</td></tr>`, html.EscapeString(c.Group), html.EscapeString(orNone(strings.Join(c.Outlets, ", "))), c.Articles)
		}
		h.w(`</table>`)
	}
}

func (h *htmlReport) conflicts(st *compare.Report) {
	h.w(`<h2>Differences and conflicts</h2><ul class="conflicts">`)
	for _, c := range st.Conflicts {
		id := h.item(c.Spans)
		h.w(`<li class="item verdict-%s" data-item="%s" tabindex="0"><b>%s</b> <span class="verdict">%s</span> — %s<ul>`,
			html.EscapeString(c.Verdict), id, html.EscapeString(c.Kind), html.EscapeString(c.Verdict), html.EscapeString(c.Reason))
		for _, v := range c.Values {
			h.w(`<li>%s: %s</li>`, html.EscapeString(v.Outlet), html.EscapeString(v.Value))
		}
		h.w(`</ul></li>`)
	}
	h.none(len(st.Conflicts))
	h.w(`</ul>`)
}

// none says so in a section that lists nothing: an empty section would
// look like a page still loading.
func (h *htmlReport) none(n int) {
	if n == 0 {
		h.w(`<li class="none">none</li>`)
	}
}

func (h *htmlReport) unique(st *compare.Report) {
	h.w(`<h2>Only in one report</h2>`)
	if len(st.Unique) == 0 {
		h.w(`<p class="none">none</p>`)
	}
	for _, u := range st.Unique {
		h.w(`<h3>%s</h3><ul class="unique">`, html.EscapeString(u.Outlet))
		for i, s := range u.Only {
			if i == shownFacts {
				h.w(`</ul><details><summary>%d more</summary><ul class="unique">`, len(u.Only)-shownFacts)
			}
			if len(s.Updates) == 0 {
				h.cited("li", s.Text, s.Spans)
				continue
			}
			h.w(`<li>`)
			h.cited("span", s.Text, s.Spans)
			h.w(`%s</li>`, htmlRefs(s.Updates))
		}
		if len(u.Only) > shownFacts {
			h.w(`</ul></details><ul class="unique">`)
		}
		for _, d := range u.Details {
			h.cited("li", "detail: "+d.Text, d.Spans)
		}
		if len(u.Only) <= shownFacts {
			h.none(len(u.Only) + len(u.Details))
		}
		h.w(`</ul>`)
		if len(u.LeftOut) > 0 {
			h.w(`<details><summary>Leaves out %d</summary><ul>`, len(u.LeftOut)+u.LeftOutMore)
			for _, s := range u.LeftOut {
				h.cited("li", s.Text, s.Spans)
			}
			if u.LeftOutMore > 0 {
				h.w(`<li>… and %d more, less newsworthy</li>`, u.LeftOutMore)
			}
			h.w(`</ul></details>`)
		}
	}
}

func (h *htmlReport) quotes(st *compare.Report) {
	h.w(`<h2>Quotes across outlets</h2><ul class="quotes">`)
	for _, q := range st.Quotes {
		one := ""
		if q.OneOutlet {
			one = ` <span class="note">one outlet only</span>`
		}
		id := h.item(q.Spans)
		h.w(`<li class="item" data-item="%s" tabindex="0"><b>%s</b>%s<ul>`, id, html.EscapeString(orDefault(q.Speaker, "(speaker unknown)")), one)
		for _, w := range q.Wordings {
			h.w(`<li>%s: <q>`, html.EscapeString(w.Outlet))
			if len(w.Diff) == 0 {
				h.w(`%s`, html.EscapeString(w.Words))
			}
			for i, d := range w.Diff {
				if i > 0 {
					h.w(" ")
				}
				switch d.Op {
				case "-":
					h.w(`<del>%s</del>`, html.EscapeString(d.Text))
				case "+":
					h.w(`<ins>%s</ins>`, html.EscapeString(d.Text))
				default:
					h.w(`%s`, html.EscapeString(d.Text))
				}
			}
			h.w(`</q></li>`)
		}
		for _, p := range q.Paraphrase {
			h.w(`<li>paraphrased: %s</li>`, html.EscapeString(p.Text))
		}
		h.w(`</ul></li>`)
	}
	h.none(len(st.Quotes))
	h.w(`</ul>`)
}

func (h *htmlReport) copiesAndChain(st *compare.Report) {
	h.w(`<h2>Copies and who cites whom</h2><ul class="copies">`)
	for _, c := range st.Copies {
		h.cited("li", fmt.Sprintf("%s %s %s (overlap %.0f%%, %d words differ, wire %s)", h.outlet[c.Article], copyPhrase(c.Relation),
			h.outlet[c.Of], 100*c.Overlap, c.EditWords, orDefault(c.Wire, "unknown")), c.Passages)
	}
	h.none(len(st.Copies))
	h.w(`</ul><ul class="tree">`)
	var walk func(n compare.ChainNode)
	walk = func(n compare.ChainNode) {
		id := h.item(n.Spans)
		h.w(`<li><span class="item" data-item="%s" tabindex="0">%s <span class="kind">%s</span></span>`, id, html.EscapeString(n.Name), html.EscapeString(n.Kind))
		if len(n.Children) > 0 {
			h.w(`<ul>`)
			for _, c := range n.Children {
				walk(c)
			}
			h.w(`</ul>`)
		}
		h.w(`</li>`)
	}
	for _, n := range st.Attribution {
		walk(n)
	}
	h.w(`</ul>`)
}

// article writes an article's text with its cited spans marked: the text
// is cut at every span boundary, and each piece lists the items citing it.
func (h *htmlReport) article(a compare.ArticleEntry) {
	h.w(`<article class="col" id="art-%s"><h3>%s</h3><p class="meta">%s · %s</p><div class="text">`,
		html.EscapeString(a.ID), html.EscapeString(a.Outlet), html.EscapeString(orDefault(a.Published, "time unknown")), html.EscapeString(a.ID))
	runes := []rune(a.Text)
	ms := h.marks[a.ID]
	// Sweep the text once: at each boundary, marks open and close; the
	// piece up to the next boundary lists the marks open over it.
	type edge struct {
		at   int
		open bool
		item string
	}
	var edges []edge
	for _, m := range ms {
		s, e := max(0, min(m.start, len(runes))), max(0, min(m.end, len(runes)))
		if s < e {
			edges = append(edges, edge{s, true, m.item}, edge{e, false, m.item})
		}
	}
	sort.Slice(edges, func(i, j int) bool { return edges[i].at < edges[j].at })
	open := map[string]int{}
	pos := 0
	flush := func(to int) {
		if to <= pos {
			return
		}
		piece := strings.ReplaceAll(html.EscapeString(string(runes[pos:to])), "\n\n", "</p><p>")
		if len(open) == 0 {
			h.w(`%s`, piece)
		} else {
			items := make([]string, 0, len(open))
			for it := range open {
				items = append(items, it)
			}
			sort.Strings(items)
			h.w(`<span class="c" data-i=" %s ">%s</span>`, strings.Join(items, " "), piece)
		}
		pos = to
	}
	for _, e := range edges {
		flush(e.at)
		if e.open {
			open[e.item]++
		} else if open[e.item]--; open[e.item] <= 0 {
			delete(open, e.item)
		}
	}
	flush(len(runes))
	h.w(`</div></article>`)
}

const htmlCSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
header{padding:12px 20px;border-bottom:1px solid #ccc}h1{font-size:1.4em;margin:0}h2{font-size:1.1em;margin:18px 0 6px;border-bottom:1px solid #ddd}
.meta,.where,.note,.kind{color:#555;font-size:.85em}.layout{display:flex;gap:16px;padding:0 20px}.report{flex:1 1 45%;min-width:320px}
.articles{flex:1 1 55%;display:flex;gap:12px;overflow-x:auto;align-items:flex-start}.col{flex:1 0 280px;max-width:480px;position:sticky;top:0;max-height:100vh;overflow-y:auto;border-left:1px solid #ddd;padding-left:10px}
.text{white-space:normal}.c.hl{background:#ffb347;outline:2px solid #b35c00}
.where{display:none}.item:hover>.where,.item:focus>.where,.item:focus-within>.where{display:inline}
.item{cursor:pointer}.item:focus,.item:hover{outline:2px solid #3b6fd4}.verdict-conflict .verdict{color:#b00020;font-weight:bold}
.verdict-compatible .verdict{color:#1b6e20;font-weight:bold}.verdict-unclear .verdict{color:#8a5a00;font-weight:bold}
del{background:#fdd;color:#900}ins{background:#dfd;color:#060;text-decoration:none}table.pubs{border-collapse:collapse;font-size:.9em}
table.pubs td,table.pubs th{border:1px solid #ddd;padding:2px 6px;text-align:left}
.aligned-facts{padding:0 20px}table.aligned{border-collapse:collapse;width:100%;font-size:.92em}
table.aligned td,table.aligned th{border:1px solid #ddd;padding:6px;vertical-align:top;text-align:left}table.aligned td:empty{background:#f6f6f6}
.report,.articles{min-width:0}.where,td{overflow-wrap:anywhere}table.aligned{table-layout:fixed}
@media (max-width:800px){.layout{flex-direction:column;padding:0 12px}.aligned-facts{padding:0 12px}header{padding:12px}
.col{position:static;max-height:none;flex:0 0 85%}table.pubs{display:block;overflow-x:auto;max-width:100%}}`

const htmlJS = `document.addEventListener('click',function(e){var it=e.target.closest('[data-item]');if(!it)return;
var id=' '+it.getAttribute('data-item')+' ';document.querySelectorAll('.c.hl').forEach(function(x){x.classList.remove('hl')});
var first=null;document.querySelectorAll('.c').forEach(function(x){if(x.getAttribute('data-i').indexOf(id)>=0){x.classList.add('hl');if(!first)first=x}});
if(first)first.scrollIntoView({block:'center',behavior:'smooth'})});
document.addEventListener('keydown',function(e){if(e.key==='Enter'&&e.target.matches('[data-item]'))e.target.click()});`

const htmlHead = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Parallax story report</title><style>` + htmlCSS + `</style></head><body>`

const htmlFoot = `<script>` + htmlJS + `</script></body></html>`

// updates lists the revisions read and the notes the articles carry.
func (h *htmlReport) updates(st *compare.Report) {
	if len(st.Updates) == 0 {
		return
	}
	h.w(`<h2>Updates and corrections</h2><ol class="updates">`)
	for k, u := range st.Updates {
		h.w(`<li id="%s"><b>%s</b><ul>`, updateRef(k), html.EscapeString(updateTitle(k, u)))
		if u.Note != nil {
			h.w(`<li>“%s” <span class="where">%s</span></li>`, html.EscapeString(u.Note.Text), html.EscapeString(h.where(u.Note.Spans)))
		}
		for _, c := range u.Changes {
			h.w(`<li>%s</li>`, html.EscapeString(changeLine(c)))
		}
		if len(u.Concerns) > 0 {
			h.w(`<li>about: `)
			h.cited("span", u.Concerns[0].Text, u.Concerns)
			h.w(`</li>`)
		}
		h.w(`</ul></li>`)
	}
	h.w(`</ol>`)
}

// htmlRefs links an item to the updates that changed it.
func htmlRefs(ks []int) string {
	if len(ks) == 0 {
		return ""
	}
	var links []string
	for _, k := range ks {
		links = append(links, fmt.Sprintf(`<a href="#%s">%s</a>`, updateRef(k), updateRef(k)))
	}
	return ` <span class="updated">updated: ` + strings.Join(links, ", ") + `</span>`
}
