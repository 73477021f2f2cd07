package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A registry imported from a table names the seeds' outlets in the text
// report, adds names and coverage to the JSON, and lists every outlet.
func TestOutletsImportListAndNames(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	if r := parallax(t, "ingest", "--db", db, "../../examples/seeds/"); r.code != 0 {
		t.Fatalf("ingest: %s", r.stderr)
	}
	var list struct {
		Outlets []struct{ Outlet string }
	}
	r := parallax(t, "outlets", "list", "--db", db, "--format", "json")
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list.Outlets) != 2 {
		t.Fatalf("outlets list: %v %s %s", err, r.stdout, r.stderr)
	}
	table := "key,name,groups,country\n" + list.Outlets[0].Outlet + ",First Outlet,wire;india,IN\n" + list.Outlets[1].Outlet + ",Second Outlet,ukraine,UA\n"
	csvPath := filepath.Join(dir, "outlets.csv")
	if err := os.WriteFile(csvPath, []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := parallax(t, "outlets", "import", "--db", db, csvPath); r.code != 0 || !strings.Contains(r.stderr, "2 outlets added") {
		t.Fatalf("import: exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "outlets.toml")); err != nil {
		t.Fatalf("no registry beside the store: %v", err)
	}
	txt := parallax(t, "report", "--db", db)
	for _, want := range []string{"First Outlet", "Second Outlet", "Coverage by group", "ukraine"} {
		if !strings.Contains(txt.stdout, want) {
			t.Errorf("the text report lacks %q", want)
		}
	}
	js := parallax(t, "report", "--db", db, "--format", "json")
	if !strings.Contains(js.stdout, `"outlet_name": "First Outlet"`) || !strings.Contains(js.stdout, `"coverage"`) {
		t.Errorf("the JSON report lacks names or coverage")
	}
	if r := parallax(t, "stories", "--db", db, "--only-group", "wire"); r.code != 0 || strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("--only-group wire: the seeds' story has an outlet of group ukraine too, want none: %s", r.stdout)
	}
	if r := parallax(t, "stories", "--db", db, "--group", "ukraine"); r.code != 0 || strings.Count(r.stdout, "\n") != 2 {
		t.Errorf("--group ukraine: want the seeds' story: %s %s", r.stdout, r.stderr)
	}
	if r := parallax(t, "outlets", "import", "--db", db, filepath.Join(dir, "missing.csv")); r.code != 1 {
		t.Errorf("import of a missing file: exit %d", r.code)
	}
}
