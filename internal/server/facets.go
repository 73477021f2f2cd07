package server

import (
	"net/http"
	"net/url"
	"sort"

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
		w := url.Values{}
		for k, xs := range v {
			if k != "cursor" && k != "offset" {
				w[k] = xs
			}
		}
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
	if v.Get("entity") == "" {
		n := map[string]int{}
		for _, st := range found {
			for _, e := range st.Entities {
				n[e]++
			}
		}
		var ents []facet
		for e, c := range n {
			ents = append(ents, facet{Value: e, N: c, Link: narrow("entity", e)})
		}
		sort.Slice(ents, func(i, j int) bool {
			return ents[i].N > ents[j].N || ents[i].N == ents[j].N && ents[i].Value < ents[j].Value
		})
		if len(ents) > 12 {
			ents = ents[:12]
		}
		data["EntityFacets"] = ents
	}
}
