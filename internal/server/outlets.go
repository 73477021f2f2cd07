package server

import (
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/parallax-news/parallax/internal/outlets"
	"github.com/parallax-news/parallax/internal/store"
)

// registry keeps the outlet registry file read, reading it again when it
// changes: the user edits the file while the server runs.
type registry struct {
	path    string
	missing bool // the default file, which need not exist

	mu      sync.Mutex
	mod     time.Time
	size    int64
	current *outlets.Registry
	err     error
}

// get returns the registry as the file now is.
func (r *registry) get() (*outlets.Registry, error) {
	if r == nil || r.path == "" {
		return &outlets.Registry{}, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	fi, err := os.Stat(r.path)
	if err != nil && r.missing && os.IsNotExist(err) {
		r.current, r.err, r.mod = &outlets.Registry{}, nil, time.Time{}
		return r.current, nil
	}
	if err == nil && r.current != nil && fi.ModTime().Equal(r.mod) && fi.Size() == r.size {
		return r.current, r.err
	}
	r.current, r.err = outlets.Load(r.path, r.missing)
	if err == nil {
		r.mod, r.size = fi.ModTime(), fi.Size()
	}
	return r.current, r.err
}

// listOutlets: GET /api/outlets — every stored outlet with its counts and
// the registry's name and groups, then the registry's outlets with no
// articles yet.
func (s *Server) listOutlets(w http.ResponseWriter, r *http.Request) {
	reg, err := s.outlets.get()
	if err != nil {
		writeError(w, http.StatusInternalServerError, "", "outlet registry: "+err.Error())
		return
	}
	counts, err := s.st.Outlets(r.Context())
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	rows := reg.Rows(counts)
	groups := reg.Groups()
	if groups == nil {
		groups = []string{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"outlets": rows, "groups": groups})
}

// groupError is a story filter naming a group the registry does not have.
type groupError struct{ error }

// stories lists the stories a query asks for, narrowed by the request's
// outlet-group filters (group, only_group).
func (s *Server) stories(r *http.Request, q store.StoryQuery) ([]store.StorySummary, error) {
	reg, err := s.outlets.get()
	if err != nil {
		return nil, err
	}
	none, err := reg.FilterStories(r.Context(), s.st, &q, r.URL.Query().Get("group"), r.URL.Query().Get("only_group"))
	if err != nil {
		return nil, groupError{err}
	}
	list := []store.StorySummary{}
	if none {
		return list, nil
	}
	found, err := s.st.Stories(r.Context(), q)
	if err != nil {
		return nil, err
	}
	return append(list, found...), nil
}
