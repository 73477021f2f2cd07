package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/store"
)

// testServer starts a real server on a loopback port over a fresh
// SQLite store.
func testServer(t *testing.T, opt Options) (*httptest.Server, *Server) {
	t.Helper()
	srv, err := New(&engine.Engine{Store: tempStore(t)}, opt)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, srv
}

// tempStore opens a fresh SQLite store, closed when the test ends.
func tempStore(t *testing.T) *store.SQLite {
	t.Helper()
	st, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func seed(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../../examples/seeds", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type postResult struct {
	Articles []engine.Added `json:"articles"`
	Failed   []string       `json:"failed"`
}

func post(t *testing.T, base, token, contentType, body string) (int, postResult, apiError) {
	t.Helper()
	return postFile(t, base, token, contentType, "", body)
}

// postFile posts a body under a file name (Content-Disposition), as a
// client uploading a file does.
func postFile(t *testing.T, base, token, contentType, file, body string) (int, postResult, apiError) {
	t.Helper()
	return postURL(t, base+"/api/articles", token, contentType, file, body)
}

// postURL posts to a full URL (with a query string, say).
func postURL(t *testing.T, u, token, contentType, file, body string) (int, postResult, apiError) {
	t.Helper()
	req, _ := http.NewRequest("POST", u, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if file != "" {
		req.Header.Set("Content-Disposition", `attachment; filename="`+file+`"`)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var ok postResult
	var bad apiError
	if resp.StatusCode == 200 {
		json.Unmarshal(b, &ok)
	} else {
		json.Unmarshal(b, &bad)
	}
	return resp.StatusCode, ok, bad
}

func getJSON(t *testing.T, u string, v any) int {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if v != nil {
		json.NewDecoder(resp.Body).Decode(v)
	}
	return resp.StatusCode
}

// loadSeeds posts both seeds and returns the story they share.
func loadSeeds(t *testing.T, base, token string) string {
	t.Helper()
	var story string
	for _, name := range []string{"000_9cfc92a05877532c.txt", "004_9db2e0d9894f95f3.txt"} {
		code, res, e := postFile(t, base, token, "text/plain", name, seed(t, name))
		if code != 200 || len(res.Articles) != 1 || res.Articles[0].StoryID == "" {
			t.Fatalf("post %s: %d %+v %+v", name, code, res, e)
		}
		if story != "" && res.Articles[0].StoryID != story {
			t.Errorf("the seeds landed in different stories: %s, %s", story, res.Articles[0].StoryID)
		}
		story = res.Articles[0].StoryID
	}
	return story
}

func TestAPIReadsAndWrites(t *testing.T) {
	ts, _ := testServer(t, Options{})
	story := loadSeeds(t, ts.URL, "")

	// The same article again is stored once.
	_, again, _ := postFile(t, ts.URL, "", "text/plain", "004_9db2e0d9894f95f3.txt", seed(t, "004_9db2e0d9894f95f3.txt"))
	if len(again.Articles) != 1 || again.Articles[0].Outcome != "unchanged" {
		t.Errorf("re-post: %+v", again)
	}

	var list struct {
		Stories []store.StorySummary `json:"stories"`
	}
	if code := getJSON(t, ts.URL+"/api/stories", &list); code != 200 || len(list.Stories) != 1 || list.Stories[0].ID != story || list.Stories[0].Articles != 2 {
		t.Fatalf("stories: %d %+v", code, list)
	}
	filters := map[string]int{
		"outlet=ABP+Live": 1, "outlet=nobody": 0, "entity=Marco+Rubio": 1, "entity=Nobody+Here": 0,
		"q=Hallandale": 1, "q=zeppelin": 0, "since=2025-11-29": 1, "since=2026-01-01": 0, "until=2025-11-01": 0,
	}
	for q, want := range filters {
		list.Stories = nil
		if code := getJSON(t, ts.URL+"/api/stories?"+q, &list); code != 200 || len(list.Stories) != want {
			t.Errorf("stories?%s: %d, %d stories, want %d", q, code, len(list.Stories), want)
		}
	}
	var e apiError
	if code := getJSON(t, ts.URL+"/api/stories?limit=lots", &e); code != 400 || e.Field != "limit" {
		t.Errorf("bad limit: %d %+v", code, e)
	}
	if code := getJSON(t, ts.URL+"/api/stories?since=yesterday", &e); code != 400 || e.Field != "since" {
		t.Errorf("bad since: %d %+v", code, e)
	}

	// The story report, every span slicing its article exactly.
	resp, err := http.Get(ts.URL + "/api/stories/" + story)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if n, bad := compare.CheckSpans(body); resp.StatusCode != 200 || n < 50 || len(bad) > 0 {
		t.Errorf("report: %d, %d spans, failures %v", resp.StatusCode, n, bad)
	}
	if code := getJSON(t, ts.URL+"/api/stories/story-000000000000", &e); code != 404 {
		t.Errorf("missing story: %d", code)
	}

	var rep compare.Reports
	json.Unmarshal(body, &rep)
	outlets := map[string]bool{}
	for _, a := range rep.Reports[0].Articles {
		outlets[a.Outlet] = true
	}
	// One seed names its site in the text; the other is known only by
	// the file name it was uploaded under.
	if !outlets["ABP Live"] || !outlets["004_9db2e0d9894f95f3"] {
		t.Errorf("outlets %v, want ABP Live and the uploaded file's stem", outlets)
	}
	art := rep.Reports[0].Articles[0].ID
	var a struct {
		ID       string
		Analysis struct {
			Entities []struct{ Name string } `json:"entities"`
		} `json:"analysis"`
	}
	if code := getJSON(t, ts.URL+"/api/articles/"+url.PathEscape(art), &a); code != 200 || a.ID != art || len(a.Analysis.Entities) == 0 {
		t.Errorf("article: %d %+v", code, a)
	}
	if code := getJSON(t, ts.URL+"/api/articles/nope", &e); code != 404 {
		t.Errorf("missing article: %d", code)
	}

	var ents struct{ Entities []store.EntityHit }
	if getJSON(t, ts.URL+"/api/entities?q=rubio", &ents); len(ents.Entities) == 0 || ents.Entities[0].Name != "Marco Rubio" {
		t.Errorf("entities: %+v", ents)
	}
	var found struct {
		Articles []store.Summary
		Quotes   []store.StoryQuote
	}
	if getJSON(t, ts.URL+"/api/search?q=forever", &found); len(found.Articles) != 2 || len(found.Quotes) < 2 {
		t.Errorf("search: %d articles, %d quotes", len(found.Articles), len(found.Quotes))
	}
	if code := getJSON(t, ts.URL+"/api/search", &e); code != 400 || e.Field != "q" {
		t.Errorf("search without q: %d %+v", code, e)
	}

	var health map[string]any
	if code := getJSON(t, ts.URL+"/healthz", &health); code != 200 || health["articles"].(float64) != 2 {
		t.Errorf("healthz: %d %v", code, health)
	}
	resp, _ = http.Get(ts.URL + "/metrics")
	m, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{"parallax_articles_ingested_total 3", "parallax_stories 1", "parallax_ingest_seconds_bucket", `parallax_http_request_seconds_count{code="OK",route="GET /api/stories"}`} {
		if !strings.Contains(string(m), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	var doc struct {
		OpenAPI string         `json:"openapi"`
		Paths   map[string]any `json:"paths"`
	}
	getJSON(t, ts.URL+"/api/openapi.json", &doc)
	for _, p := range []string{"/api/stories", "/api/stories/{id}", "/api/articles/{id}", "/api/articles", "/api/entities", "/api/outlets", "/api/search", "/api/events", "/healthz", "/metrics"} {
		if doc.Paths[p] == nil {
			t.Errorf("OpenAPI lacks %s", p)
		}
	}
}

func TestWritesNeedTheToken(t *testing.T) {
	ts, _ := testServer(t, Options{Token: "s3cret"})
	if code, _, e := post(t, ts.URL, "", "text/plain", seed(t, "004_9db2e0d9894f95f3.txt")); code != 401 || e.Error == "" {
		t.Errorf("no token: %d %+v", code, e)
	}
	if code, _, _ := post(t, ts.URL, "wrong", "text/plain", seed(t, "004_9db2e0d9894f95f3.txt")); code != 401 {
		t.Errorf("wrong token: %d", code)
	}
	if code, _, _ := post(t, ts.URL, "s3cret", "text/plain", seed(t, "004_9db2e0d9894f95f3.txt")); code != 200 {
		t.Errorf("right token: %d", code)
	}
	if code := getJSON(t, ts.URL+"/api/stories", nil); code != 200 {
		t.Errorf("reads are open: %d", code)
	}
}

func TestBadBodies(t *testing.T) {
	ts, srv := testServer(t, Options{MaxBody: 4096})
	tests := []struct {
		name, ctype, body string
		code              int
		field             string
	}{
		{"empty", "application/json", "  ", 400, ""},
		{"not JSON", "application/json", `{"title": "x", "text": `, 400, ""},
		{"wrong type", "application/json", `{"title": "x", "text": 42}`, 400, "text"},
		{"no text", "application/json", `{"title": "only a title"}`, 400, "text"},
		{"bad date", "application/json", `{"title": "t", "text": "Some text of an article that is long enough.", "date": "yesterday"}`, 400, "date"},
		{"too large", "text/plain", strings.Repeat("word ", 2000), 413, ""},
		{"binary", "application/octet-stream", "\x00\x01\x02\x03\x00\x00\x00", 400, ""},
	}
	for _, tc := range tests {
		code, _, e := post(t, ts.URL, "", tc.ctype, tc.body)
		if code != tc.code || e.Error == "" || tc.field != "" && e.Field != tc.field {
			t.Errorf("%s: %d %+v, want %d field %q", tc.name, code, e, tc.code, tc.field)
		}
	}
	if n, _ := srv.st.CountArticles(context.Background()); n != 0 {
		t.Errorf("%d articles stored from bad bodies", n)
	}
	// JSON lines: a good record is stored even when another fails.
	code, res, _ := post(t, ts.URL, "", "application/x-ndjson", `{"id":"a1","source":"Example","title":"A","text":"`+strings.Repeat("Officials met on Monday in Lisbon to discuss the budget. ", 3)+`"}`)
	if code != 200 || len(res.Articles) != 1 {
		t.Errorf("good JSON line: %d %+v", code, res)
	}
}

// TestConcurrentWriters posts from eight clients at once, each article
// twice: every article must be stored exactly once.
func TestConcurrentWriters(t *testing.T) {
	ts, srv := testServer(t, Options{})
	const clients, each = 8, 6
	var wg sync.WaitGroup
	errs := make(chan string, clients*each*2)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				for rep := 0; rep < 2; rep++ {
					// Articles of client c are posted by it and, the second
					// time, by its neighbour.
					owner := (c + rep) % clients
					body := fmt.Sprintf(`{"id":"c%d-%d","source":"Outlet %d","date":"2025-03-0%d","title":"Report %d from client %d","text":"%s"}`,
						owner, i, owner, 1+i%5, i, owner, articleText(owner, i))
					code, _, e := post(t, ts.URL, "", "application/json", body)
					if code != 200 {
						errs <- fmt.Sprintf("client %d: %d %+v", c, code, e)
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	n, _ := srv.st.CountArticles(context.Background())
	if n != clients*each {
		t.Errorf("%d articles stored, want %d (none lost, none twice)", n, clients*each)
	}
	stories, _ := srv.st.Stories(context.Background(), store.StoryQuery{})
	total := 0
	for _, s := range stories {
		total += s.Articles
	}
	if total != n {
		t.Errorf("stories hold %d articles, the store %d", total, n)
	}
}

func articleText(c, i int) string {
	topics := []string{"a harbour strike in Rotterdam", "floods along the Danube", "a vote on pensions in Madrid", "wildfires near Athens"}
	return fmt.Sprintf("Workers and officials spoke on Tuesday about %s. The authorities said %d people were affected and promised a report by Friday. Client %d filed this as item %d.",
		topics[(c+i)%len(topics)], 100+c*10+i, c, i)
}

func TestEventsStream(t *testing.T) {
	ts, _ := testServer(t, Options{})
	resp, err := http.Get(ts.URL + "/api/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	got := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "data: ") {
				got <- sc.Text()
				return
			}
		}
	}()
	time.Sleep(100 * time.Millisecond) // let the subscription land
	post(t, ts.URL, "", "text/plain", seed(t, "004_9db2e0d9894f95f3.txt"))
	select {
	case line := <-got:
		var s store.StorySummary
		if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &s); err != nil || s.ID == "" || s.Articles != 1 {
			t.Errorf("event %q: %v", line, err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no story event after an upload")
	}
}

func TestPages(t *testing.T) {
	ts, _ := testServer(t, Options{})
	story := loadSeeds(t, ts.URL, "")
	var rep compare.Reports
	getJSON(t, ts.URL+"/api/stories/"+story, &rep)
	pages := map[string][]string{
		"/":                 {"Stories", "Secretary of State", "<svg class=\"spark\"", "<figcaption class=\"meta\">", "articles from 2025-11-30 to 2025-12-01"},
		"/?q=Hallandale":    {story},
		"/stories/" + story: {"Shared facts, outlet by outlet", "Hallandale Beach", "compatible", "<del>secure</del>", "<ins>safe</ins>"},
		"/articles/" + rep.Reports[0].Articles[0].ID: {"Entities", "Marco Rubio", "class=\"ent ent-per\""},
		"/entities/Marco%20Rubio":                    {"Marco Rubio", story},
		"/static/htmx.min.js":                        {"htmx"},
	}
	for path, wants := range pages {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", path, resp.StatusCode)
			continue
		}
		for _, w := range wants {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
	}
	resp, _ := http.Get(ts.URL + "/stories/nope")
	if resp.StatusCode != 404 {
		t.Errorf("missing story page: %d", resp.StatusCode)
	}
}
