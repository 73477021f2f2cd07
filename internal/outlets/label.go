package outlets

import (
	"sort"

	"github.com/parallax-news/parallax/internal/compare"
)

// Ungrouped names the coverage of outlets the registry gives no group.
const Ungrouped = "(no group)"

// Label adds the registry to a report for showing: each article's outlet
// name and groups, and the story's coverage by group (every group of the
// registry, covered or not, then the outlets in none). Keys stay as they
// are: JSON readers match outlets by key.
func (r *Registry) Label(rep *compare.Report) {
	if r == nil || len(r.outlets) == 0 {
		return
	}
	covered := map[string]map[string]bool{}
	articles := map[string]int{}
	for i := range rep.Articles {
		a := &rep.Articles[i]
		o, ok := r.Lookup(a.Outlet)
		groups := []string{Ungrouped}
		if ok {
			a.OutletName, a.Groups = o.Name, o.Groups
			if len(o.Groups) > 0 {
				groups = o.Groups
			}
		}
		for _, g := range groups {
			if covered[g] == nil {
				covered[g] = map[string]bool{}
			}
			covered[g][r.Name(a.Outlet)] = true
			articles[g]++
		}
	}
	rep.Coverage = nil
	for _, g := range append(r.Groups(), Ungrouped) {
		if g == Ungrouped && covered[g] == nil {
			continue
		}
		c := compare.GroupCoverage{Group: g, Outlets: []string{}, Articles: articles[g]}
		for name := range covered[g] {
			c.Outlets = append(c.Outlets, name)
		}
		sort.Strings(c.Outlets)
		rep.Coverage = append(rep.Coverage, c)
	}
}

// OneGroup reports whether every outlet of a story that the registry
// groups is in one group, and names it: a story "covered by only one
// group" (a blind spot of the others). Stories with no grouped outlet
// are not.
func (r *Registry) OneGroup(outlets []string) (string, bool) {
	var common map[string]bool
	for _, k := range outlets {
		o, ok := r.Lookup(k)
		if !ok || len(o.Groups) == 0 {
			continue
		}
		in := map[string]bool{}
		for _, g := range o.Groups {
			if common == nil || common[g] {
				in[g] = true
			}
		}
		common = in
	}
	if len(common) != 1 {
		return "", false
	}
	for g := range common {
		return g, true
	}
	return "", false
}

// ShowNames puts the registry's display names in place of outlet keys
// throughout a report, for reading it (text, Markdown, HTML). JSON output
// keeps the keys.
func (r *Registry) ShowNames(rep *compare.Report) {
	if r == nil || len(r.outlets) == 0 {
		return
	}
	n := r.Name
	names := func(ks []string) {
		for i := range ks {
			ks[i] = n(ks[i])
		}
	}
	for i := range rep.Articles {
		rep.Articles[i].Outlet = n(rep.Articles[i].Outlet)
	}
	if w := rep.Event.Where; w != nil {
		for i := range w.ByOutlet {
			w.ByOutlet[i].Outlet = n(w.ByOutlet[i].Outlet)
		}
	}
	for i := range rep.Event.Participants {
		names(rep.Event.Participants[i].Outlets)
	}
	for i := range rep.SharedFacts {
		names(rep.SharedFacts[i].Outlets)
	}
	for i := range rep.Conflicts {
		for j := range rep.Conflicts[i].Values {
			rep.Conflicts[i].Values[j].Outlet = n(rep.Conflicts[i].Values[j].Outlet)
		}
	}
	for i := range rep.Unique {
		rep.Unique[i].Outlet = n(rep.Unique[i].Outlet)
	}
	for i := range rep.Quotes {
		for j := range rep.Quotes[i].Wordings {
			rep.Quotes[i].Wordings[j].Outlet = n(rep.Quotes[i].Wordings[j].Outlet)
		}
	}
	for i := range rep.Timeline {
		names(rep.Timeline[i].Outlets)
	}
	for i := range rep.Updates {
		rep.Updates[i].Outlet = n(rep.Updates[i].Outlet)
	}
	renameChain(rep.Attribution, n)
}

func renameChain(nodes []compare.ChainNode, n func(string) string) {
	for i := range nodes {
		if nodes[i].Kind == "outlet" {
			nodes[i].Name = n(nodes[i].Name)
		}
		renameChain(nodes[i].Children, n)
	}
}
