package server

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/microcosm-cc/bluemonday"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/render"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/text"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// staticHandler serves the vendored scripts and styles (htmx, uPlot).
func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	fsrv := http.FileServer(http.FS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		fsrv.ServeHTTP(w, r)
	})
}

// pages renders the web UI.
type pages struct {
	t        *template.Template
	sanitize *bluemonday.Policy
}

func newPages() (*pages, error) {
	funcs := template.FuncMap{
		"join":      strings.Join,
		"reportCSS": func() template.CSS { return template.CSS(render.ReportCSS) },
		"reportJS":  func() template.JS { return template.JS(render.ReportJS) },
		"short": func(s string, n int) string {
			r := []rune(s)
			if len(r) <= n {
				return s
			}
			return string(r[:n-1]) + "…"
		},
		"count": func(n int, one, many string) string {
			if n == 1 {
				return "1 " + one
			}
			return fmt.Sprintf("%d %s", n, many)
		},
		"day": day,
	}
	t, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	return &pages{t: t, sanitize: bluemonday.UGCPolicy()}, nil
}

func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, name string, data any) {
	var buf bytes.Buffer
	if err := s.pages.t.ExecuteTemplate(&buf, name, data); err != nil {
		s.opt.Log.Printf("page %s: %v", name, err)
		http.Error(w, "could not render the page", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

// storyRow is one story in the list page.
type storyRow struct {
	store.StorySummary
	Sparkline template.HTML
}

// pageStories: GET / — the story list with search and filters.
func (s *Server) pageStories(w http.ResponseWriter, r *http.Request) {
	q, _, err := storyQuery(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	list, err := s.stories(r, q)
	var bad groupError
	if errors.As(err, &bad) {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	rows := make([]storyRow, 0, len(list))
	for _, st := range list {
		rows = append(rows, storyRow{StorySummary: st, Sparkline: sparkline(parseTimes(st.Times))})
	}
	data := map[string]any{"Stories": rows, "Q": r.URL.Query(), "Partial": r.Header.Get("HX-Request") == "true"}
	if r.Header.Get("HX-Request") != "true" {
		s.addFacets(r, q, list, data)
	}
	s.renderPage(w, r, "stories.html", data)
}

// parseTimes reads publication times (RFC 3339 or dates).
func parseTimes(ts []string) []time.Time {
	var out []time.Time
	for _, x := range ts {
		if t, err := time.Parse(time.RFC3339, x); err == nil {
			out = append(out, t)
		} else if t, err := time.Parse("2006-01-02", x); err == nil {
			out = append(out, t)
		}
	}
	return out
}

// sparkline draws articles per twelfth of their time span as a small
// inline SVG (it needs no script).
func sparkline(ts []time.Time) template.HTML {
	if len(ts) == 0 {
		return ""
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
	const buckets = 12
	span := ts[len(ts)-1].Sub(ts[0])
	counts := make([]int, buckets)
	for _, t := range ts {
		k := 0
		if span > 0 {
			k = int(float64(buckets-1) * float64(t.Sub(ts[0])) / float64(span))
		}
		counts[k]++
	}
	first, last := ts[0].UTC().Format("2006-01-02"), ts[len(ts)-1].UTC().Format("2006-01-02")
	return drawSpark(counts, first, last, "per twelfth of that time")
}

// drawSpark draws counts over time from the first to the last day. The
// first and last days label its ends, and the counts, named by unit,
// are the chart's data, in its title.
func drawSpark(counts []int, first, last, unit string) template.HTML {
	const w, h = 96, 20
	top, total := 1, 0
	for _, c := range counts {
		top = max(top, c)
		total += c
	}
	var pts, data []string
	for i, c := range counts {
		x := w / 2
		if len(counts) > 1 {
			x = i * w / (len(counts) - 1)
		}
		pts = append(pts, fmt.Sprintf("%d,%d", x, h-1-c*(h-2)/top))
		data = append(data, fmt.Sprint(c))
	}
	label := fmt.Sprintf("%d articles from %s to %s; %s: %s", total, first, last, unit, strings.Join(data, ", "))
	return template.HTML(fmt.Sprintf(`<figure class="sparkline"><svg class="spark" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s"><title>%s</title><polyline fill="none" stroke="#3b6fd4" stroke-width="1.5" points="%s"/></svg><figcaption class="meta">%s – %s</figcaption></figure>`,
		w, h, w, h, label, label, strings.Join(pts, " "), shortDay(first), shortDay(last)))
}

// shortDay writes a YYYY-MM-DD day as "Dec 1" (with the year when it is
// not the current one: "Dec 1 2024").
func shortDay(day string) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	if t.Year() != time.Now().Year() {
		return t.Format("Jan 2 2006")
	}
	return t.Format("Jan 2")
}

// pageStory: GET /stories/{id} — the stored report, outlets side by side,
// with the timeline drawn on a time axis.
func (s *Server) pageStory(w http.ResponseWriter, r *http.Request) {
	st, err := s.report(r, r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if reg, err := s.outlets.get(); err == nil {
		reg.ShowNames(st) // a page is for reading: names, not keys
	}
	var body bytes.Buffer
	render.StoryHTMLFragment(&body, st)
	s.renderPage(w, r, "story.html", map[string]any{"Story": st, "Body": template.HTML(body.String()), "Timeline": timelinePoints(st), "Sections": render.Sections})
}

// timelineData is the timeline's dated entries for the uPlot chart.
type timelineData struct {
	X      []int64  `json:"x"` // unix seconds
	Labels []string `json:"labels"`
}

// timelinePoints returns the timeline's dated entries. The template
// writes the value into a script as JSON, escaped for that context (an
// article's words never end the script).
func timelinePoints(st *compare.Report) timelineData {
	d := timelineData{X: []int64{}, Labels: []string{}}
	for _, e := range st.Timeline {
		t, err := time.Parse("2006-01-02", e.Date)
		if err != nil {
			continue
		}
		d.X = append(d.X, t.Unix())
		d.Labels = append(d.Labels, e.Label+" — "+e.Date)
	}
	return d
}

// articleView is the article page's data.
type articleView struct {
	ID, Outlet, Title, URL, Published string
	Text                              template.HTML
	Entities                          []entityView
	Quotes                            []nlp.QuoteInfo
	Places                            []nlp.Place
	Original                          template.HTML
	StoryID                           string
}

type entityView struct {
	Name, Type string
	Mentions   int
	Roles      []string
}

// pageArticle: GET /articles/{id} — the cleaned text with its entities,
// quotes and places marked.
func (s *Server) pageArticle(w http.ResponseWriter, r *http.Request) {
	rec, err := s.st.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := articleView{ID: rec.Article.ID, Outlet: rec.Article.Outlet, Title: rec.Doc.Title().Value, URL: rec.Article.URL, StoryID: rec.StoryID}
	if m := rec.Published(); !m.IsZero() {
		v.Published = m.String()
	}
	an := rec.Analysis
	v.Text = markedText(rec.Doc.Text, an)
	if an != nil {
		for _, e := range an.Entities {
			if len(e.Mentions) == 0 {
				continue
			}
			ev := entityView{Name: e.Name, Type: e.Type, Mentions: len(e.Mentions)}
			for _, ro := range e.Roles {
				ev.Roles = append(ev.Roles, ro.Text)
			}
			v.Entities = append(v.Entities, ev)
		}
		v.Quotes, v.Places = an.Quotes, an.Places
	}
	if rec.Article.Format == "html" {
		// The page as published, sanitised: no scripts, styles or frames.
		v.Original = template.HTML(s.pages.sanitize.Sanitize(rec.Article.Raw))
	}
	s.renderPage(w, r, "article.html", v)
}

// markedText escapes an article's text and marks its entity mentions,
// quotes and places.
func markedText(s string, an *nlp.Analysis) template.HTML {
	if an == nil {
		return template.HTML(strings.ReplaceAll(template.HTMLEscapeString(s), "\n\n", "</p><p>"))
	}
	type mark struct {
		span  text.Span
		class string
		title string
	}
	var ms []mark
	for _, q := range an.Quotes {
		ms = append(ms, mark{q.Span, "quote", "quote: " + q.SpeakerName})
	}
	for _, m := range an.Mentions {
		if m.Entity >= 0 {
			ms = append(ms, mark{m.Span, "ent ent-" + strings.ToLower(m.Type), an.Entities[m.Entity].Name + " (" + m.Type + ")"})
		}
	}
	// Spans nest (a name inside a quote) or sit apart; open and close tags
	// at each boundary in order.
	type edge struct {
		at    int
		open  bool
		order int
		m     mark
	}
	var edges []edge
	for i, m := range ms {
		edges = append(edges, edge{m.span.Start, true, i, m}, edge{m.span.End, false, i, m})
	}
	sort.SliceStable(edges, func(i, j int) bool {
		if edges[i].at != edges[j].at {
			return edges[i].at < edges[j].at
		}
		return !edges[i].open && edges[j].open
	})
	var b strings.Builder
	pos, depth := 0, 0
	for _, e := range edges {
		if e.at < pos || e.at > len(s) {
			continue
		}
		b.WriteString(strings.ReplaceAll(template.HTMLEscapeString(s[pos:e.at]), "\n\n", "</p><p>"))
		pos = e.at
		if e.open {
			depth++
			fmt.Fprintf(&b, `<span class="%s" title="%s">`, e.m.class, template.HTMLEscapeString(e.m.title))
		} else if depth > 0 {
			depth--
			b.WriteString("</span>")
		}
	}
	b.WriteString(strings.ReplaceAll(template.HTMLEscapeString(s[pos:]), "\n\n", "</p><p>"))
	for ; depth > 0; depth-- {
		b.WriteString("</span>")
	}
	return template.HTML(b.String())
}

// pageEntity: GET /entities/{name} — the stories naming an entity and its
// quotes.
func (s *Server) pageEntity(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	stories, err := s.st.EntityStories(r.Context(), name)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	quotes, err := s.st.SearchQuotes(r.Context(), `"`+strings.ReplaceAll(name, `"`, "")+`"`, 100)
	if err != nil {
		quotes = nil
	}
	var own []store.StoryQuote
	for _, q := range quotes {
		if strings.EqualFold(q.Speaker, name) || strings.HasSuffix(strings.ToLower(q.Speaker), " "+strings.ToLower(lastWord(name))) {
			own = append(own, q)
		}
	}
	s.renderPage(w, r, "entity.html", map[string]any{"Name": name, "Stories": stories, "Quotes": own})
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return s
	}
	return f[len(f)-1]
}
