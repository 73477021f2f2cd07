package ingest

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"sync"
	"syscall"
)

// specialUse are the address blocks that are not the public internet
// (the IANA special-purpose registries, RFC 6890 and its updates):
// fetching them would reach the machine itself, its network, or
// addresses nobody should be routed to.
var specialUse = prefixes(
	// IPv4
	"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
	"192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.168.0.0/16",
	"192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
	"255.255.255.255/32",
	// IPv6
	"::/128", "::1/128", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "2002::/16",
	"3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
)

func prefixes(ps ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ps))
	for i, p := range ps {
		out[i] = netip.MustParsePrefix(p)
	}
	return out
}

// publicAddr reports whether ip is on the public internet. IPv4 written in
// IPv6 (mapped, NAT64, 6to4 and Teredo forms) is judged by its IPv4
// address.
func publicAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	if ip.Is6() {
		b := ip.As16()
		switch {
		case netip.MustParsePrefix("64:ff9b::/96").Contains(ip): // NAT64
			return publicAddr(netip.AddrFrom4([4]byte(b[12:16])))
		case netip.MustParsePrefix("::/96").Contains(ip): // IPv4-compatible
			return false
		}
	}
	for _, p := range specialUse {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// refusePrivate runs after DNS resolution, so a public name that resolves
// to a private address is refused too.
func refusePrivate(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !publicAddr(ip) {
		return ErrPrivateAddress
	}
	return nil
}

// proxyGuard picks the proxy for a request and, when one is used, checks
// the destination itself: the connection then goes to the proxy, so the
// dialler's check would see only the proxy's address.
type proxyGuard struct {
	pick     func(*http.Request) (*url.URL, error)
	resolver *net.Resolver
	proxies  sync.Map // host:port of the proxies picked: dialled unchecked
}

func (g *proxyGuard) proxy(req *http.Request) (*url.URL, error) {
	u, err := g.pick(req)
	if err != nil || u == nil {
		return u, err
	}
	if err := g.checkHost(req.Context(), req.URL.Hostname()); err != nil {
		return nil, err
	}
	g.proxies.Store(proxyHostPort(u), true)
	return u, nil
}

// checkHost refuses a host any of whose addresses is not public.
func (g *proxyGuard) checkHost(ctx context.Context, host string) error {
	if ip, err := netip.ParseAddr(host); err == nil {
		if !publicAddr(ip) {
			return ErrPrivateAddress
		}
		return nil
	}
	addrs, err := g.resolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return err
	}
	for _, a := range addrs {
		if !publicAddr(a) {
			return ErrPrivateAddress
		}
	}
	return nil
}

func proxyHostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"https": "443", "socks5": "1080"}[u.Scheme]
		if port == "" {
			port = "80"
		}
	}
	return net.JoinHostPort(u.Hostname(), port)
}

// isProxy reports whether addr is a proxy the guard picked (the user's
// own configuration, which may well be on a private address).
func (g *proxyGuard) isProxy(addr string) bool {
	_, ok := g.proxies.Load(addr)
	return ok
}
