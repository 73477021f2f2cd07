package outlets

import (
	"context"
	"fmt"

	"github.com/parallax-news/parallax/internal/store"
)

// OutletLister lists the stored outlets (store.Store does).
type OutletLister interface {
	Outlets(ctx context.Context) ([]store.OutletCount, error)
}

// FilterStories narrows a story query to the stories a group covers
// (group), or that only one group covers (only: an outlet of it and none
// of another group's). It reports none when no stored outlet is in the
// group, so that the caller lists nothing rather than everything; an
// unknown group is an error naming the groups there are.
func (r *Registry) FilterStories(ctx context.Context, st OutletLister, q *store.StoryQuery, group, only string) (none bool, err error) {
	if group == "" && only == "" {
		return false, nil
	}
	stored, err := st.Outlets(ctx)
	if err != nil {
		return false, err
	}
	keys := make([]string, len(stored))
	for i, o := range stored {
		keys[i] = o.Outlet
	}
	for _, g := range []string{group, only} {
		if g != "" && !r.HasGroup(g) {
			return false, fmt.Errorf("no outlet of the registry is in group %q (groups: %v)", g, r.Groups())
		}
	}
	if group != "" {
		in, _ := r.InGroup(group, keys)
		if len(in) == 0 {
			return true, nil
		}
		q.AnyOutlet = in
	}
	if only != "" {
		in, others := r.InGroup(only, keys)
		if len(in) == 0 {
			return true, nil
		}
		if len(q.AnyOutlet) == 0 {
			q.AnyOutlet = in
		} else {
			q.AnyOutlet = intersect(q.AnyOutlet, in)
			if len(q.AnyOutlet) == 0 {
				return true, nil
			}
		}
		q.NoOutlet = others
	}
	return false, nil
}

func intersect(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if in[x] {
			out = append(out, x)
		}
	}
	return out
}

// Row is one outlet as 'parallax outlets list' and GET /api/outlets show
// it: what the store holds of it and what the registry says.
type Row struct {
	store.OutletCount
	Outlet
	Registered bool `json:"registered"`
}

// Rows joins the stored outlets' counts with the registry: every stored
// outlet in the store's order, then the registry's outlets with no
// articles yet.
func (r *Registry) Rows(counts []store.OutletCount) []Row {
	rows := []Row{}
	seen := map[string]bool{}
	for _, c := range counts {
		o, ok := r.Lookup(c.Outlet)
		seen[o.Key] = seen[o.Key] || ok
		rows = append(rows, Row{OutletCount: c, Outlet: o, Registered: ok})
	}
	for _, o := range r.Outlets() {
		if !seen[o.Key] {
			rows = append(rows, Row{OutletCount: store.OutletCount{Outlet: o.Key}, Outlet: o, Registered: true})
		}
	}
	return rows
}
