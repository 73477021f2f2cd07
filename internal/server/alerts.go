package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/parallax-news/parallax/internal/alerts"
	"github.com/parallax-news/parallax/internal/store"
)

// alertInput is the body of POST /api/alerts.
type alertInput struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Query     string `json:"q"`
	Outlet    string `json:"outlet"`
	Entity    string `json:"entity"`
	Group     string `json:"group"`
	OnlyGroup string `json:"only_group"`
	Webhook   string `json:"webhook"`
	Secret    string `json:"secret"`
}

// listAlerts: GET /api/alerts (secrets are never shown).
func (s *Server) listAlerts(w http.ResponseWriter, r *http.Request) {
	list, err := s.st.ListAlerts(r.Context())
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if list == nil {
		list = []store.Alert{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"alerts": list})
}

// postAlert: POST /api/alerts — save a search (JSON body).
func (s *Server) postAlert(w http.ResponseWriter, r *http.Request) {
	var in alertInput
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "", "body: want a JSON object with name and filters (q, outlet, entity, group, only_group), webhook, secret: "+err.Error())
		return
	}
	a, err := alerts.New(store.Alert{ID: in.ID, Name: in.Name, Query: in.Query, Outlet: in.Outlet, Entity: in.Entity,
		Group: in.Group, OnlyGroup: in.OnlyGroup, Webhook: in.Webhook, Secret: in.Secret})
	if err != nil {
		writeError(w, http.StatusBadRequest, "", err.Error())
		return
	}
	if err := s.st.SaveAlert(r.Context(), a); err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, a)
}

// deleteAlert: DELETE /api/alerts/{id}.
func (s *Server) deleteAlert(w http.ResponseWriter, r *http.Request) {
	if err := s.st.DeleteAlert(r.Context(), r.PathValue("id")); err != nil {
		s.storeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// feedAlert: GET /feeds/alerts/{id}.atom — the saved search's stories as
// Atom.
func (s *Server) feedAlert(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimSuffix(r.PathValue("file"), ".atom")
	list, err := s.st.ListAlerts(r.Context())
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	for _, a := range list {
		if a.ID != id {
			continue
		}
		v := url.Values{}
		for k, x := range map[string]string{"q": a.Query, "outlet": a.Outlet, "entity": a.Entity, "group": a.Group, "only_group": a.OnlyGroup} {
			if x != "" {
				v.Set(k, x)
			}
		}
		r2 := r.Clone(r.Context())
		r2.URL.RawQuery = v.Encode()
		s.feedStories(w, r2)
		return
	}
	s.storeError(w, r, fmt.Errorf("alert %s: %w", id, store.ErrNotFound))
}
