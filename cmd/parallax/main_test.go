package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/store"
)

// The test binary doubles as the parallax binary: with PARALLAX_RUN_MAIN
// set it runs the command line those arguments give.
func TestMain(m *testing.M) {
	if args := os.Getenv("PARALLAX_RUN_MAIN"); args != "" {
		os.Exit(run(strings.Split(args, "\x1f")))
	}
	os.Exit(m.Run())
}

type result struct {
	stdout, stderr string
	code           int
}

func subprocess(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PARALLAX_RUN_MAIN="+strings.Join(args, "\x1f"))
	return cmd
}

func parallax(t *testing.T, args ...string) result {
	t.Helper()
	cmd := subprocess(args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}

func TestReportSeeds(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	r := parallax(t, "report", "--db", db, "--format", "json", "../../examples/seeds/")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	n, bad := compare.CheckSpans([]byte(r.stdout))
	if n < 50 || len(bad) > 0 {
		t.Errorf("%d spans checked; failures: %v", n, bad)
	}
	var rep compare.Reports
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("report JSON: %v", err)
	}
	if len(rep.Reports) != 1 || len(rep.Reports[0].Articles) != 2 {
		t.Fatalf("want one story of the two seeds, got %d stories", len(rep.Reports))
	}
	st := rep.Reports[0]
	if st.Event.When == nil || st.Event.When.Date != "2025-11-30" {
		t.Errorf("event date: %+v", st.Event.When)
	}
	for _, art := range st.Articles {
		for _, bad := range []string{"हिन्दी", "HomeNews", "By :", "Preferred Sources", "(Photo:", "syndicate wire feed", "Published at", "United STates"} {
			if strings.Contains(art.Text, bad) {
				t.Errorf("%s text contains %q", art.ID, bad)
			}
		}
		checkSeedArticle(t, db, art.ID, art.Outlet)
	}
	// Text output carries the same for people.
	txt := parallax(t, "report", "--db", db, "../../examples/seeds/")
	for _, want := range []string{"Hallandale Beach", "Miami", "compatible", "[-secure-]", "{+safe+}", "IANS (wire)", "Xinhua (cites)", "Kushner"} {
		if !strings.Contains(txt.stdout, want) {
			t.Errorf("text report lacks %q", want)
		}
	}
	if !strings.Contains(txt.stderr, "0 new, 0 revised, 2 unchanged, 0 duplicates") {
		t.Errorf("re-ingest summary: %q", txt.stderr)
	}
	for _, format := range []string{"markdown", "html"} {
		out := parallax(t, "story", "--db", db, "--format", format, st.ID)
		if out.code != 0 || !strings.Contains(out.stdout, "Hallandale Beach") {
			t.Errorf("story --format %s: exit %d", format, out.code)
		}
	}
}

// checkSeedArticle checks what cleaning found in a seed article.
func checkSeedArticle(t *testing.T, db, id, outlet string) {
	t.Helper()
	r := parallax(t, "article", "--db", db, "--json", id)
	var a struct {
		Headline, Dek, Agency *struct{ Value string }
		Updated               *struct {
			Value  string
			Moment struct{ UTC string }
		}
		Published *struct {
			Moment struct{ Date string }
		}
		Dateline *struct {
			Place, Date *struct{ Value string }
		}
		Syndication *struct{ Value string }
		Tags        []struct{ Value string }
		Photos      []struct{ Agency string }
		Analysis    *struct {
			Quotes []struct {
				SpeakerName string `json:"speaker_name"`
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &a); err != nil {
		t.Fatalf("article %s: %v", id, err)
	}
	if a.Analysis == nil || len(a.Analysis.Quotes) == 0 {
		t.Errorf("%s: no analysis with quotes", id)
	}
	if outlet == "ABP Live" {
		if a.Headline == nil || !strings.HasPrefix(a.Headline.Value, "'Ukraine Talks Productive") {
			t.Errorf("seed 000 headline: %+v", a.Headline)
		}
		if a.Agency == nil || a.Agency.Value != "IANS" || a.Updated == nil || a.Updated.Moment.UTC != "2025-12-01T03:04:00Z" {
			t.Errorf("seed 000 agency/updated: %+v %+v", a.Agency, a.Updated)
		}
		if a.Dateline == nil || a.Dateline.Place.Value != "Washington" || a.Dateline.Date.Value != "Dec 1" {
			t.Errorf("seed 000 dateline: %+v", a.Dateline)
		}
		if a.Syndication == nil || len(a.Tags) != 3 {
			t.Errorf("seed 000 syndication/tags: %+v %+v", a.Syndication, a.Tags)
		}
		return
	}
	if a.Dek == nil || !strings.HasPrefix(a.Dek.Value, "Secretary of State says") || len(a.Photos) != 1 || a.Photos[0].Agency != "EPA" || a.Published.Moment.Date != "2025-11-30" {
		t.Errorf("seed 004: dek %+v photos %+v published %+v", a.Dek, a.Photos, a.Published)
	}
}

func TestIngestBadInputsContinue(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte("Good title\n\nA good article body."), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "junk.html"), []byte{0, 1, 2, 3, 0, 0, 0, 9, 9}, 0o644)
	db := filepath.Join(dir, "p.db")
	r := parallax(t, "ingest", "--db", db, dir, filepath.Join(dir, "missing.jsonl"))
	if r.code != exitSomeFailed {
		t.Errorf("exit %d, want %d", r.code, exitSomeFailed)
	}
	for _, want := range []string{"empty.txt: empty input", "junk.html: binary data", "missing.jsonl: no such file", "1 new, 0 revised, 0 unchanged, 0 duplicates, 3 failed"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	list := parallax(t, "articles", "--db", db, "--json")
	var arts []store.Summary
	if err := json.Unmarshal([]byte(list.stdout), &arts); err != nil || len(arts) != 1 || arts[0].Title != "Good title" {
		t.Errorf("articles: %v %s", err, list.stdout)
	}
	show := parallax(t, "article", "--db", db, arts[0].ID)
	if show.code != 0 || !strings.Contains(show.stdout, "A good article body.") {
		t.Errorf("article: %d %s", show.code, show.stdout)
	}
	miss := parallax(t, "article", "--db", db, "no-such-id")
	if miss.code != exitError || !strings.Contains(miss.stderr, "no article") {
		t.Errorf("missing article: %d %s", miss.code, miss.stderr)
	}
}

func TestHelp(t *testing.T) {
	r := parallax(t, "help")
	for _, c := range commands {
		if !strings.Contains(r.stdout, c.name) {
			t.Errorf("help lacks %s", c.name)
		}
		h := parallax(t, c.name, "--help")
		if h.code != 0 || !strings.Contains(h.stderr, "Usage: parallax "+c.name) || !strings.Contains(h.stderr, "Flags:") {
			t.Errorf("%s --help: %d %q", c.name, h.code, h.stderr)
		}
	}
	if r := parallax(t, "frobnicate"); r.code != exitUsage {
		t.Errorf("unknown command exit %d", r.code)
	}
}

// TestKillDuringIngest kills an ingest with SIGKILL while it writes and
// checks that the database is consistent, holds only whole batches, and
// that a second run completes the job.
func TestKillDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	const n, batch = 2000, 16
	for i := 0; i < n; i++ {
		body := fmt.Sprintf(" date 2025-11-%02d Story number %d about topic %d\n\nParagraph one of story %d says something about %x.\n\nParagraph two adds %d more words.\n", 1+i%28, i, i%97, i, i*7919, i)
		os.WriteFile(filepath.Join(in, fmt.Sprintf("s%05d.txt", i)), []byte(body), 0o644)
	}
	db := filepath.Join(dir, "k.db")
	cmd := subprocess("ingest", "--quiet", "--batch", fmt.Sprint(batch), "--db", db, in)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	killedAt := -1
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(3 * time.Millisecond)
		st, err := store.OpenSQLite(ctx, db)
		if err != nil {
			continue
		}
		c, err := st.CountArticles(ctx)
		st.Close()
		if err == nil && c >= 4*batch {
			cmd.Process.Signal(syscall.SIGKILL)
			killedAt = c
			break
		}
	}
	cmd.Wait()
	if killedAt < 0 {
		t.Fatal("ingest never wrote a batch")
	}
	st, err := store.OpenSQLite(ctx, db)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	var check string
	st.DB().QueryRow(`PRAGMA integrity_check`).Scan(&check)
	if check != "ok" {
		t.Errorf("integrity_check: %s", check)
	}
	if _, err := st.DB().Exec(`INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')`); err != nil {
		t.Errorf("full-text index inconsistent: %v", err)
	}
	c, _ := st.CountArticles(ctx)
	if c == n {
		t.Logf("ingest finished before the kill landed (%d rows)", c)
	} else if c%batch != 0 {
		t.Errorf("%d rows after kill: a batch was half-written", c)
	}
	list, _ := st.Articles(ctx, store.ArticleQuery{Limit: 5})
	for _, s := range list {
		if _, err := st.Article(ctx, s.ID); err != nil {
			t.Errorf("row %s unreadable: %v", s.ID, err)
		}
	}
	st.Close()
	r := parallax(t, "ingest", "--db", db, in)
	if r.code != 0 || !strings.Contains(r.stderr, fmt.Sprintf("%d new", n-c)) {
		t.Errorf("resume: exit %d %s (had %d)", r.code, r.stderr, c)
	}
	r = parallax(t, "ingest", "--db", db, in)
	if !strings.Contains(r.stderr, fmt.Sprintf("0 new, 0 revised, %d unchanged, 0 duplicates", n)) {
		t.Errorf("third run: %s", r.stderr)
	}
	t.Logf("killed at %d rows, %d after kill", killedAt, c)
}

// A wrong argument exits 2 with one line saying what is wrong; a reading
// command on a store that does not exist says so and creates nothing.
func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nodir", "x.db")
	for _, tc := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"stories", "--since", "garbage"}, exitUsage, "--since: want a date"},
		{[]string{"stories", "--until", "2025-13-45"}, exitUsage, "--until: want a date"},
		{[]string{"report", "--format", "bogus"}, exitUsage, `unknown --format "bogus"`},
		{[]string{"story", "--format", "bogus", "x"}, exitUsage, `unknown --format "bogus"`},
		{[]string{"eval", "bogus"}, exitUsage, "extraction, ner, quotes, cluster, copies or compare"},
		{[]string{"stories", "--db", missing}, exitError, "no store at " + missing},
		{[]string{"articles", "--db", missing}, exitError, "no store at"},
		{[]string{"report", "--db", missing}, exitError, "no store at"},
		{[]string{"stories", "--db", missing, "--store", "sqlite:" + missing}, exitError, "either --store or --db"},
	} {
		r := parallax(t, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.says) || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and one line with %q", tc.args, r.code, r.stderr, tc.code, tc.says)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "nodir")); err == nil {
		t.Error("a reading command created the store's folder")
	}
	if r := parallax(t, "eval", "--help"); r.code != 0 || strings.Count(r.stderr, "Usage:") != 1 {
		t.Errorf("eval --help: exit %d, %d usages", r.code, strings.Count(r.stderr, "Usage:"))
	}
}

// The lists and a report's sections come out as CSV that parses.
func TestCSVOutput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	if r := parallax(t, "ingest", "--quiet", "--db", db, "../../examples/seeds"); r.code != 0 {
		t.Fatalf("ingest: %d %s", r.code, r.stderr)
	}
	read := func(args ...string) [][]string {
		t.Helper()
		r := parallax(t, args...)
		rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if r.code != 0 || err != nil || len(rows) < 2 {
			t.Fatalf("%v: exit %d, %v, %q", args, r.code, err, r.stdout)
		}
		return rows
	}
	stories := read("stories", "--db", db, "--format", "csv")
	if stories[0][0] != "id" || len(stories) != 2 {
		t.Fatalf("stories: %v", stories)
	}
	if arts := read("articles", "--db", db, "--format", "csv"); len(arts) != 3 || arts[0][1] != "outlet" {
		t.Errorf("articles: %v", arts)
	}
	quotes := read("story", "--db", db, "--format", "csv", "--section", "quotes", stories[1][0])
	if quotes[0][0] != "story_id" || !slices.Contains(quotes[0], "words") || quotes[1][0] != stories[1][0] {
		t.Errorf("quotes: %v", quotes)
	}
	if r := parallax(t, "story", "--db", db, "--format", "csv", "--section", "bogus", stories[1][0]); r.code != exitUsage {
		t.Errorf("bad section: exit %d", r.code)
	}
}

// --urls reads a list of pages, one URL a line; a line that is not a URL
// is refused with its number.
func TestURLList(t *testing.T) {
	pages := map[string]string{
		"/a": `<html><head><title>Storm hits coast</title></head><body><article><h1>Storm hits coast</h1><p>A storm hit the coast on Monday, officials said, and hundreds of homes lost power across the region overnight.</p><p>Rescue teams reached the worst-hit villages by Tuesday morning.</p></article></body></html>`,
		"/b": `<html><head><title>Budget passes</title></head><body><article><h1>Budget passes</h1><p>The council passed the budget after a long debate on Wednesday, with most members voting in favour of the plan.</p><p>The mayor said the vote would let work begin on the new school.</p></article></body></html>`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, pages[r.URL.Path])
	}))
	defer srv.Close()
	dir := t.TempDir()
	list := filepath.Join(dir, "urls.txt")
	writeFile(t, list, "# two pages\n"+srv.URL+"/a\n\n"+srv.URL+"/b\n")
	db := filepath.Join(dir, "p.db")
	if r := parallax(t, "ingest", "--db", db, "--allow-private", "--urls", list); r.code != 0 || !strings.Contains(r.stderr, "ingested 2 new") {
		t.Fatalf("ingest --urls: %d %s", r.code, r.stderr)
	}
	writeFile(t, list, srv.URL+"/a\nnot a url\n")
	if r := parallax(t, "ingest", "--db", db, "--urls", list); r.code != exitUsage || !strings.Contains(r.stderr, "line 2") {
		t.Errorf("bad line: %d %s", r.code, r.stderr)
	}
}

func TestOrUnknown(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "unknown",
		"2025-11-30T00:00:00Z": "2025-11-30",
		"2025-12-01T03:04:00Z": "2025-12-01T03:04:00Z",
	} {
		if got := orUnknown(in); got != want {
			t.Errorf("orUnknown(%q) = %q, want %q", in, got, want)
		}
	}
}
