package server

import (
	"net/http"
	"net/url"
	"sort"
	"time"

	"github.com/parallax-news/parallax/internal/outlets"
	"github.com/parallax-news/parallax/internal/store"
)

// facet is one value a search can be narrowed to, with how many of the
// stories found have it and the link that narrows to it.
type facet struct {
	Value string
	N     int
	Link  string
}

// facetLimit bounds the stories counted for a group facet.
const facetLimit = 1000

// addFacets gives the stories page what narrows its search: the outlet
// and entity pickers' choices, the stories each outlet group has among
// the results, and the people, organisations and places they name most.
func (s *Server) addFacets(r *http.Request, q store.StoryQuery, found []store.StorySummary, data map[string]any) {
	ctx := r.Context()
	reg, err := s.outlets.get()
	if err != nil {
		reg = &outlets.Registry{}
	}
	data["Groups"] = reg.Groups()
	if counts, err := s.st.Outlets(ctx); err == nil {
		data["Outlets"] = reg.Rows(counts)
	}
	if top, err := s.st.Entities(ctx, "", 200); err == nil {
		data["Entities"] = top
	}
	v := r.URL.Query()
	narrow := func(key, value string) string {
		w := searchOf(v)
		w.Set(key, value)
		return "/?" + w.Encode()
	}
	if v.Get("group") == "" && v.Get("only_group") == "" {
		var groups []facet
		for _, g := range reg.Groups() {
			gq := q
			gq.Limit, gq.Offset, gq.After = facetLimit, 0, nil
			none, err := reg.FilterStories(ctx, s.st, &gq, g, "")
			if err != nil || none {
				continue
			}
			if list, err := s.st.Stories(ctx, gq); err == nil && len(list) > 0 {
				groups = append(groups, facet{Value: g, N: len(list), Link: narrow("group", g)})
			}
		}
		data["GroupFacets"] = groups
	}
	if v.Get("outlet") == "" {
		if counts, err := s.st.Outlets(ctx); err == nil {
			var outs []facet
			for i, c := range counts {
				if i == maxOutletFacets {
					break
				}
				oq := q
				oq.Outlet, oq.Limit, oq.Offset, oq.After = c.Outlet, facetLimit, 0, nil
				if list, err := s.st.Stories(ctx, oq); err == nil && len(list) > 0 {
					outs = append(outs, facet{Value: reg.Name(c.Outlet), N: len(list), Link: narrow("outlet", c.Outlet)})
				}
			}
			data["OutletFacets"] = outs
		}
	}
	if v.Get("entity") == "" && v.Get("place") == "" {
		top, _ := data["Entities"].([]store.EntityHit)
		data["EntityFacets"] = entityFacets(top, found, func(e string) string { return narrow("entity", e) })
		data["PlaceFacets"] = s.placeFacets(r, q, top, func(e string) string { return narrow("place", e) })
	}
	if v.Get("since") == "" && v.Get("until") == "" {
		months := map[string]int{}
		for _, st := range found {
			if len(st.Last) >= 7 {
				months[st.Last[:7]]++
			}
		}
		var ds []facet
		for m, n := range months {
			ds = append(ds, facet{Value: m, N: n, Link: narrowMonth(v, m)})
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i].Value > ds[j].Value })
		data["MonthFacets"] = ds
	}
}

// entityFacets counts the people and organisations the found stories
// name among their main participants.
func entityFacets(top []store.EntityHit, found []store.StorySummary, link func(string) string) []facet {
	place := map[string]bool{}
	for _, e := range top {
		place[e.Name] = e.Type == "LOC"
	}
	n := map[string]int{}
	for _, st := range found {
		for _, e := range st.Entities {
			if !place[e] {
				n[e]++
			}
		}
	}
	return topFacets(n, link)
}

// maxPlaceFacets is how many places, the most named in the collection
// first, the place facet counts.
const maxPlaceFacets = 12

// placeFacets counts the stories found that name each of the places the
// collection names most. Places are rarely among a story's main
// participants, so they are counted by the store, not from the list.
func (s *Server) placeFacets(r *http.Request, q store.StoryQuery, top []store.EntityHit, link func(string) string) []facet {
	var out []facet
	for _, e := range top {
		if e.Type != "LOC" {
			continue
		}
		if len(out) == maxPlaceFacets {
			break
		}
		pq := q
		pq.Entity, pq.Limit, pq.Offset, pq.After = e.Name, facetLimit, 0, nil
		if list, err := s.st.Stories(r.Context(), pq); err == nil && len(list) > 0 {
			out = append(out, facet{Value: e.Name, N: len(list), Link: link(e.Name)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].N > out[j].N })
	return out
}

// maxOutletFacets is how many outlets, the largest first, the outlet
// facet counts.
const maxOutletFacets = 8

// topFacets orders counted values, the most frequent first, and keeps
// a dozen.
func topFacets(n map[string]int, link func(string) string) []facet {
	var out []facet
	for x, c := range n {
		out = append(out, facet{Value: x, N: c, Link: link(x)})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].N > out[j].N || out[i].N == out[j].N && out[i].Value < out[j].Value
	})
	if len(out) > 12 {
		out = out[:12]
	}
	return out
}

// narrowMonth links the search to the stories active in one month
// (YYYY-MM).
func narrowMonth(v url.Values, month string) string {
	w := searchOf(v)
	first, err := time.Parse("2006-01", month)
	if err != nil {
		return "/?" + w.Encode()
	}
	w.Set("since", first.Format("2006-01-02"))
	w.Set("until", first.AddDate(0, 1, -1).Format("2006-01-02"))
	return "/?" + w.Encode()
}

// searchOf is a search's filters without its place in the listing
// (cursor, offset): what a facet narrows from the first page.
func searchOf(v url.Values) url.Values {
	w := url.Values{}
	for k, xs := range v {
		if k != "cursor" && k != "offset" {
			w[k] = xs
		}
	}
	return w
}
