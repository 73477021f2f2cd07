package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/store"
)

// newsText is a short article about flooding in a town, distinct for each
// (folder, outlet) pair.
func newsText(folder int, outlet string, hurt int) string {
	towns := []string{"Dover", "Exeter", "Bangor", "Carlisle", "Truro", "Ripon", "Wells", "Ely", "Lichfield", "Hereford"}
	town := towns[folder%len(towns)]
	return fmt.Sprintf("Flooding in %s, report %d by %s\n\n"+
		"Flooding in %s forced %d families from their homes on Monday, officials said. "+
		"The river rose %d metres overnight after a week of rain.\n\n"+
		"Rescue teams said %d people were taken to hospital. The council opened a shelter in the %s school.\n",
		town, folder, outlet, town, 10+folder, 2+folder%5, hurt, strings.ToLower(outlet))
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Sixty folders each holding fox.txt, hpo.txt and nyt.txt are 180
// articles: a file is known by its full path, not its name.
func TestSameFileNamesInManyFolders(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	for f := 0; f < 60; f++ {
		for _, o := range []string{"fox", "hpo", "nyt"} {
			writeFile(t, filepath.Join(in, fmt.Sprintf("event%02d", f), o+".txt"), newsText(f, o, 12))
		}
	}
	db := filepath.Join(dir, "p.db")
	r := parallax(t, "ingest", "--db", db, in)
	if r.code != 0 || !strings.Contains(r.stderr, "ingested 180 new, 0 revised, 0 unchanged, 0 duplicates, 0 failed") {
		t.Fatalf("first run: exit %d\n%s", r.code, r.stderr)
	}
	// The same inputs again store nothing, and say so.
	r = parallax(t, "ingest", "--db", db, in)
	if r.code != 0 || !strings.Contains(r.stderr, "ingested 0 new, 0 revised, 180 unchanged, 0 duplicates, 0 failed") {
		t.Errorf("second run: exit %d\n%s", r.code, r.stderr)
	}
	// One file edited: one revision, both versions readable.
	edited := filepath.Join(in, "event07", "fox.txt")
	writeFile(t, edited, strings.Replace(newsText(7, "fox", 15), "The council", "Two more roads were closed. The council", 1))
	r = parallax(t, "ingest", "--db", db, in)
	if r.code != 0 || !strings.Contains(r.stderr, "ingested 0 new, 1 revised, 179 unchanged") {
		t.Fatalf("after the edit: exit %d\n%s", r.code, r.stderr)
	}
	id := regexp.MustCompile(`revised: (\S+) \(`).FindStringSubmatch(r.stderr)
	if id == nil {
		t.Fatalf("the summary does not name the revised article:\n%s", r.stderr)
	}
	hist := parallax(t, "article", "--db", db, "--revisions", id[1])
	for _, want := range []string{"2 revisions", "Revision 2 (current)", "[-12-] {+15+}", "added: Two more roads were closed."} {
		if !strings.Contains(hist.stdout, want) {
			t.Errorf("--revisions lacks %q:\n%s", want, hist.stdout)
		}
	}
	first := parallax(t, "article", "--db", db, "--revision", "1", id[1])
	if !strings.Contains(first.stdout, "Rescue teams said 12 people") || strings.Contains(first.stdout, "Two more roads") {
		t.Errorf("revision 1 text:\n%s", first.stdout)
	}
	rep := parallax(t, "report", "--db", db, edited)
	for _, want := range []string{"Updates and corrections", "revision 2", "edited: “12” → “15”", "added: “Two more roads were closed.”"} {
		if !strings.Contains(rep.stdout, want) {
			t.Errorf("the report lacks %q:\n%s", want, rep.stdout)
		}
	}
	if n := strings.Count(rep.stdout, "STORY "); n != 1 {
		t.Errorf("report of one file printed %d stories", n)
	}
}

// A correction note in the text is kept as metadata and shown in the
// report beside the fact it corrects.
func TestCorrectionNoteInTheReport(t *testing.T) {
	dir := t.TempDir()
	body := newsText(3, "fox", 12) + "\nCorrection: An earlier version of this article misstated the number of people taken to hospital. It was 12, not 21.\n"
	writeFile(t, filepath.Join(dir, "fox.txt"), body)
	writeFile(t, filepath.Join(dir, "nyt.txt"), newsText(3, "nyt", 12))
	rep := parallax(t, "report", "--db", filepath.Join(dir, "p.db"), "--format", "json", dir)
	if rep.code != 0 {
		t.Fatalf("exit %d: %s", rep.code, rep.stderr)
	}
	if !strings.Contains(rep.stdout, `"kind": "correction"`) || !strings.Contains(rep.stdout, `"updates": [`) {
		t.Errorf("the report has no correction marked on a fact:\n%s", rep.stdout[:min(len(rep.stdout), 3000)])
	}
	txt := parallax(t, "report", "--db", filepath.Join(dir, "p.db"), dir)
	for _, want := range []string{"correction", "misstated the number of people", "about: “Rescue teams said 12 people were taken to hospital.”", "updated: U1"} {
		if !strings.Contains(txt.stdout, want) {
			t.Errorf("text report lacks %q:\n%s", want, txt.stdout)
		}
	}
}

// Escape sequences in titles, outlets and file names reach a terminal as
// visible stand-ins, never as escapes.
func TestTerminalEscapesAreNeutralised(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "evil\x1b[2Jname.txt")
	writeFile(t, name, "Title \x1b]52;c;aGk=\x07with escapes\x1b[31m\n\nBody of the article \x1b[1Aabout nothing in particular, officials said on Monday.")
	writeFile(t, filepath.Join(dir, "bad\x1b[5n.txt"), "")
	db := filepath.Join(dir, "p.db")
	r := parallax(t, "report", "--db", db, dir)
	list := parallax(t, "articles", "--db", db)
	for _, out := range []string{r.stdout, r.stderr, list.stdout} {
		if strings.ContainsAny(out, "\x1b\x07") {
			t.Errorf("raw escape printed:\n%q", out)
		}
	}
	if !strings.Contains(r.stdout, "␛]52;c;aGk=␇") || !strings.Contains(r.stderr, "bad␛[5n.txt") {
		t.Errorf("stand-ins missing:\n%s\n%s", r.stdout, r.stderr)
	}
}

// A run killed while it writes reports leaves stories without one; the
// next run finds and rebuilds them.
func TestReportPhaseCrashIsRepaired(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	words := strings.Fields("harbour bridge tunnel market stadium library museum airport station hospital school factory mine farm forest river")
	for i := 0; i < 1200; i++ {
		a, b, c := words[i%len(words)], words[(i/len(words))%len(words)], words[(i/7)%len(words)]
		writeFile(t, filepath.Join(in, fmt.Sprintf("a%04d.txt", i)),
			fmt.Sprintf("Report %d on the %s\n\nWork on the %s %d near the %s began, code %x, said %s%d.\n", i, a, b, i*31, c, i*7919, a, i))
	}
	db := filepath.Join(dir, "p.db")
	cmd := subprocess("ingest", "--quiet", "--db", db, in)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	killed := false
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) && !killed {
		time.Sleep(5 * time.Millisecond)
		st, err := store.OpenSQLite(ctx, db)
		if err != nil {
			continue
		}
		var with, all int
		st.DB().QueryRow(`SELECT COUNT(report), COUNT(*) FROM stories`).Scan(&with, &all)
		st.Close()
		if with > 0 && with < all {
			cmd.Process.Signal(syscall.SIGKILL)
			killed = true
		}
	}
	cmd.Wait()
	if !killed {
		t.Skip("the run finished before its report phase could be caught")
	}
	st, err := store.OpenSQLite(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	stale, _ := st.StaleReports(ctx)
	st.Close()
	if len(stale) == 0 {
		t.Fatal("no report missing after the kill")
	}
	r := parallax(t, "ingest", "--db", db, in)
	if r.code != 0 || !strings.Contains(r.stderr, fmt.Sprintf("%d reports written", len(stale))) {
		t.Errorf("re-run after the kill (%d reports missing): exit %d %s", len(stale), r.code, r.stderr)
	}
	st, _ = store.OpenSQLite(ctx, db)
	defer st.Close()
	if stale, _ := st.StaleReports(ctx); len(stale) != 0 {
		t.Errorf("%d reports still missing or stale", len(stale))
	}
}

// repair finishes what an interrupted run left, and checks the store.
func TestRepair(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	if r := parallax(t, "ingest", "--db", db, "../../examples/seeds/"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	st, err := store.OpenSQLite(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	st.DB().Exec(`UPDATE stories SET report = NULL, report_gen = NULL`)
	st.Close()
	r := parallax(t, "repair", "--db", db)
	if r.code != 0 || !strings.Contains(r.stderr, "0 articles placed in 0 stories, 1 report rebuilt") {
		t.Errorf("repair: exit %d %s", r.code, r.stderr)
	}
	if r := parallax(t, "repair", "--db", filepath.Join(dir, "none.db")); r.code != exitError || !strings.Contains(r.stderr, "no store at") {
		t.Errorf("repair of a missing store: %d %s", r.code, r.stderr)
	}
}

// Two ingests into one store at once both finish; every article is in a
// story and every report is current.
func TestConcurrentIngestsShareAStore(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	for f := 0; f < 40; f++ {
		for _, o := range []string{"fox", "hpo"} {
			writeFile(t, filepath.Join(dir, o, fmt.Sprintf("e%02d.txt", f)), newsText(f, o, 12))
		}
	}
	db := filepath.Join(dir, "p.db")
	var wg sync.WaitGroup
	results := make([]result, 2)
	for k, o := range []string{"fox", "hpo"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[k] = parallax(t, "ingest", "--db", db, filepath.Join(dir, o))
		}()
	}
	wg.Wait()
	for k, r := range results {
		if r.code != 0 {
			t.Errorf("ingest %d: exit %d %s", k, r.code, r.stderr)
		}
	}
	st, err := store.OpenSQLite(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var pending, all int
	st.DB().QueryRow(`SELECT COUNT(*) - COUNT(story_id), COUNT(*) FROM articles`).Scan(&pending, &all)
	if all != 80 || pending != 0 {
		t.Errorf("%d articles, %d without a story", all, pending)
	}
	if stale, _ := st.StaleReports(context.Background()); len(stale) != 0 {
		t.Errorf("%d reports stale after both runs", len(stale))
	}
	// The two outlets' reports of one flood are one story.
	var split int
	st.DB().QueryRow(`SELECT COUNT(*) FROM (SELECT story_id FROM articles GROUP BY story_id HAVING COUNT(*) = 1)`).Scan(&split)
	if split > 8 {
		t.Errorf("%d stories of a single article: the runs did not see each other's stories", split)
	}
}

// An ingest that carries revisions, killed at random points: every
// revision committed before the kill is there exactly once, in order, and
// a re-run completes the rest.
func TestKillDuringIngestWithRevisions(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	const records, versions = 150, 3
	dir := t.TempDir()
	// Each record's versions appear in order, spread through the file.
	var lines []string
	want := map[string][]string{} // article id → hashes, in order
	for v := 0; v < versions; v++ {
		for r := 0; r < records; r++ {
			text := fmt.Sprintf("Report %d, version %d. The council met on Monday and voted %d to %d on plan %x.", r, v+1, 5+v, r%4, r*7919)
			lines = append(lines, fmt.Sprintf(`{"id":"r%03d","source":"Wire","date":"2025-03-%02d","text":%q}`, r, 1+r%27, text))
			id := ingest.MakeID("Wire", fmt.Sprintf("id:r%03d", r))
			want[id] = append(want[id], ingest.ContentHash(text))
		}
	}
	input := filepath.Join(dir, "feed.jsonl")
	writeFile(t, input, strings.Join(lines, "\n")+"\n")
	ctx := context.Background()
	stored := func(db string) map[string][]string {
		st, err := store.OpenSQLite(ctx, db)
		if err != nil {
			t.Fatalf("reopen: %v", err)
		}
		defer st.Close()
		got := map[string][]string{}
		list, err := st.Articles(ctx, store.ArticleQuery{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range list {
			revs, err := st.Revisions(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range revs {
				got[a.ID] = append(got[a.ID], r.Hash)
			}
		}
		return got
	}
	for round, killAt := range []int{20, 200, 330} {
		db := filepath.Join(dir, fmt.Sprintf("k%d.db", round))
		cmd := subprocess("ingest", "--quiet", "--batch", "8", "--db", db, input)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			time.Sleep(2 * time.Millisecond)
			st, err := store.OpenSQLite(ctx, db)
			if err != nil {
				continue
			}
			var n int
			st.DB().QueryRow(`SELECT (SELECT COUNT(*) FROM revisions) + (SELECT COUNT(*) FROM articles)`).Scan(&n)
			st.Close()
			if n >= killAt {
				break
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got := stored(db)
		n := 0
		for id, hs := range got {
			n += len(hs)
			if len(hs) > len(want[id]) || !slices.Equal(hs, want[id][:len(hs)]) {
				t.Errorf("round %d: %s has revisions %v, not a prefix of %v", round, id, hs, want[id])
			}
		}
		t.Logf("round %d: killed with %d revisions stored", round, n)
		r := parallax(t, "ingest", "--db", db, input)
		if r.code != 0 {
			t.Fatalf("round %d: re-run: exit %d %s", round, r.code, r.stderr)
		}
		got = stored(db)
		if len(got) != records {
			t.Errorf("round %d: %d articles after the re-run, want %d", round, len(got), records)
		}
		for id, hs := range want {
			if !slices.Equal(got[id], hs) {
				t.Errorf("round %d: %s: revisions %v after the re-run, want %v", round, id, got[id], hs)
			}
		}
	}
}

// backup copies a store in use; restore brings it back, refusing to
// overwrite a store unasked or to restore what is not a sound backup.
func TestBackupAndRestore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	if r := parallax(t, "ingest", "--db", db, "../../examples/seeds/"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	backup := filepath.Join(dir, "backup.db")
	if r := parallax(t, "backup", "--db", db, "--to", backup); r.code != 0 {
		t.Fatalf("backup: %d %s", r.code, r.stderr)
	}
	if r := parallax(t, "backup", "--db", db, "--to", backup); r.code != exitError || !strings.Contains(r.stderr, "exists") {
		t.Errorf("backup over an existing file: %d %s", r.code, r.stderr)
	}
	// New work after the backup is what a restore takes back.
	writeFile(t, filepath.Join(dir, "more", "fox.txt"), newsText(1, "fox", 12))
	parallax(t, "ingest", "--db", db, filepath.Join(dir, "more"))
	if r := parallax(t, "restore", "--db", db, "--from", backup); r.code != exitError || !strings.Contains(r.stderr, "--replace") {
		t.Errorf("restore over a store without --replace: %d %s", r.code, r.stderr)
	}
	r := parallax(t, "restore", "--db", db, "--from", backup, "--replace")
	if r.code != 0 || !strings.Contains(r.stderr, "2 articles") {
		t.Errorf("restore: %d %s", r.code, r.stderr)
	}
	if st := parallax(t, "stories", "--db", db); !strings.Contains(st.stdout, "Secretary of State") || strings.Contains(st.stdout, "Flooding") {
		t.Errorf("stories after the restore:\n%s", st.stdout)
	}
	junk := filepath.Join(dir, "junk.db")
	writeFile(t, junk, "not a database at all, just text")
	if r := parallax(t, "restore", "--db", filepath.Join(dir, "new.db"), "--from", junk); r.code != exitError {
		t.Errorf("restore of junk: %d %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.db")); err == nil {
		t.Error("a failed restore left a store behind")
	}
}

// SIGTERM stops an ingest busy analysing a long page within a second.
func TestSigtermStopsALongPage(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("Council news\n\n")
	for i := 0; b.Len() < 6<<20; i++ {
		fmt.Fprintf(&b, "The council met again on Tuesday in Leeds to discuss plan %d for schools and roads. Residents in York asked about taxes.\n\n", i)
	}
	page := filepath.Join(dir, "long.txt")
	writeFile(t, page, b.String())
	cmd := subprocess("ingest", "--quiet", "--db", filepath.Join(dir, "p.db"), page)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2500 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	sent := time.Now()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		t.Logf("stopped %v after SIGTERM", time.Since(sent))
	case <-time.After(time.Second):
		t.Error("still running a second after SIGTERM")
		cmd.Process.Kill()
		<-done
	}
}
