package server

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/parallax-news/parallax/internal/store"
)

// hub fans story updates out to the clients of /api/events.
type hub struct {
	mu     sync.Mutex
	subs   map[chan store.StorySummary]bool
	closed bool
}

func newHub() *hub { return &hub{subs: map[chan store.StorySummary]bool{}} }

func (h *hub) subscribe() chan store.StorySummary {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := make(chan store.StorySummary, 64)
	if h.closed {
		close(c)
		return c
	}
	h.subs[c] = true
	return c
}

func (h *hub) unsubscribe(c chan store.StorySummary) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs[c] {
		delete(h.subs, c)
		close(c)
	}
}

// publish sends an update to every client; a client too slow to keep up
// misses it rather than holding the others back.
func (h *hub) publish(s store.StorySummary) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.subs {
		select {
		case c <- s:
		default:
		}
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.subs {
		close(c)
		delete(h.subs, c)
	}
}

// streamEvents: GET /api/events — one "story" event (JSON summary) per new
// or updated story, and a comment every 25 s to keep proxies from closing
// the stream.
func (s *Server) streamEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		writeError(w, http.StatusInternalServerError, "", "streaming is not supported here")
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Connection", "keep-alive")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": connected\n\n")
	fl.Flush()
	c := s.events.subscribe()
	defer s.events.unsubscribe(c)
	tick := time.NewTicker(25 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		case st, ok := <-c:
			if !ok {
				return
			}
			b, _ := json.Marshal(st)
			fmt.Fprintf(w, "event: story\nid: %s\ndata: %s\n\n", st.ID, b)
		}
		fl.Flush()
	}
}

// listen opens the TCP listener.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w (is another server using it? choose one with --addr)", addr, err)
	}
	return ln, nil
}
