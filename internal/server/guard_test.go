package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/ingest"
)

func TestCrossSiteAndRebindingAreRefused(t *testing.T) {
	ts, srv := testServer(t, Options{})
	body := seed(t, "004_9db2e0d9894f95f3.txt")
	send := func(header map[string]string, host string) int {
		req, _ := http.NewRequest("POST", ts.URL+"/api/articles", strings.NewReader(body))
		req.Header.Set("Content-Type", "text/plain")
		for k, v := range header {
			req.Header.Set(k, v)
		}
		if host != "" {
			req.Host = host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	u, _ := url.Parse(ts.URL)
	for _, tc := range []struct {
		name   string
		header map[string]string
		host   string
		want   int
	}{
		{"page of another site", map[string]string{"Origin": "https://evil.example"}, "", 403},
		{"opaque origin", map[string]string{"Origin": "null"}, "", 403},
		{"fetch metadata", map[string]string{"Sec-Fetch-Site": "cross-site"}, "", 403},
		{"rebound name", nil, "attacker.example:" + u.Port(), 421},
		{"rebound name, same origin", map[string]string{"Origin": "http://attacker.example:" + u.Port()}, "attacker.example:" + u.Port(), 421},
		{"same origin page", map[string]string{"Origin": ts.URL, "Sec-Fetch-Site": "same-origin"}, "", 200},
		{"localhost by name", nil, "localhost:" + u.Port(), 200},
	} {
		if got := send(tc.header, tc.host); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
	// Reads with a rebound name are refused too: the page would read the store.
	req, _ := http.NewRequest("GET", ts.URL+"/api/stories", nil)
	req.Host = "attacker.example"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 421 {
		t.Errorf("read with a rebound Host: %d", resp.StatusCode)
	}
	if n, _ := srv.st.CountArticles(context.Background()); n != 1 {
		t.Errorf("%d articles stored, want only the same-origin one", n)
	}
}

// Without a token, a client on another machine may read but not write.
func TestWritesFromOtherMachinesNeedAToken(t *testing.T) {
	_, srv := testServer(t, Options{Hosts: []string{"news.example"}})
	h := srv.Handler()
	do := func(method string) int {
		req := httptest.NewRequest(method, "http://news.example/api/articles", strings.NewReader("Title\n\nSome text of an article."))
		if method == "GET" {
			req = httptest.NewRequest(method, "http://news.example/api/stories", nil)
		}
		req.Header.Set("Content-Type", "text/plain")
		local := &net.TCPAddr{IP: net.ParseIP("192.0.2.10"), Port: 8080}
		req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, local))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Code
	}
	if code := do("POST"); code != 403 {
		t.Errorf("remote write without a token: %d", code)
	}
	if code := do("GET"); code != 200 {
		t.Errorf("remote read: %d", code)
	}
}

func TestJSONMustSayItIsJSON(t *testing.T) {
	ts, _ := testServer(t, Options{})
	rec := `{"id":"x1","source":"Example","title":"A","text":"Officials met on Monday in Lisbon to discuss the budget for next year."}`
	for _, ctype := range []string{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"} {
		if code, _, e := post(t, ts.URL, "", ctype, rec); code != 415 || e.Error == "" {
			t.Errorf("JSON sent as %s: %d %+v", ctype, code, e)
		}
	}
	if code, _, _ := post(t, ts.URL, "", "application/json", rec); code != 200 {
		t.Errorf("JSON sent as JSON: %d", code)
	}
}

// An upload given the file's path is the article the command line makes
// of that file; without one it is known by its content.
func TestUploadKeyAgreesWithTheCommandLine(t *testing.T) {
	ts, _ := testServer(t, Options{})
	path := filepath.Join("../../examples/seeds", "004_9db2e0d9894f95f3.txt")
	arts, errs := ingest.ReadFiles([]string{path}, ingest.Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	q := url.Values{"key": {ingest.ResolvePath(path)}}
	code, res, e := postURL(t, ts.URL+"/api/articles?"+q.Encode(), "", "text/plain", "", seed(t, "004_9db2e0d9894f95f3.txt"))
	if code != 200 || len(res.Articles) != 1 || res.Articles[0].ID != arts[0].ID {
		t.Errorf("upload with key: %d %+v %+v, want id %s", code, res, e, arts[0].ID)
	}
	for _, bad := range []string{"relative/fox.txt", "ftp:nothing"} {
		q := url.Values{"key": {bad}}
		if code, _, e := postURL(t, ts.URL+"/api/articles?"+q.Encode(), "", "text/plain", "", "Title\n\nText."); code != 400 || e.Field != "key" {
			t.Errorf("key %q: %d %+v", bad, code, e)
		}
	}
}

// A small compressed body that inflates past the limit fails alone.
func TestUploadedBombIsRefused(t *testing.T) {
	ts, srv := testServer(t, Options{MaxBody: 1 << 20})
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte("<html><body><p>"))
	zw.Write(bytes.Repeat([]byte(" "), 64<<20))
	zw.Write([]byte("</p></body></html>"))
	zw.Close()
	httpMsg := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + z.String()
	warc := fmt.Sprintf("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/bomb\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", len(httpMsg), httpMsg)
	code, _, e := postFile(t, ts.URL, "", "application/warc", "crawl.warc", warc)
	if code != 400 || !strings.Contains(e.Error, "inflates to more than the 1 MiB limit") {
		t.Errorf("bomb upload: %d %+v", code, e)
	}
	if n, _ := srv.st.CountArticles(context.Background()); n != 0 {
		t.Errorf("%d articles stored", n)
	}
}
