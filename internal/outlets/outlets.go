// Package outlets is the registry of outlets the user names: which hosts
// and slugs are one outlet, its display name, the groups the user puts it
// in ("wire", "local", "state-owned", "left" — any labels), its country,
// language and owner. Parallax ships no ratings of its own: the groups
// are the user's.
//
// The registry is one TOML file the user edits (outlets.toml, next to the
// store by default):
//
//	[[outlet]]
//	key = "foxnews.com"          # the outlet as Parallax stores it: a host or a slug
//	aliases = ["fox"]            # other hosts or slugs of the same outlet
//	name = "Fox News"
//	groups = ["cable", "right"]
//	country = "US"
//	language = "en"
//	owner = "Fox Corporation"
package outlets

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Outlet is one outlet as the user describes it.
type Outlet struct {
	Key      string   `toml:"key" json:"key"`
	Aliases  []string `toml:"aliases,omitempty" json:"aliases,omitempty"`
	Name     string   `toml:"name" json:"name"`
	Groups   []string `toml:"groups,omitempty" json:"groups,omitempty"`
	Country  string   `toml:"country,omitempty" json:"country,omitempty"`
	Language string   `toml:"language,omitempty" json:"language,omitempty"`
	Owner    string   `toml:"owner,omitempty" json:"owner,omitempty"`
}

// Registry answers which outlet a stored outlet key is. The zero value is
// an empty registry.
type Registry struct {
	outlets []Outlet
	byKey   map[string]int // normalised key or alias → index in outlets
}

type file struct {
	Outlet []Outlet `toml:"outlet"`
}

// Load reads a registry file. A file that does not exist is an empty
// registry when missingOK (the default location), an error otherwise.
func Load(path string, missingOK bool) (*Registry, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && missingOK {
		return &Registry{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("outlet registry: %w", err)
	}
	return Parse(b, path)
}

// Parse reads a registry from TOML; name labels its errors.
func Parse(data []byte, name string) (*Registry, error) {
	var f file
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		return nil, fmt.Errorf("%s: unknown field %q (an outlet has key, aliases, name, groups, country, language, owner)", name, un[0].String())
	}
	r := &Registry{}
	for i, o := range f.Outlet {
		if err := r.add(o); err != nil {
			return nil, fmt.Errorf("%s: outlet %d: %w", name, i+1, err)
		}
	}
	return r, nil
}

// add puts an outlet in the registry; a key or alias another outlet has
// is an error.
func (r *Registry) add(o Outlet) error {
	o.Key = strings.TrimSpace(o.Key)
	if o.Key == "" {
		return errors.New("no key: give the host or slug the articles are stored under")
	}
	if r.byKey == nil {
		r.byKey = map[string]int{}
	}
	for _, k := range append([]string{o.Key}, o.Aliases...) {
		if j, ok := r.byKey[normal(k)]; ok {
			return fmt.Errorf("%q is already outlet %q", k, r.outlets[j].Key)
		}
	}
	if o.Name == "" {
		o.Name = o.Key
	}
	r.outlets = append(r.outlets, o)
	for _, k := range append([]string{o.Key}, o.Aliases...) {
		r.byKey[normal(k)] = len(r.outlets) - 1
	}
	return nil
}

// normal is the form keys are compared in: lower case, without a
// leading "www.".
func normal(k string) string {
	return strings.TrimPrefix(strings.ToLower(strings.TrimSpace(k)), "www.")
}

// Lookup finds the outlet a stored outlet key belongs to, in any case: by
// its key or an alias, or for a host by the nearest parent domain listed
// ("edition.cnn.com" is "cnn.com").
func (r *Registry) Lookup(key string) (Outlet, bool) {
	if r == nil || len(r.outlets) == 0 {
		return Outlet{}, false
	}
	k := normal(key)
	for {
		if i, ok := r.byKey[k]; ok {
			return r.outlets[i], true
		}
		dot := strings.IndexByte(k, '.')
		if dot < 0 || !strings.Contains(k[dot+1:], ".") {
			return Outlet{}, false
		}
		k = k[dot+1:]
	}
}

// Name is the display name of a stored outlet key: the registry's name,
// else the key itself.
func (r *Registry) Name(key string) string {
	if o, ok := r.Lookup(key); ok {
		return o.Name
	}
	return key
}

// Outlets lists the registry's outlets in file order.
func (r *Registry) Outlets() []Outlet {
	if r == nil {
		return nil
	}
	return slices.Clone(r.outlets)
}

// Groups lists every group any outlet is in, sorted.
func (r *Registry) Groups() []string {
	seen := map[string]bool{}
	for _, o := range r.Outlets() {
		for _, g := range o.Groups {
			seen[g] = true
		}
	}
	out := make([]string, 0, len(seen))
	for g := range seen {
		out = append(out, g)
	}
	sort.Strings(out)
	return out
}

// Merge adds outlets to the registry, replacing the entry of the same key
// (an import of a newer list). It returns how many were added and how
// many replaced.
func (r *Registry) Merge(in []Outlet) (added, replaced int, err error) {
	next := &Registry{}
	incoming := map[string]Outlet{}
	for _, o := range in {
		incoming[normal(o.Key)] = o
	}
	for _, o := range r.Outlets() {
		if n, ok := incoming[normal(o.Key)]; ok {
			o = n
			delete(incoming, normal(o.Key))
			replaced++
		}
		if err := next.add(o); err != nil {
			return 0, 0, err
		}
	}
	for _, o := range in {
		if _, ok := incoming[normal(o.Key)]; !ok {
			continue
		}
		delete(incoming, normal(o.Key))
		if err := next.add(o); err != nil {
			return 0, 0, err
		}
		added++
	}
	*r = *next
	return added, replaced, nil
}

// Write writes the registry as TOML, in the format Parse reads.
func (r *Registry) Write(w io.Writer) error {
	if _, err := io.WriteString(w, "# Parallax outlet registry: one [[outlet]] per outlet (see 'parallax outlets --help').\n\n"); err != nil {
		return err
	}
	return toml.NewEncoder(w).Encode(file{Outlet: r.Outlets()})
}

// InGroup splits stored outlet keys by a group: those of outlets in it,
// and those of outlets the registry puts in other groups only. The two
// lists filter stories covered by the group, and covered by it alone.
func (r *Registry) InGroup(group string, stored []string) (in, others []string) {
	for _, k := range stored {
		o, ok := r.Lookup(k)
		if !ok || len(o.Groups) == 0 {
			continue
		}
		if slices.Contains(o.Groups, group) {
			in = append(in, k)
		} else {
			others = append(others, k)
		}
	}
	return in, others
}

// HasGroup reports whether any outlet is in the group.
func (r *Registry) HasGroup(group string) bool {
	return slices.Contains(r.Groups(), group)
}
