package server

import (
	"encoding/csv"
	"encoding/xml"
	"html"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// The Atom feed lists the stories a search finds, each with its page's
// link, and parses as Atom.
func TestStoriesAtomFeed(t *testing.T) {
	ts, _ := testServer(t, Options{})
	story := loadSeeds(t, ts.URL, "")
	get := func(path string) (int, atomFeed, string) {
		t.Helper()
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		var f atomFeed
		if resp.StatusCode == http.StatusOK {
			if err := xml.Unmarshal(b, &f); err != nil {
				t.Fatalf("%s: not Atom: %v\n%s", path, err, b)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
				t.Errorf("%s: content type %q", path, ct)
			}
		}
		return resp.StatusCode, f, string(b)
	}
	code, f, _ := get("/feeds/stories.atom")
	if code != 200 || len(f.Entries) != 1 || !strings.HasSuffix(f.Entries[0].ID, "/stories/"+story) || f.Entries[0].Title == "" || f.Updated == "" {
		t.Fatalf("feed: %d %+v", code, f)
	}
	if !strings.Contains(f.Entries[0].Summary, "2 articles from 2 outlets") {
		t.Errorf("entry summary %q", f.Entries[0].Summary)
	}
	code, f, _ = get("/feeds/stories.atom?q=nothing+matches+this+zzqx")
	if code != 200 || len(f.Entries) != 0 || !strings.Contains(f.Title, "q: nothing matches") {
		t.Errorf("filtered feed: %d %+v", code, f)
	}
	if code, _, body := get("/feeds/stories.atom?since=garbage"); code != http.StatusBadRequest || !strings.Contains(body, "since") {
		t.Errorf("bad since: %d %s", code, body)
	}
}

// The dashboard counts articles per day by outlet, draws them with both
// axes labelled, and gives the same data as CSV.
func TestDashboard(t *testing.T) {
	ts, _ := testServer(t, Options{})
	loadSeeds(t, ts.URL, "")
	resp, err := http.Get(ts.URL + "/dashboard")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{"Articles per day by outlet", "<svg", "<polyline", ">articles</text>", "2025-11-30", "/dashboard.csv", "People", "Places", `class="spark"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the dashboard lacks %q", want)
		}
	}
	resp, err = http.Get(ts.URL + "/dashboard.csv?since=2025-11-01")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(resp.Body).ReadAll()
	resp.Body.Close()
	if err != nil || len(rows) < 3 || strings.Join(rows[0], ",") != "day,outlet,articles,stories" {
		t.Fatalf("CSV: %v %q", err, rows)
	}
	total := 0
	for _, r := range rows[1:] {
		n, _ := strconv.Atoi(r[2])
		total += n
	}
	if total != 2 {
		t.Errorf("the CSV counts %d articles, want the 2 seeds", total)
	}
	checkEntityTrends(t, ts.URL, string(page))
	for _, bad := range []string{"/dashboard?by=colour", "/dashboard.csv?since=yesterday", "/dashboard/entities.csv?since=2025-13-01"} {
		resp, err := http.Get(ts.URL + bad)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", bad, resp.StatusCode)
		}
	}
}

// checkEntityTrends reads the trends' CSV: every entity the seeds' story
// names counts the story's two articles, on the days the page's table
// shows.
func checkEntityTrends(t *testing.T, base, page string) {
	t.Helper()
	resp, err := http.Get(base + "/dashboard/entities.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(resp.Body).ReadAll()
	resp.Body.Close()
	if err != nil || len(rows) < 2 || strings.Join(rows[0], ",") != "day,entity,type,articles" {
		t.Fatalf("entities CSV: %v %q", err, rows)
	}
	perEntity := map[string]int{}
	for _, r := range rows[1:] {
		n, _ := strconv.Atoi(r[3])
		perEntity[r[1]] += n
	}
	for name, n := range perEntity {
		if n != 2 {
			t.Errorf("%s: %d articles in the trends' CSV, want the story's 2", name, n)
		}
		if !strings.Contains(page, `<th scope="row">`+html.EscapeString(name)+`</th>`) {
			t.Errorf("the trends' table lacks %s", name)
		}
	}
	if !strings.Contains(page, "/dashboard/entities.csv") {
		t.Error("the dashboard has no link to the trends' CSV")
	}
}

func xmlUnmarshal(b []byte, v any) error { return xml.Unmarshal(b, v) }
