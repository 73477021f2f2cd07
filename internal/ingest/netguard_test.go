package ingest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
)

func TestSpecialUseAddressesAreRefused(t *testing.T) {
	for _, tc := range []struct {
		addr   string
		public bool
	}{
		{"8.8.8.8", true}, {"93.184.216.34", true}, {"2606:4700::1111", true}, {"2a00:1450:4001::1", true},
		{"127.0.0.1", false}, {"10.1.2.3", false}, {"172.20.0.1", false}, {"192.168.1.1", false}, {"169.254.169.254", false},
		{"0.0.0.0", false}, {"100.64.0.1", false}, {"100.127.255.254", false}, {"198.18.0.1", false}, {"198.19.255.1", false},
		{"192.0.0.8", false}, {"192.0.2.1", false}, {"198.51.100.7", false}, {"203.0.113.9", false}, {"224.0.0.251", false},
		{"240.0.0.1", false}, {"255.255.255.255", false},
		{"::1", false}, {"::", false}, {"fe80::1", false}, {"fec0::1", false}, {"fc00::1", false}, {"fd12:3456::1", false},
		{"ff02::1", false}, {"2001:db8::1", false}, {"2001::1", false}, {"2002:7f00:1::", false}, {"100::1", false},
		{"::ffff:127.0.0.1", false}, {"::ffff:8.8.8.8", true}, {"64:ff9b::7f00:1", false}, {"64:ff9b::808:808", true},
		{"::127.0.0.1", false},
	} {
		if got := publicAddr(netip.MustParseAddr(tc.addr)); got != tc.public {
			t.Errorf("%s: public = %v, want %v", tc.addr, got, tc.public)
		}
	}
}

// Behind a proxy the dialler only sees the proxy: the destination must be
// checked before the proxy is asked to fetch it.
func TestProxiedFetchChecksTheDestination(t *testing.T) {
	var mu sync.Mutex
	var asked []string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.String())
		mu.Unlock()
		if strings.HasSuffix(r.URL.Path, "/robots.txt") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<p>A page fetched through the proxy, long enough to read.</p>"))
	}))
	defer proxy.Close()
	pu, _ := url.Parse(proxy.URL)
	f := NewFetcher(FetchOptions{Proxy: http.ProxyURL(pu)})
	ctx := context.Background()
	for _, dest := range []string{"http://100.64.1.2/page", "http://198.18.0.5/page", "http://[fec0::1]/page", "http://127.0.0.1:9/page", "http://localhost/page"} {
		if _, err := f.Get(ctx, dest, nil); !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("%s through a proxy: err = %v, want ErrPrivateAddress", dest, err)
		}
	}
	mu.Lock()
	if len(asked) > 0 {
		t.Errorf("the proxy was asked for %v", asked)
	}
	mu.Unlock()
	// A public destination goes through the proxy (itself on loopback:
	// the user's own configuration).
	resp, err := f.Get(ctx, "http://93.184.216.34/page", nil)
	if err != nil || !strings.Contains(string(resp.Body), "through the proxy") {
		t.Errorf("public destination through the proxy: %v", err)
	}
}
