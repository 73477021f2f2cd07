package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/store"
)

// Export pages through the whole collection: every article once, every
// story's report once, each line a JSON object, however the pages fall.
func TestExportWritesEveryArticleAndStory(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	topics := []string{"harbour bridge closure", "school budget vote", "river flood warning"}
	for i := range 7 {
		topic := topics[i%len(topics)]
		body := fmt.Sprintf(" date 2025-03-%02d The %s, report %d\n\nOfficials in Riverton discussed the %s on Monday, report %d said. "+
			"Residents asked questions about the %s for an hour, and the council promised an answer within a week.\n", 10+i%3, topic, i, topic, i, topic)
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("outlet%d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, "p.db")
	if r := parallax(t, "ingest", "--db", db, in); r.code != 0 {
		t.Fatalf("ingest: exit %d: %s", r.code, r.stderr)
	}
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	defer func(n int) { exportPage = n }(exportPage)
	exportPage = 2

	var b bytes.Buffer
	n, err := exportArticles(ctx, st, "", &b, newProgress("export", true))
	if err != nil || n != 7 {
		t.Fatalf("exported %d articles (%v), want 7", n, err)
	}
	ids := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		var a struct {
			ID      string `json:"id"`
			StoryID string `json:"story_id"`
			Text    string `json:"text"`
		}
		if err := json.Unmarshal([]byte(line), &a); err != nil || a.ID == "" || a.StoryID == "" || a.Text == "" {
			t.Fatalf("line %q: %v", line[:min(80, len(line))], err)
		}
		ids[a.ID] = true
	}
	if len(ids) != 7 {
		t.Errorf("%d distinct articles among 7 lines", len(ids))
	}

	b.Reset()
	stories, err := st.CountStories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n, err = exportStories(ctx, st, &b, newProgress("export", true))
	if err != nil || n != stories || n == 0 {
		t.Fatalf("exported %d stories (%v), the store has %d", n, err, stories)
	}
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		var rep struct{ ID string }
		if err := json.Unmarshal([]byte(line), &rep); err != nil || rep.ID == "" {
			t.Fatalf("story line %q: %v", line[:min(80, len(line))], err)
		}
	}

	if r := parallax(t, "export", "--db", db, "--what", "stories"); r.code != 0 || strings.Count(r.stdout, "\n") != stories {
		t.Errorf("export --what stories: exit %d, %d lines: %s", r.code, strings.Count(r.stdout, "\n"), r.stderr)
	}
	if r := parallax(t, "export", "--db", db, "--format", "csv"); r.code != 2 {
		t.Errorf("export --format csv: exit %d, want 2", r.code)
	}
}
