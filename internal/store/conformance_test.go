package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/store/pgtest"
	"github.com/parallax-news/parallax/internal/timex"
)

// The conformance suite: every test here runs against each backend, the
// embedded SQLite store and PostgreSQL (a fresh schema on the test
// server; see pgtest), and asserts the same behaviour of both.

func TestPutOutcomes(t *testing.T) {
	forEachStore(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		recs := []Record{
			record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday, officials said."),
			record("Beta", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday, officials said."),
			record("Alpha", "b.txt", "Other story\n\nSomething else happened in the city today."),
		}
		out, err := s.PutArticles(ctx, recs)
		if err != nil {
			t.Fatal(err)
		}
		if got := outcomes(out); !slices.Equal(got, []Outcome{Added, Added, Added}) {
			t.Fatalf("first put: %v", got)
		}
		again, err := s.PutArticles(ctx, recs)
		if err != nil {
			t.Fatal(err)
		}
		if got := outcomes(again); !slices.Equal(got, []Outcome{Unchanged, Unchanged, Unchanged}) {
			t.Errorf("re-put: %v, want unchanged", got)
		}
		// Same outlet and content under another key: one article, reported.
		renamed := record("Alpha", "copy-of-a.txt", recs[0].Article.Raw)
		if o, _ := s.PutArticles(ctx, []Record{renamed}); o[0].Outcome != Duplicate || o[0].ID != recs[0].Article.ID {
			t.Errorf("renamed copy: %+v", o[0])
		}
		// Same key, new content: a revision; the first is kept.
		changed := record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday; two people were hurt.")
		if o, _ := s.PutArticles(ctx, []Record{changed}); o[0].Outcome != Revised || o[0].Revision != 2 {
			t.Errorf("changed content: %+v", o[0])
		}
		// The first content again is a re-read, not a third revision.
		if o, _ := s.PutArticles(ctx, []Record{recs[0]}); o[0].Outcome != Unchanged || o[0].Revision != 1 {
			t.Errorf("old content again: %+v", o[0])
		}
		if n, _ := s.CountArticles(ctx); n != 3 {
			t.Errorf("count = %d, want 3", n)
		}
		got, err := s.Article(ctx, changed.Article.ID)
		if err != nil || got.Article.Raw != changed.Article.Raw || got.Doc.Text != changed.Doc.Text || got.Doc.Headline.Value != "Storm hits coast" {
			t.Errorf("read back: %v %+v", err, got.Doc.Headline)
		}
		revs, err := s.Revisions(ctx, changed.Article.ID)
		if err != nil || len(revs) != 2 {
			t.Fatalf("revisions: %v %d", err, len(revs))
		}
		if revs[0].Raw != recs[0].Article.Raw || revs[0].Current || revs[1].Raw != changed.Article.Raw || !revs[1].Current || revs[0].Hash == revs[1].Hash {
			t.Errorf("revisions read back wrong: %+v", revs)
		}
	})
}

func TestBatchIsAtomic(t *testing.T) {
	forEachStore(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		// A trigger makes the second insert of the batch fail inside the
		// transaction: the first must not survive.
		failInsertsOf(t, s, "Boom")
		good := record("Alpha", "a.txt", "Title\n\nBody text one.")
		boom := record("Boom", "b.txt", "Title\n\nBody text two.")
		if _, err := s.PutArticles(ctx, []Record{good, boom}); err == nil || !strings.Contains(err.Error(), "boom") {
			t.Fatalf("batch with a failing record: err = %v", err)
		}
		if n, _ := s.CountArticles(ctx); n != 0 {
			t.Errorf("failed batch left %d rows", n)
		}
		if out, err := s.PutArticles(ctx, []Record{good}); err != nil || out[0].Outcome != Added {
			t.Errorf("store usable after a failed batch: %v %v", out, err)
		}
	})
}

func TestArticlesListingAndSearch(t *testing.T) {
	forEachStore(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		_, err := s.PutArticles(ctx, []Record{
			record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday, officials said."),
			record("Beta", "b.txt", "Budget passes\n\nThe council passed the budget after a long debate."),
		})
		if err != nil {
			t.Fatal(err)
		}
		all, _ := s.Articles(ctx, ArticleQuery{})
		if len(all) != 2 {
			t.Fatalf("listing: %d", len(all))
		}
		hits, err := s.Articles(ctx, ArticleQuery{Query: "storm coast"})
		if err != nil || len(hits) != 1 || hits[0].Outlet != "Alpha" {
			t.Errorf("search: %v %v", err, hits)
		}
		if hits, err := s.Articles(ctx, ArticleQuery{Query: `"unbalanced AND (`}); err != nil || len(hits) != 0 {
			t.Errorf("odd query: %v %v", err, hits)
		}
		if only, _ := s.Articles(ctx, ArticleQuery{Outlet: "beta"}); len(only) != 1 {
			t.Errorf("outlet filter: %v", only)
		}
		if _, err := s.Article(ctx, "nope"); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing article: %v", err)
		}
	})
}

func TestOutletCounts(t *testing.T) {
	forEachStore(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		if _, err := s.PutArticles(ctx, []Record{
			record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday, officials said."),
			record("Alpha", "c.txt", "Storm moves inland\n\nThe storm moved inland on Tuesday, forecasters said."),
			record("Beta", "b.txt", "Budget passes\n\nThe council passed the budget after a long debate."),
		}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Outlets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].Outlet != "Alpha" || got[0].Articles != 2 || got[1].Outlet != "Beta" || got[1].Articles != 1 {
			t.Errorf("outlets: %+v", got)
		}
		// Undated records are not counted by day; dated ones are, from
		// the day asked.
		if days, err := s.PerDay(ctx, ""); err != nil || len(days) != 0 {
			t.Errorf("per day without dates: %+v %v", days, err)
		}
		var dated []Record
		for i, day := range []int{3, 3, 4} {
			r := record("Delta", fmt.Sprintf("d%d.txt", i), fmt.Sprintf("Report %d\n\nThe river rose by %d metres on the day, the agency said.", i, i+1))
			r.Article.Published = timex.At(time.Date(2025, 3, day, 9, 0, 0, 0, time.UTC), timex.Minute)
			r.Doc = extract.Clean(&r.Article)
			dated = append(dated, r)
		}
		if _, err := s.PutArticles(ctx, dated); err != nil {
			t.Fatal(err)
		}
		days, err := s.PerDay(ctx, "2025-03-01")
		want := []DayCount{{Day: "2025-03-03", Outlet: "Delta", Articles: 2}, {Day: "2025-03-04", Outlet: "Delta", Articles: 1}}
		if err != nil || !slices.Equal(days, want) {
			t.Errorf("per day: %+v %v, want %+v", days, err, want)
		}
		if days, _ := s.PerDay(ctx, "2025-03-04"); len(days) != 1 {
			t.Errorf("per day since the 4th: %+v", days)
		}
	})
}

// The full-text index follows the text through updates, and assigning a
// story (which changes neither title nor text) leaves it consistent.
func TestSearchIndexFollowsUpdates(t *testing.T) {
	forEachStore(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		if _, err := s.PutArticles(ctx, []Record{record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday.")}); err != nil {
			t.Fatal(err)
		}
		all, _ := s.Articles(ctx, ArticleQuery{})
		saveClustering(t, s, []Assignment{{ArticleID: all[0].ID, StoryID: "story-1"}}, nil)
		check := func(query string, want int) {
			t.Helper()
			hits, err := s.Articles(ctx, ArticleQuery{Query: query})
			if err != nil || len(hits) != want {
				t.Errorf("search %q: %d hits (%v), want %d", query, len(hits), err, want)
			}
		}
		check("storm", 1)
		// The same source, edited: its new words are found, its old ones not.
		if _, err := s.PutArticles(ctx, []Record{record("Alpha", "a.txt", "Flood hits valley\n\nA flood hit the valley on Tuesday.")}); err != nil {
			t.Fatal(err)
		}
		check("storm", 0)
		check("flood valley", 1)
		checkSearchIndex(t, s)
	})
}

// A revised article leaves its story: the story's summary no longer
// counts it, its report is stale, and clusterers are told to rebuild.
func TestRevisionLeavesItsStory(t *testing.T) {
	forEachStore(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		a := record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday.")
		b := record("Alpha", "b.txt", "Storm toll rises\n\nThe storm that hit the coast killed three.")
		if _, err := s.PutArticles(ctx, []Record{a, b}); err != nil {
			t.Fatal(err)
		}
		st := saveClustering(t, s, []Assignment{{a.Article.ID, "story-1"}, {b.Article.ID, "story-1"}}, nil)
		if err := s.SaveReport(ctx, "story-1", st.Generation, []byte(`{}`), ReportIndex{}); err != nil {
			t.Fatal(err)
		}
		if stale, _ := s.StaleReports(ctx); len(stale) != 0 {
			t.Fatalf("fresh report listed stale: %v", stale)
		}
		edited := record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday; two were hurt.")
		if _, err := s.PutArticles(ctx, []Record{edited}); err != nil {
			t.Fatal(err)
		}
		sum, arts, err := s.Story(ctx, "story-1")
		if err != nil || sum.Articles != 1 || len(arts) != 1 || arts[0].ID != b.Article.ID {
			t.Errorf("story after the revision: %+v %v %v", sum, arts, err)
		}
		stale, _ := s.StaleReports(ctx)
		if len(stale) != 1 || stale[0].ID != "story-1" {
			t.Errorf("stale reports: %v", stale)
		}
		var pending []string
		now, err := s.ClusterItems(ctx, ClusterQuery{Pending: true}, func(it ClusterItem) error {
			pending = append(pending, it.ID)
			return nil
		})
		if err != nil || len(pending) != 1 || pending[0] != a.Article.ID {
			t.Errorf("pending after the revision: %v %v", pending, err)
		}
		if now.Epoch <= st.Epoch || now.Generation <= st.Generation {
			t.Errorf("state %+v did not move on from %+v", now, st)
		}
	})
}

// A report built from an older generation never replaces a newer one, and
// a report of a story that is gone is ErrNotFound.
func TestReportsKeepTheLatestGeneration(t *testing.T) {
	forEachStore(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		a := record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday.")
		if _, err := s.PutArticles(ctx, []Record{a}); err != nil {
			t.Fatal(err)
		}
		st := saveClustering(t, s, []Assignment{{a.Article.ID, "story-1"}}, nil)
		if err := s.SaveReport(ctx, "story-1", st.Generation+5, []byte(`{"n":"new"}`), ReportIndex{}); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveReport(ctx, "story-1", st.Generation, []byte(`{"n":"old"}`), ReportIndex{}); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Report(ctx, "story-1"); string(got) != `{"n":"new"}` {
			t.Errorf("report = %s", got)
		}
		if err := s.SaveReport(ctx, "story-gone", 1, []byte(`{}`), ReportIndex{}); !errors.Is(err, ErrNotFound) {
			t.Errorf("report of a missing story: %v", err)
		}
	})
}

// Two processes storing the same articles at once store each one once:
// one batch adds them, the other finds them stored.
func TestConcurrentPutsStoreOnce(t *testing.T) {
	forEachStore(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		var recs []Record
		for i := range 20 {
			recs = append(recs, record("Alpha", fmt.Sprintf("%02d.txt", i), fmt.Sprintf("Title %d\n\nBody of article number %d, with words.", i, i)))
		}
		// Each writer takes the batch in another order.
		rev := slices.Clone(recs)
		slices.Reverse(rev)
		var wg sync.WaitGroup
		added := make([]int, 4)
		errs := make([]error, 4)
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				batch := recs
				if w%2 == 1 {
					batch = rev
				}
				out, err := s.PutArticles(ctx, slices.Clone(batch))
				errs[w] = err
				for _, p := range out {
					if p.Outcome == Added {
						added[w]++
					}
				}
			}()
		}
		wg.Wait()
		total := 0
		for w := range 4 {
			if errs[w] != nil {
				t.Fatalf("writer %d: %v", w, errs[w])
			}
			total += added[w]
		}
		if n, _ := s.CountArticles(ctx); n != len(recs) || total != len(recs) {
			t.Errorf("%d stored, %d reported added; want %d of each", n, total, len(recs))
		}
	})
}

// The clustering lock admits one clusterer at a time: a second waits
// until the first commits, then sees its decisions.
func TestClusteringLockIsExclusive(t *testing.T) {
	forEachStore(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		a := record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday.")
		if _, err := s.PutArticles(ctx, []Record{a}); err != nil {
			t.Fatal(err)
		}
		inside := make(chan struct{})
		release := make(chan struct{})
		first := make(chan error, 1)
		go func() {
			first <- s.Clustering(ctx, func(tx ClusterTx) error {
				close(inside)
				<-release
				_, err := tx.SaveClustering(ctx, []Assignment{{a.Article.ID, "story-1"}}, nil)
				return err
			})
		}()
		<-inside
		second := make(chan ClusterState, 1)
		go func() {
			s.Clustering(ctx, func(tx ClusterTx) error {
				st, err := tx.State(ctx)
				second <- st
				return err
			})
		}()
		select {
		case <-second:
			t.Fatal("a second clusterer entered while the first held the lock")
		case <-time.After(300 * time.Millisecond):
		}
		close(release)
		if err := <-first; err != nil {
			t.Fatal(err)
		}
		select {
		case st := <-second:
			if st.Generation != 1 {
				t.Errorf("the second clusterer saw generation %d, want the first's 1", st.Generation)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the second clusterer never entered")
		}
	})
}

// Stories are found by outlet, entity (any case), words and time; quotes
// by their words; copies from either end.
func TestStoryQueries(t *testing.T) {
	forEachStore(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		a := record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday.")
		b := record("Beta", "b.txt", "Budget passes\n\nThe council passed the budget after a long debate.")
		c := record("Gamma", "c.txt", "Storm hits coast\n\nA storm hit the coast on Monday, officials said.")
		if _, err := s.PutArticles(ctx, []Record{a, b, c}); err != nil {
			t.Fatal(err)
		}
		link := dedup.CopyLink{ArticleID: c.Article.ID, OfID: a.Article.ID, Relation: "edited copy", Jaccard: 0.8, Contained: 0.9, Contains: 0.85}
		st := saveClustering(t, s, []Assignment{{a.Article.ID, "s-storm"}, {c.Article.ID, "s-storm"}, {b.Article.ID, "s-budget"}}, []dedup.CopyLink{link})
		idx := ReportIndex{
			Entities: []StoryEntity{{Name: "Chuck Schumer", Type: "PER", Outlets: 2}},
			Quotes:   []StoryQuote{{ArticleID: a.Article.ID, Speaker: "Chuck Schumer", Words: "The levees held through the night"}},
			Main:     []string{"Chuck Schumer"},
		}
		if err := s.SaveReport(ctx, "s-storm", st.Generation, []byte(`{"id":"s-storm"}`), idx); err != nil {
			t.Fatal(err)
		}
		ids := func(list []StorySummary, err error) []string {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, x := range list {
				out = append(out, x.ID)
			}
			slices.Sort(out)
			return out
		}
		for _, tc := range []struct {
			q    StoryQuery
			want []string
		}{
			{StoryQuery{}, []string{"s-budget", "s-storm"}},
			{StoryQuery{Outlet: "Gamma"}, []string{"s-storm"}},
			{StoryQuery{Entity: "chuck schumer"}, []string{"s-storm"}},
			{StoryQuery{Outlet: "gamma"}, []string{"s-storm"}},
			{StoryQuery{Entity: "Schumer"}, []string{"s-storm"}},
			{StoryQuery{Entity: "Schum"}, nil},
			{StoryQuery{Query: "budget debate"}, []string{"s-budget"}},
			{StoryQuery{IDs: []string{"s-budget", "nope"}}, []string{"s-budget"}},
			{StoryQuery{Limit: 1, Offset: 5}, nil},
			{StoryQuery{AnyOutlet: []string{"alpha", "Beta"}}, []string{"s-budget", "s-storm"}},
			{StoryQuery{AnyOutlet: []string{"alpha"}, NoOutlet: []string{"GAMMA"}}, nil},
			{StoryQuery{AnyOutlet: []string{"beta", "alpha"}, NoOutlet: []string{"gamma"}}, []string{"s-budget"}},
		} {
			if got := ids(s.Stories(ctx, tc.q)); !slices.Equal(got, tc.want) {
				t.Errorf("stories %+v = %v, want %v", tc.q, got, tc.want)
			}
		}
		sum, arts, err := s.Story(ctx, "s-storm")
		if err != nil || sum.Articles != 2 || sum.Outlets != 2 || sum.Copies != 1 || len(arts) != 2 || len(sum.Entities) != 1 {
			t.Errorf("story: %+v %v %v", sum, arts, err)
		}
		if hits, err := s.Entities(ctx, "schum", 10); err != nil || len(hits) != 1 || hits[0].Stories != 1 {
			t.Errorf("entities: %v %v", hits, err)
		}
		if qs, err := s.SearchQuotes(ctx, "levees", 10); err != nil || len(qs) != 1 || qs[0].StoryID != "s-storm" {
			t.Errorf("quotes: %v %v", qs, err)
		}
		for _, id := range []string{a.Article.ID, c.Article.ID} {
			if ls, err := s.Copies(ctx, []string{id}); err != nil || len(ls) != 1 || ls[0] != link {
				t.Errorf("copies of %s: %v %v", id, ls, err)
			}
		}
		if got, err := s.Report(ctx, "s-budget"); !errors.Is(err, ErrNotFound) {
			t.Errorf("report never saved: %s %v", got, err)
		}
		if stale, _ := s.StaleReports(ctx); len(stale) != 1 || stale[0].ID != "s-budget" {
			t.Errorf("stale: %v", stale)
		}
		if n, _ := s.CountStories(ctx); n != 2 {
			t.Errorf("%d stories", n)
		}
		// Moving the budget article into the storm story removes the
		// budget story and its index.
		saveClustering(t, s, []Assignment{{b.Article.ID, "s-storm"}}, nil)
		if got := ids(s.Stories(ctx, StoryQuery{})); !slices.Equal(got, []string{"s-storm"}) {
			t.Errorf("after the move: %v", got)
		}
		var since []string
		if _, err := s.ClusterItems(ctx, ClusterQuery{Since: st.Generation}, func(it ClusterItem) error {
			since = append(since, it.ID)
			return nil
		}); err != nil || !slices.Equal(since, []string{b.Article.ID}) {
			t.Errorf("assigned since generation %d: %v %v", st.Generation, since, err)
		}
	})
}

// forEachStore runs a test against each backend, each fresh.
func forEachStore(t *testing.T, fn func(t *testing.T, s Store)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, openTemp(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, openTempPostgres(t)) })
}

func openTempPostgres(t *testing.T) *Postgres {
	t.Helper()
	s, err := OpenPostgres(context.Background(), pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// failInsertsOf makes the store refuse, inside its transaction, to
// insert an article of the outlet: a failure in the middle of a batch.
func failInsertsOf(t *testing.T, s Store, outlet string) {
	t.Helper()
	var err error
	switch s := s.(type) {
	case *SQLite:
		_, err = s.DB().Exec(`CREATE TRIGGER fail_boom BEFORE INSERT ON articles WHEN new.outlet = '` + outlet + `'
			BEGIN SELECT RAISE(ABORT, 'boom'); END`)
	case *Postgres:
		_, err = s.Pool().Exec(context.Background(), `CREATE FUNCTION fail_boom() RETURNS trigger AS $$
			BEGIN IF NEW.outlet = '`+outlet+`' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
			CREATE TRIGGER fail_boom BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION fail_boom();`)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// checkSearchIndex checks the store's full-text index against its rows.
func checkSearchIndex(t *testing.T, s Store) {
	t.Helper()
	var err error
	switch s := s.(type) {
	case *SQLite:
		_, err = s.DB().Exec(`INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)`)
	case *Postgres:
		var bad int
		err = s.Pool().QueryRow(context.Background(), `SELECT COUNT(*) FROM articles a LEFT JOIN article_search f ON f.id = a.id
			WHERE f.search IS DISTINCT FROM to_tsvector('simple', a.title || ' ' || left(a.text, 200000))`).Scan(&bad)
		if err == nil && bad > 0 {
			err = fmt.Errorf("%d rows", bad)
		}
	}
	if err != nil {
		t.Errorf("full-text index out of step with the articles: %v", err)
	}
}

// Reports saved in one batch each follow SaveReport's rules: a story
// gone is listed, an older generation does not replace a newer one.
func TestSaveReportsInOneBatch(t *testing.T) {
	forEachStore(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		a := record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday.")
		b := record("Beta", "b.txt", "Budget passes\n\nThe council passed the budget.")
		if _, err := s.PutArticles(ctx, []Record{a, b}); err != nil {
			t.Fatal(err)
		}
		st := saveClustering(t, s, []Assignment{{a.Article.ID, "s1"}, {b.Article.ID, "s2"}}, nil)
		if err := s.SaveReport(ctx, "s2", st.Generation+1, []byte(`{"v":"newer"}`), ReportIndex{}); err != nil {
			t.Fatal(err)
		}
		gone, err := s.SaveReports(ctx, []StoryReport{
			{StoryID: "s1", Generation: st.Generation, JSON: []byte(`{"v":"s1"}`), Index: ReportIndex{Entities: []StoryEntity{{Name: "Coast Guard", Type: "ORG", Outlets: 1}}}},
			{StoryID: "s2", Generation: st.Generation, JSON: []byte(`{"v":"older"}`)},
			{StoryID: "gone", Generation: st.Generation, JSON: []byte(`{}`)},
		})
		if err != nil || !slices.Equal(gone, []string{"gone"}) {
			t.Fatalf("gone %v, err %v", gone, err)
		}
		if r, _ := s.Report(ctx, "s1"); string(r) != `{"v":"s1"}` {
			t.Errorf("s1: %s", r)
		}
		if r, _ := s.Report(ctx, "s2"); string(r) != `{"v":"newer"}` {
			t.Errorf("s2: %s", r)
		}
		if hits, _ := s.Entities(ctx, "coast", 5); len(hits) != 1 {
			t.Errorf("entities: %v", hits)
		}
		if stale, _ := s.StaleReports(ctx); len(stale) != 0 {
			t.Errorf("stale: %v", stale)
		}
	})
}

// A listing continued after its last article (a cursor) gives the rest,
// in the same order, with nothing twice and nothing missed.
func TestArticlesCursor(t *testing.T) {
	forEachStore(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		var recs []Record
		for i := range 7 {
			r := record("Alpha", fmt.Sprintf("%d.txt", i), fmt.Sprintf("Title %d\n\nBody %d of the article.", i, i))
			if i%3 != 0 { // some share a time, one has none
				r.Article.Published = timex.At(time.Date(2025, 1, 1+i%2, 0, 0, 0, 0, time.UTC), timex.Day)
			}
			recs = append(recs, r)
		}
		if _, err := s.PutArticles(ctx, recs); err != nil {
			t.Fatal(err)
		}
		all, err := s.Articles(ctx, ArticleQuery{})
		if err != nil || len(all) != 7 {
			t.Fatalf("all: %d %v", len(all), err)
		}
		var paged []Summary
		q := ArticleQuery{Limit: 3}
		for {
			page, err := s.Articles(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, page...)
			if len(page) < q.Limit {
				break
			}
			q.After = &page[len(page)-1]
		}
		if len(paged) != len(all) {
			t.Fatalf("paged %d, want %d", len(paged), len(all))
		}
		for i := range all {
			if paged[i].ID != all[i].ID {
				t.Errorf("position %d: %s, want %s", i, paged[i].ID, all[i].ID)
			}
		}
	})
}

// Stories page by cursor as articles do.
func TestStoriesCursor(t *testing.T) {
	forEachStore(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		var recs []Record
		var as []Assignment
		for i := range 5 {
			r := record("Alpha", fmt.Sprintf("%d.txt", i), fmt.Sprintf("Title %d\n\nBody %d of the article.", i, i))
			recs = append(recs, r)
			as = append(as, Assignment{ArticleID: r.Article.ID, StoryID: fmt.Sprintf("s%d", i)})
		}
		if _, err := s.PutArticles(ctx, recs); err != nil {
			t.Fatal(err)
		}
		saveClustering(t, s, as, nil)
		all, _ := s.Stories(ctx, StoryQuery{})
		var paged []string
		q := StoryQuery{Limit: 2}
		for {
			page, err := s.Stories(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range page {
				paged = append(paged, st.ID)
			}
			if len(page) < q.Limit {
				break
			}
			q.After = &page[len(page)-1]
		}
		var want []string
		for _, st := range all {
			want = append(want, st.ID)
		}
		if !slices.Equal(paged, want) || len(want) != 5 {
			t.Errorf("paged %v, want %v", paged, want)
		}
	})
}

// Saved searches and their outbox: a key is queued once, due deliveries
// come oldest first, a retry waits, a delivered one is not due again, and
// removing an alert removes its outbox.
func TestAlertsAndOutbox(t *testing.T) {
	forEachStore(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		a := Alert{ID: "a1", Name: "Harbour", Entity: "Harbour Bridge", Webhook: "http://127.0.0.1:9/hook", Secret: "k"}
		if err := s.SaveAlert(ctx, a); err != nil {
			t.Fatal(err)
		}
		a.Name = "Harbour bridge"
		if err := s.SaveAlert(ctx, a); err != nil {
			t.Fatal(err)
		}
		list, err := s.ListAlerts(ctx)
		if err != nil || len(list) != 1 || list[0].Name != "Harbour bridge" || list[0].Secret != "k" || list[0].Entity != "Harbour Bridge" {
			t.Fatalf("alerts: %+v %v", list, err)
		}
		t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
		ds := []Delivery{
			{Key: "a1/s1/3", AlertID: "a1", StoryID: "s1", Payload: []byte(`{"n":1}`), NextAt: t0},
			{Key: "a1/s2/3", AlertID: "a1", StoryID: "s2", Payload: []byte(`{"n":2}`), NextAt: t0.Add(time.Second)},
		}
		if n, err := s.Enqueue(ctx, ds); err != nil || n != 2 {
			t.Fatalf("enqueue: %d %v", n, err)
		}
		if n, err := s.Enqueue(ctx, ds[:1]); err != nil || n != 0 {
			t.Errorf("the same key again: %d added, %v", n, err)
		}
		due, err := s.DueDeliveries(ctx, t0.Add(time.Minute), 10)
		if err != nil || len(due) != 2 || due[0].Key != "a1/s1/3" || string(due[0].Payload) != `{"n":1}` {
			t.Fatalf("due: %+v %v", due, err)
		}
		if err := s.Retry(ctx, "a1/s1/3", 1, t0.Add(time.Hour), "503 Service Unavailable"); err != nil {
			t.Fatal(err)
		}
		if err := s.Delivered(ctx, "a1/s2/3", t0.Add(2*time.Second)); err != nil {
			t.Fatal(err)
		}
		if due, _ := s.DueDeliveries(ctx, t0.Add(time.Minute), 10); len(due) != 0 {
			t.Errorf("due after a retry and a delivery: %+v", due)
		}
		if due, _ := s.DueDeliveries(ctx, t0.Add(2*time.Hour), 10); len(due) != 1 || due[0].Attempts != 1 || due[0].LastError == "" {
			t.Errorf("due after the retry's time: %+v", due)
		}
		if out, err := s.Deliveries(ctx, "a1", 10); err != nil || len(out) != 2 {
			t.Errorf("outbox: %+v %v", out, err)
		}
		if err := s.DeleteAlert(ctx, "a1"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteAlert(ctx, "a1"); !errors.Is(err, ErrNotFound) {
			t.Errorf("deleting twice: %v", err)
		}
		if out, _ := s.Deliveries(ctx, "a1", 10); len(out) != 0 {
			t.Errorf("outbox of a deleted alert: %+v", out)
		}
	})
}
