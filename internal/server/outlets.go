package server

import (
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/parallax-news/parallax/internal/outlets"
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
