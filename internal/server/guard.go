package server

import (
	"crypto/subtle"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// guard checks every request before it reaches a handler:
//   - the Host header must name this server (a loopback name or address,
//     an address it listens on, or a name given with Options.Hosts): a
//     page on another site whose name an attacker points at 127.0.0.1 (DNS
//     rebinding) is refused, for reads as for writes;
//   - a write (any method but GET and HEAD) from a browser page on another
//     origin is refused (the Origin and Sec-Fetch-Site headers);
//   - a write needs the bearer token when one is set, and when none is,
//     it must come from this machine (a loopback connection).
func (s *Server) guard(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hostAllowed(r) {
			s.refuse(w, r, http.StatusMisdirectedRequest, "the Host header "+r.Host+" does not name this server; if it is this server's public name, start it with --host "+hostOnly(r.Host))
			return
		}
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			h.ServeHTTP(w, r)
			return
		}
		if crossSite(r) {
			s.refuse(w, r, http.StatusForbidden, "cross-site write refused: a page on another site may not write to this server")
			return
		}
		if s.opt.Token != "" {
			got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.opt.Token)) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="parallax"`)
				writeError(w, http.StatusUnauthorized, "", "writes need the header Authorization: Bearer <token> (the server's --token or PARALLAX_TOKEN)")
				return
			}
		} else if !fromLoopback(r) {
			s.refuse(w, r, http.StatusForbidden, "writes from other machines need a token: start the server with --token (or PARALLAX_TOKEN) and send Authorization: Bearer <token>")
			return
		}
		h.ServeHTTP(w, r)
	})
}

func (s *Server) refuse(w http.ResponseWriter, r *http.Request, code int, msg string) {
	s.opt.Log.Printf("%s %s from %s: refused: %s", r.Method, r.URL.Path, r.RemoteAddr, msg)
	writeError(w, code, "", msg)
}

// hostAllowed reports whether the request's Host names this server.
func (s *Server) hostAllowed(r *http.Request) bool {
	host := hostOnly(r.Host)
	if host == "" {
		return true // HTTP/1.0 without Host: nothing to rebind
	}
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	for _, h := range s.opt.Hosts {
		if strings.EqualFold(host, h) {
			return true
		}
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false // a name nobody configured
	}
	if ip.IsLoopback() {
		return true
	}
	// An address of this server: the one the connection came in on.
	if la, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if tcp, ok := la.(*net.TCPAddr); ok && tcp.IP.Equal(ip) {
			return true
		}
	}
	return false
}

// hostOnly strips the port from a Host header value.
func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return strings.Trim(h, "[]")
	}
	return strings.Trim(hostport, "[]")
}

// crossSite reports whether a browser sent the request from a page of
// another origin. Browsers send Origin with every cross-origin write and
// Sec-Fetch-Site with every request; other clients send neither.
func crossSite(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "cross-site", "same-site":
		return true
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return false
	}
	u, err := url.Parse(origin)
	if err != nil || origin == "null" {
		return true
	}
	return !strings.EqualFold(u.Host, r.Host)
}

// fromLoopback reports whether the connection came in on a loopback
// address: the client is on this machine.
func fromLoopback(r *http.Request) bool {
	la, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return false
	}
	tcp, ok := la.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}
