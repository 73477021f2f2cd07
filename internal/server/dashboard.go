package server

import (
	"encoding/csv"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/outlets"
	"github.com/parallax-news/parallax/internal/store"
)

// The dashboard looks at the collection as a whole: articles and stories
// per day by outlet group (or by outlet when the registry has no groups),
// and the people, organisations and places most stories name.

// dashboardDays is how many days the dashboard shows by default: the
// latest days with articles.
const dashboardDays = 30

// maxSeries is how many series a chart draws; the rest are summed as
// "others".
const maxSeries = 6

// series is one line of the chart: a group's or outlet's counts per day.
type series struct {
	Name     string
	Articles []int // per day of the dashboard's days
	Stories  []int
	Total    int
}

// dashboard is what the page and its CSV show.
type dashboard struct {
	By     string // group or outlet
	Since  string
	Days   []string
	Series []series
}

// buildDashboard counts articles and stories per day and series from the
// store, since a day (the latest dashboardDays days with articles when
// since is "").
func (s *Server) buildDashboard(r *http.Request) (*dashboard, error) {
	v := r.URL.Query()
	reg, err := s.outlets.get()
	if err != nil {
		return nil, err
	}
	by := v.Get("by")
	if by == "" {
		by = "group"
		if len(reg.Groups()) == 0 {
			by = "outlet"
		}
	}
	if by != "group" && by != "outlet" {
		return nil, groupError{fmt.Errorf("by: want group or outlet, got %q", by)}
	}
	since := v.Get("since")
	if since != "" {
		if _, err := time.Parse("2006-01-02", since); err != nil {
			return nil, groupError{fmt.Errorf("since: want a date (2025-12-01), got %q", since)}
		}
	}
	counts, err := s.st.PerDay(r.Context(), since)
	if err != nil {
		return nil, err
	}
	d := &dashboard{By: by, Since: since}
	if len(counts) == 0 {
		return d, nil
	}
	last, _ := time.Parse("2006-01-02", counts[len(counts)-1].Day)
	first, _ := time.Parse("2006-01-02", counts[0].Day)
	if since == "" && last.Sub(first) > (dashboardDays-1)*24*time.Hour {
		first = last.AddDate(0, 0, -(dashboardDays - 1))
	}
	index := map[string]int{}
	for t := first; !t.After(last); t = t.AddDate(0, 0, 1) {
		index[t.Format("2006-01-02")] = len(d.Days)
		d.Days = append(d.Days, t.Format("2006-01-02"))
	}
	d.Since = d.Days[0]
	byName := map[string]*series{}
	add := func(name string, day int, c store.DayCount) {
		sr := byName[name]
		if sr == nil {
			sr = &series{Name: name, Articles: make([]int, len(d.Days)), Stories: make([]int, len(d.Days))}
			byName[name] = sr
		}
		sr.Articles[day] += c.Articles
		sr.Stories[day] += c.Stories
		sr.Total += c.Articles
	}
	for _, c := range counts {
		day, ok := index[c.Day]
		if !ok {
			continue
		}
		for _, name := range seriesOf(reg, by, c.Outlet) {
			add(name, day, c)
		}
	}
	for _, sr := range byName {
		d.Series = append(d.Series, *sr)
	}
	sort.Slice(d.Series, func(i, j int) bool {
		a, b := d.Series[i], d.Series[j]
		return a.Total > b.Total || a.Total == b.Total && a.Name < b.Name
	})
	if len(d.Series) > maxSeries {
		others := series{Name: "others", Articles: make([]int, len(d.Days)), Stories: make([]int, len(d.Days))}
		for _, sr := range d.Series[maxSeries-1:] {
			for i := range d.Days {
				others.Articles[i] += sr.Articles[i]
				others.Stories[i] += sr.Stories[i]
			}
			others.Total += sr.Total
		}
		d.Series = append(d.Series[:maxSeries-1], others)
	}
	return d, nil
}

// seriesOf names the series an outlet's articles count in: its display
// name, or each of its groups (an outlet in two groups counts in both).
func seriesOf(reg *outlets.Registry, by, outlet string) []string {
	if by == "outlet" {
		return []string{reg.Name(outlet)}
	}
	if o, ok := reg.Lookup(outlet); ok && len(o.Groups) > 0 {
		return o.Groups
	}
	return []string{outlets.Ungrouped}
}

// pageDashboard: GET /dashboard — the collection at a glance.
func (s *Server) pageDashboard(w http.ResponseWriter, r *http.Request) {
	d, err := s.buildDashboard(r)
	if bad, ok := err.(groupError); ok {
		http.Error(w, bad.Error(), http.StatusBadRequest)
		return
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	trends, err := s.entityTrends(r, d)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	kinds := map[string][]entityTrend{}
	for _, e := range trends {
		kinds[e.Type] = append(kinds[e.Type], e)
	}
	s.renderPage(w, r, "dashboard.html", map[string]any{"D": d, "Chart": lineChart(d), "People": kinds["PER"],
		"Orgs": kinds["ORG"], "Places": kinds["LOC"], "Trends": trends, "Query": r.URL.RawQuery})
}

// topPerKind is how many people, organisations and places the
// dashboard follows.
const topPerKind = 10

// entityTrend is a top entity with its articles per day of the
// dashboard's days: the articles of the stories naming it.
type entityTrend struct {
	store.EntityHit
	PerDay   []int
	Articles int
	Trend    template.HTML
}

// entityTrends follows the people, organisations and places most
// stories name over the dashboard's days, the most named first.
func (s *Server) entityTrends(r *http.Request, d *dashboard) ([]entityTrend, error) {
	top, err := s.st.Entities(r.Context(), "", 300)
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	for i, day := range d.Days {
		index[day] = i
	}
	taken := map[string]int{}
	var out []entityTrend
	for _, e := range top {
		if taken[e.Type] >= topPerKind {
			continue
		}
		taken[e.Type]++
		stories, err := s.st.EntityStories(r.Context(), e.Name)
		if err != nil {
			return nil, err
		}
		t := entityTrend{EntityHit: e, PerDay: make([]int, len(d.Days))}
		for _, st := range stories {
			for _, at := range parseTimes(st.Times) {
				if i, ok := index[at.UTC().Format("2006-01-02")]; ok {
					t.PerDay[i]++
					t.Articles++
				}
			}
		}
		if len(d.Days) > 0 {
			t.Trend = drawSpark(t.PerDay, d.Days[0], d.Days[len(d.Days)-1], "per day")
		}
		out = append(out, t)
	}
	return out, nil
}

// entitiesCSV: GET /dashboard/entities.csv — the trends' data: one row
// per day and entity.
func (s *Server) entitiesCSV(w http.ResponseWriter, r *http.Request) {
	d, ok := s.dashboardForCSV(w, r)
	if !ok {
		return
	}
	trends, err := s.entityTrends(r, d)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	writeCSV(w, "parallax-entities-per-day.csv", func(out io.Writer) error {
		cw := csv.NewWriter(out)
		cw.Write([]string{"day", "entity", "type", "articles"})
		for i, day := range d.Days {
			for _, t := range trends {
				cw.Write([]string{day, t.Name, t.Type, strconv.Itoa(t.PerDay[i])})
			}
		}
		cw.Flush()
		return cw.Error()
	})
}

// dashboardForCSV builds the dashboard a CSV download shows, or answers
// with the error (JSON, as the API's) and reports false.
func (s *Server) dashboardForCSV(w http.ResponseWriter, r *http.Request) (*dashboard, bool) {
	d, err := s.buildDashboard(r)
	if bad, ok := err.(groupError); ok {
		writeError(w, http.StatusBadRequest, "", bad.Error())
		return nil, false
	}
	if err != nil {
		s.storeError(w, r, err)
		return nil, false
	}
	return d, true
}

// dashboardCSV: GET /dashboard.csv — the chart's data: one row per day
// and series.
func (s *Server) dashboardCSV(w http.ResponseWriter, r *http.Request) {
	d, ok := s.dashboardForCSV(w, r)
	if !ok {
		return
	}
	writeCSV(w, "parallax-per-day.csv", func(out io.Writer) error {
		cw := csv.NewWriter(out)
		cw.Write([]string{"day", d.By, "articles", "stories"})
		for i, day := range d.Days {
			for _, sr := range d.Series {
				cw.Write([]string{day, sr.Name, strconv.Itoa(sr.Articles[i]), strconv.Itoa(sr.Stories[i])})
			}
		}
		cw.Flush()
		return cw.Error()
	})
}

// seriesColours are the chart's line colours, told apart without red and
// green alone.
var seriesColours = []string{"#3b6fd4", "#d4813b", "#8a3bd4", "#1b6e20", "#c0392b", "#555555"}

// lineChart draws articles per day, one line per series, as SVG with
// labelled axes (days on x: first, middle, last; articles on y: 0 and the
// most) and a legend.
func lineChart(d *dashboard) template.HTML {
	if len(d.Days) == 0 {
		return template.HTML(`<p class="meta">No dated articles yet.</p>`)
	}
	const w, h, left, right, bottom, top = 720, 220, 44, 150, 30, 10
	most := 1
	for _, sr := range d.Series {
		for _, n := range sr.Articles {
			most = max(most, n)
		}
	}
	plotW, plotH := float64(w-left-right), float64(h-bottom-top)
	x := func(i int) float64 {
		if len(d.Days) == 1 {
			return float64(left) + plotW/2
		}
		return float64(left) + plotW*float64(i)/float64(len(d.Days)-1)
	}
	y := func(n int) float64 { return float64(h-bottom) - plotH*float64(n)/float64(most) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" width="100%%" style="max-width:%dpx" role="img" aria-label="Articles per day by %s, %s to %s">`,
		w, h, w, d.By, d.Days[0], d.Days[len(d.Days)-1])
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/><line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>`,
		left, top, left, h-bottom, left, h-bottom, w-right, h-bottom)
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="11">%d</text><text x="%d" y="%d" text-anchor="end" font-size="11">0</text>`,
		left-4, top+8, most, left-4, h-bottom)
	fmt.Fprintf(&b, `<text x="12" y="%d" font-size="11" transform="rotate(-90 12 %d)" text-anchor="middle">articles</text>`, top+int(plotH/2), top+int(plotH/2))
	for _, i := range uniqueTicks(len(d.Days)) {
		anchor := "middle"
		if i == 0 {
			anchor = "start"
		} else if i == len(d.Days)-1 {
			anchor = "end"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="%s" font-size="11">%s</text>`, x(i), h-bottom+16, anchor, d.Days[i])
	}
	for k, sr := range d.Series {
		colour := seriesColours[k%len(seriesColours)]
		var pts []string
		for i, n := range sr.Articles {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(n)))
		}
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"><title>%s</title></polyline>`, colour, strings.Join(pts, " "), template.HTMLEscapeString(sr.Name))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d" font-size="11">%s (%d)</text>`,
			w-right+10, top+k*16, colour, w-right+24, top+k*16+9, template.HTMLEscapeString(sr.Name), sr.Total)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// uniqueTicks are the x-axis ticks of n days: the first, the middle and
// the last, each once.
func uniqueTicks(n int) []int {
	var out []int
	for _, i := range []int{0, (n - 1) / 2, n - 1} {
		if len(out) == 0 || out[len(out)-1] != i {
			out = append(out, i)
		}
	}
	return out
}
