package server

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/outlets"
	"github.com/parallax-news/parallax/internal/store"
)

// pageOutlets: GET /outlets — every stored outlet with the registry's
// name and groups.
func (s *Server) pageOutlets(w http.ResponseWriter, r *http.Request) {
	reg, err := s.outlets.get()
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	counts, err := s.st.Outlets(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderPage(w, r, "outlets.html", map[string]any{"Rows": reg.Rows(counts), "File": s.outlets.path})
}

// outletPageArticles bounds the articles an outlet page reads for its
// chart and copies.
const outletPageArticles = 2000

// dayCount is one day of an outlet's coverage.
type dayCount struct {
	Day string
	N   int
}

// copyCount is how many copies link an outlet to another.
type copyCount struct {
	Outlet, Name string
	N            int
}

// pageOutlet: GET /outlets/{key} — one outlet: what the registry says,
// its articles per day, the stories it covers, whose copies it runs and
// who copies it.
func (s *Server) pageOutlet(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	key := r.PathValue("key")
	reg, err := s.outlets.get()
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	counts, err := s.st.Outlets(ctx)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var row *outlets.Row
	for _, x := range reg.Rows(counts) {
		if strings.EqualFold(x.OutletCount.Outlet, key) {
			row = &x
			break
		}
	}
	if row == nil {
		s.pageError(w, r, fmt.Errorf("no outlet %q: %w", key, store.ErrNotFound))
		return
	}
	arts, err := s.st.Articles(ctx, store.ArticleQuery{Outlet: row.OutletCount.Outlet, Limit: outletPageArticles})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	stories, err := s.st.Stories(ctx, store.StoryQuery{Outlet: row.OutletCount.Outlet, Limit: 100})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	of, by, err := s.copyCounts(r, reg, arts)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	cites, left := s.outletReading(r, row.OutletCount.Outlet, reg, stories)
	days := perDay(arts)
	title := row.OutletCount.Outlet
	if row.Registered {
		title = row.Name
	}
	s.renderPage(w, r, "outlet.html", map[string]any{"Title": title, "Row": row, "Stories": stories,
		"Days": days, "Chart": dayChart(days), "CopiesOf": of, "CopiedBy": by, "Cites": cites, "LeftOut": left})
}

// outletReadStories bounds the stored reports an outlet page reads.
const outletReadStories = 20

// leftOutItem is a fact an outlet's report of a story leaves out.
type leftOutItem struct {
	StoryID, Story, Text string
}

// outletReading reads the stored reports of an outlet's latest stories:
// the sources its articles cite (wires, outlets, channels) with how many
// stories each is cited in, and the most newsworthy facts it leaves out
// that other outlets carry.
func (s *Server) outletReading(r *http.Request, outlet string, reg *outlets.Registry, stories []store.StorySummary) ([]copyCount, []leftOutItem) {
	citedIn := map[string]int{}
	var left []leftOutItem
	for i, st := range stories {
		if i == outletReadStories {
			break
		}
		raw, err := s.st.Report(r.Context(), st.ID)
		if err != nil {
			continue
		}
		var rep compare.Report
		if json.Unmarshal(raw, &rep) != nil {
			continue
		}
		for _, u := range rep.Unique {
			if strings.EqualFold(u.Outlet, outlet) && len(u.LeftOut) > 0 && len(left) < 10 {
				left = append(left, leftOutItem{StoryID: st.ID, Story: st.Title, Text: u.LeftOut[0].Text})
			}
		}
		seen := map[string]bool{}
		for _, n := range rep.Attribution {
			if n.Kind == "outlet" && strings.EqualFold(n.Name, outlet) {
				walkSources(n.Children, func(name string) {
					if !seen[name] {
						seen[name] = true
						citedIn[name]++
					}
				})
			}
		}
	}
	var cites []copyCount
	for name, n := range citedIn {
		cites = append(cites, copyCount{Outlet: name, Name: reg.Name(name), N: n})
	}
	sort.Slice(cites, func(i, j int) bool {
		return cites[i].N > cites[j].N || cites[i].N == cites[j].N && cites[i].Name < cites[j].Name
	})
	return cites, left
}

// walkSources calls fn with every source under an outlet in the chain of
// who cites whom.
func walkSources(nodes []compare.ChainNode, fn func(string)) {
	for _, n := range nodes {
		fn(n.Name)
		walkSources(n.Children, fn)
	}
}

// copyCounts counts the copy links of an outlet's articles by the other
// outlet: whose articles it copies, and who copies its.
func (s *Server) copyCounts(r *http.Request, reg *outlets.Registry, arts []store.Summary) (of, by []copyCount, err error) {
	ours := map[string]bool{}
	var ids []string
	for _, a := range arts {
		ours[a.ID] = true
		ids = append(ids, a.ID)
	}
	links, err := s.st.Copies(r.Context(), ids)
	if err != nil || len(links) == 0 {
		return nil, nil, err
	}
	var others []string
	for _, l := range links {
		if !ours[l.OfID] {
			others = append(others, l.OfID)
		}
		if !ours[l.ArticleID] {
			others = append(others, l.ArticleID)
		}
	}
	outletOf := map[string]string{}
	if len(others) > 0 {
		sums, err := s.st.Articles(r.Context(), store.ArticleQuery{IDs: others, Limit: len(others)})
		if err != nil {
			return nil, nil, err
		}
		for _, x := range sums {
			outletOf[x.ID] = x.Outlet
		}
	}
	ofN, byN := map[string]int{}, map[string]int{}
	for _, l := range links {
		switch {
		case ours[l.ArticleID] && !ours[l.OfID] && outletOf[l.OfID] != "":
			ofN[outletOf[l.OfID]]++
		case ours[l.OfID] && !ours[l.ArticleID] && outletOf[l.ArticleID] != "":
			byN[outletOf[l.ArticleID]]++
		}
	}
	list := func(m map[string]int) []copyCount {
		var out []copyCount
		for o, n := range m {
			out = append(out, copyCount{Outlet: o, Name: reg.Name(o), N: n})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].N > out[j].N || out[i].N == out[j].N && out[i].Name < out[j].Name })
		return out
	}
	return list(ofN), list(byN), nil
}

// perDay counts articles by the day they were published, every day from
// the first to the last (days without articles count 0).
func perDay(arts []store.Summary) []dayCount {
	n := map[string]int{}
	var first, last time.Time
	for _, a := range arts {
		if len(a.Published) < 10 {
			continue
		}
		d, err := time.Parse("2006-01-02", a.Published[:10])
		if err != nil {
			continue
		}
		n[a.Published[:10]]++
		if first.IsZero() || d.Before(first) {
			first = d
		}
		if d.After(last) {
			last = d
		}
	}
	var out []dayCount
	for d := first; !first.IsZero() && !d.After(last) && len(out) < 3660; d = d.AddDate(0, 0, 1) {
		out = append(out, dayCount{Day: d.Format("2006-01-02"), N: n[d.Format("2006-01-02")]})
	}
	return out
}

// dayChart draws articles per day as an SVG bar chart with labelled axes:
// the days on x (first, middle, last), the count on y (0 and the most).
func dayChart(days []dayCount) template.HTML {
	if len(days) == 0 {
		return template.HTML(`<p class="meta">No dated articles.</p>`)
	}
	const w, h, left, bottom, top = 640, 180, 40, 30, 10
	most := 1
	for _, d := range days {
		most = max(most, d.N)
	}
	plotW, plotH := float64(w-left-10), float64(h-bottom-top)
	bar := plotW / float64(len(days))
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" width="100%%" style="max-width:%dpx" role="img" aria-label="Articles per day, %s to %s, at most %d a day">`,
		w, h, w, days[0].Day, days[len(days)-1].Day, most)
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>`, left, top, left, h-bottom)
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>`, left, h-bottom, w-10, h-bottom)
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="11">%d</text>`, left-4, top+8, most)
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="11">0</text>`, left-4, h-bottom)
	fmt.Fprintf(&b, `<text x="12" y="%d" font-size="11" transform="rotate(-90 12 %d)" text-anchor="middle">articles</text>`, top+int(plotH/2), top+int(plotH/2))
	for i, d := range days {
		bh := plotH * float64(d.N) / float64(most)
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#3b6fd4"><title>%s: %d</title></rect>`,
			float64(left)+float64(i)*bar+bar*0.1, float64(h-bottom)-bh, bar*0.8, bh, d.Day, d.N)
	}
	ticks := []int{0, len(days) / 2, len(days) - 1}
	if len(days) < 3 {
		ticks = []int{0, len(days) - 1}
	}
	seen := map[int]bool{}
	for _, i := range ticks {
		if seen[i] {
			continue
		}
		seen[i] = true
		x := float64(left) + float64(i)*bar + bar/2
		anchor := "middle"
		if i == 0 {
			anchor = "start"
			x = float64(left)
		} else if i == len(days)-1 {
			anchor = "end"
			x = float64(w - 10)
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="%s" font-size="11">%s</text>`, x, h-bottom+16, anchor, days[i].Day)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
