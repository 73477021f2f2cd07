package server

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The outlet registry names outlets in the API, labels reports with
// names, groups and coverage, filters stories by group, and is read again
// when the user edits it.
func TestOutletRegistry(t *testing.T) {
	reg := filepath.Join(t.TempDir(), "outlets.toml")
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(reg, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(`[[outlet]]
key = "wire-desk"
name = "Wire Desk"
groups = ["wire"]
`)
	ts, _ := testServer(t, Options{OutletsFile: reg})
	for _, body := range []struct{ outlet, text string }{
		{"wire-desk", seed(t, "000_9cfc92a05877532c.txt")},
		{"kyiv-daily", seed(t, "004_9db2e0d9894f95f3.txt")},
	} {
		if code, _, e := postURL(t, ts.URL+"/api/articles?outlet="+body.outlet, "", "text/plain", "", body.text); code != http.StatusOK {
			t.Fatalf("post: %d %+v", code, e)
		}
	}
	var outs struct {
		Outlets []struct {
			Outlet, Name string
			Articles     int
			Groups       []string
			Registered   bool
		}
		Groups []string
	}
	getJSON(t, ts.URL+"/api/outlets", &outs)
	if len(outs.Outlets) != 2 || !slices.Equal(outs.Groups, []string{"wire"}) {
		t.Fatalf("outlets: %+v", outs)
	}
	for _, o := range outs.Outlets {
		if o.Articles != 1 || o.Registered != (o.Outlet == "wire-desk") || o.Outlet == "wire-desk" && o.Name != "Wire Desk" {
			t.Errorf("outlet row %+v", o)
		}
	}

	var list struct{ Stories []struct{ ID string } }
	getJSON(t, ts.URL+"/api/stories?group=wire", &list)
	if len(list.Stories) != 1 {
		t.Fatalf("stories of group wire: %+v", list)
	}
	var rep struct {
		Stories []struct {
			Articles []struct {
				Outlet     string `json:"outlet"`
				OutletName string `json:"outlet_name"`
			}
			Coverage []struct {
				Group   string
				Outlets []string
			}
		}
	}
	getJSON(t, ts.URL+"/api/stories/"+list.Stories[0].ID, &rep)
	if len(rep.Stories) != 1 || len(rep.Stories[0].Coverage) == 0 || rep.Stories[0].Coverage[0].Group != "wire" ||
		!slices.Equal(rep.Stories[0].Coverage[0].Outlets, []string{"Wire Desk"}) {
		t.Errorf("report coverage: %+v", rep)
	}
	// The story is covered by the wire and by an outlet in no group: the
	// wire alone covers it among the groups.
	getJSON(t, ts.URL+"/api/stories?only_group=wire", &list)
	if len(list.Stories) != 1 {
		t.Errorf("only_group=wire: %+v", list)
	}

	// An edit to the file shows at the next request.
	time.Sleep(10 * time.Millisecond)
	write(`[[outlet]]
key = "wire-desk"
name = "Wire Desk"
groups = ["wire"]

[[outlet]]
key = "KYIV-DAILY"
name = "Kyiv Daily"
groups = ["local"]
`)
	getJSON(t, ts.URL+"/api/stories?only_group=wire", &list)
	if len(list.Stories) != 0 {
		t.Errorf("only_group=wire after kyiv-daily joined group local: %+v", list)
	}
	getJSON(t, ts.URL+"/api/stories?group=local", &list)
	if len(list.Stories) != 1 {
		t.Errorf("group=local: %+v", list)
	}
	resp, err := http.Get(ts.URL + "/api/stories?group=nope")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown group: %d", resp.StatusCode)
	}
	page, err := http.Get(ts.URL + "/stories/" + list.Stories[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	defer page.Body.Close()
	b, _ := io.ReadAll(page.Body)
	if !strings.Contains(string(b), "Coverage by group") || !strings.Contains(string(b), "Kyiv Daily") {
		t.Errorf("the story page shows no coverage or names")
	}

	// The outlet pages list what the registry says and what is stored.
	for _, tc := range []struct {
		path  string
		code  int
		wants []string
	}{
		{"/outlets", 200, []string{"Wire Desk", "Kyiv Daily", "wire", "local"}},
		{"/outlets/wire-desk", 200, []string{"Wire Desk", "groups: wire", "Articles per day", "<svg", "Stories covered", list.Stories[0].ID, "format=csv",
			"Sources it cites", "IANS", "What it left out"}},
		{"/stories/" + list.Stories[0].ID, 200, []string{"format=csv&amp;section=facts", "format=csv&amp;section=quotes"}},
		{"/outlets/nope", 404, nil},
		{"/", 200, []string{`list="outlet-choices"`, `<option value="wire-desk">Wire Desk`, `list="entity-choices"`, "By outlet group:", `href="/?group=wire"`, "Most named here:", "By outlet:", `href="/?outlet=kyiv-daily"`, "Places:", `href="/?place=`, "By month:", "since=2025-12-01"}},
		{"/?group=local", 200, []string{`<option selected>local</option>`, list.Stories[0].ID}},
		{"/?only_group=local", 200, []string{"No stories match"}},
		{"/?group=nope", 400, nil},
	} {
		resp, err := http.Get(ts.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.code {
			t.Errorf("%s: %d, want %d", tc.path, resp.StatusCode, tc.code)
		}
		for _, w := range tc.wants {
			if !strings.Contains(string(body), w) {
				t.Errorf("%s lacks %q", tc.path, w)
			}
		}
	}
}
