package server

import (
	"encoding/csv"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// getCSV reads a CSV answer and checks its type and download name.
func getCSV(t *testing.T, u string) (int, [][]string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, nil
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") || !strings.Contains(resp.Header.Get("Content-Disposition"), ".csv") {
		t.Errorf("%s: Content-Type %q, Content-Disposition %q", u, ct, resp.Header.Get("Content-Disposition"))
	}
	rows, err := csv.NewReader(resp.Body).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	return resp.StatusCode, rows
}

// The story list and each section of a report download as CSV that
// parses, with a header and the rows the JSON has.
func TestCSVDownloads(t *testing.T) {
	ts, _ := testServer(t, Options{})
	story := loadSeeds(t, ts.URL, "")
	_, rows := getCSV(t, ts.URL+"/api/stories?format=csv")
	if len(rows) != 2 || rows[0][0] != "id" || rows[1][0] != story || rows[1][4] != "2" {
		t.Errorf("stories: %v", rows)
	}
	for _, tc := range []struct {
		section string
		column  string
		atLeast int
	}{
		{"articles", "outlet", 2},
		{"facts", "sentence", 2},
		{"quotes", "words", 2},
		{"unique", "list", 1},
		{"timeline", "date", 1},
	} {
		_, rows := getCSV(t, ts.URL+"/api/stories/"+story+"?format=csv&section="+tc.section)
		if len(rows) < 1+tc.atLeast || rows[0][0] != "story_id" || !slices.Contains(rows[0], tc.column) {
			t.Errorf("%s: %d rows, header %v", tc.section, len(rows), rows[0:min(1, len(rows))])
			continue
		}
		for _, r := range rows[1:] {
			if r[0] != story || len(r) != len(rows[0]) {
				t.Errorf("%s: row %v", tc.section, r)
			}
		}
	}
	if code, _ := getCSV(t, ts.URL+"/api/stories/"+story+"?format=csv&section=bogus"); code != http.StatusBadRequest {
		t.Errorf("bad section: %d", code)
	}
	if code, _ := getCSV(t, ts.URL+"/api/stories?format=xml"); code != http.StatusBadRequest {
		t.Errorf("bad format: %d", code)
	}
}

// GET /api/articles pages through every article with its cursor, and
// refuses a cursor it did not give.
func TestArticlesPaging(t *testing.T) {
	ts, _ := testServer(t, Options{})
	loadSeeds(t, ts.URL, "")
	var seen []string
	u := ts.URL + "/api/articles?limit=1"
	for page := 0; page < 5; page++ {
		var res struct {
			Articles []struct{ ID, Outlet string }
			Next     string
		}
		if code := getJSON(t, u, &res); code != 200 {
			t.Fatalf("%s: %d", u, code)
		}
		for _, a := range res.Articles {
			seen = append(seen, a.ID)
		}
		if res.Next == "" {
			break
		}
		u = ts.URL + "/api/articles?limit=1&cursor=" + res.Next
	}
	if len(seen) != 2 || seen[0] == seen[1] {
		t.Errorf("pages gave %v", seen)
	}
	var one struct{ Articles []struct{ Outlet string } }
	if getJSON(t, ts.URL+"/api/articles?outlet=abp+live", &one); len(one.Articles) != 1 {
		t.Errorf("outlet in lower case: %+v", one)
	}
	if _, rows := getCSV(t, ts.URL+"/api/articles?format=csv"); len(rows) != 3 || rows[0][0] != "id" {
		t.Errorf("csv: %v", rows)
	}
	var e apiError
	if code := getJSON(t, ts.URL+"/api/articles?cursor=bogus!", &e); code != 400 {
		t.Errorf("bad cursor: %d", code)
	}
}

func TestStoriesPaging(t *testing.T) {
	ts, _ := testServer(t, Options{})
	story := loadSeeds(t, ts.URL, "")
	var res struct {
		Stories []struct{ ID string }
		Next    string
	}
	if getJSON(t, ts.URL+"/api/stories?limit=1", &res); len(res.Stories) != 1 || res.Stories[0].ID != story || res.Next == "" {
		t.Fatalf("first page: %+v", res)
	}
	var rest struct {
		Stories []struct{ ID string }
		Next    string
	}
	if getJSON(t, ts.URL+"/api/stories?limit=1&cursor="+res.Next, &rest); len(rest.Stories) != 0 || rest.Next != "" {
		t.Errorf("after the last: %+v", rest)
	}
}

// A web page that fails is a page a person can read; the API's errors
// stay JSON.
func TestErrorPages(t *testing.T) {
	ts, _ := testServer(t, Options{})
	for _, tc := range []struct {
		path, contentType, says string
	}{
		{"/stories/nope", "text/html", "404 Not Found"},
		{"/articles/nope", "text/html", "404 Not Found"},
		{"/api/stories/nope", "application/json", `"error"`},
	} {
		resp, err := http.Get(ts.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 404 || !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.contentType) || !strings.Contains(string(b), tc.says) {
			t.Errorf("%s: %d %s %q", tc.path, resp.StatusCode, resp.Header.Get("Content-Type"), b)
		}
	}
}
