// Package store keeps articles, their analyses, stories and reports. Store
// is the interface every backend implements; SQLite (pure Go, embedded) is
// the default, so a fresh machine needs no server.
package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/timex"
)

// ErrNotFound is returned when an id names nothing stored.
var ErrNotFound = errors.New("not found")

// Record is an article as stored: the input, its cleaned document, and the
// results of the later stages, as their own types. Only the store encodes
// them (codec.go).
type Record struct {
	Article ingest.Article
	Doc     extract.Document
	// Analysis is the language analysis; nil when it was not run.
	Analysis *nlp.Analysis
	// StoryID is the story the article belongs to, once clustered.
	StoryID    string
	IngestedAt time.Time
	// Profile and Signature are what story clustering and copy detection
	// need of the article, kept so that a later run can rebuild their
	// state without reading texts again.
	Profile   cluster.Profile
	Signature dedup.Signature
}

// Published is the article's publication time as precisely as known
// (extract.PublishedTime).
func (r *Record) Published() timex.Moment {
	return extract.PublishedTime(&r.Doc, r.Article.Published)
}

// Outcome says what PutArticles did with one record.
type Outcome int

// Outcomes of storing one record. Nothing is ever replaced: an article's
// new content is a new revision, and the earlier ones are kept.
const (
	Added     Outcome = iota // a new article
	Revised                  // a known key with new content: a new revision
	Unchanged                // a known key with content it already had: nothing stored
	Duplicate                // another article of the outlet has this content: nothing stored
)

func (o Outcome) String() string {
	return [...]string{"added", "revised", "unchanged", "duplicate"}[o]
}

// Put says what PutArticles did with one record.
type Put struct {
	Outcome Outcome
	// ID is the stored article the record is: its own id when added, the
	// article it revised or matched, or (Duplicate) the article whose
	// content it has.
	ID string
	// Revision is the article's revision the record is: the new one, or
	// the one whose content it has.
	Revision int
}

// Revision is one version of an article's content.
type Revision struct {
	Number   int       `json:"number"`
	Hash     string    `json:"hash"`
	Source   string    `json:"source"`
	Fetched  time.Time `json:"fetched,omitzero"`
	Ingested time.Time `json:"ingested"`
	Title    string    `json:"title"`
	Current  bool      `json:"current"`
	// Raw and Text are the revision's input and cleaned text.
	Raw  string `json:"-"`
	Text string `json:"-"`
}

// Summary is one line of an article listing.
type Summary struct {
	ID        string    `json:"id"`
	Outlet    string    `json:"outlet"`
	Title     string    `json:"title"`
	Published string    `json:"published,omitempty"`
	Language  string    `json:"language,omitempty"`
	Source    string    `json:"source"`
	StoryID   string    `json:"story_id,omitempty"`
	Ingested  time.Time `json:"ingested"`
	Words     int       `json:"words"`
	// Revision is the number of the current revision (1 for an article
	// never revised).
	Revision int `json:"revision"`
}

// ArticleQuery filters an article listing. Zero values mean no filter.
type ArticleQuery struct {
	Outlet string
	Query  string   // full-text query
	IDs    []string // only these articles
	Limit  int
	Offset int
	// After continues a listing after this article (a cursor): the
	// articles that come after it in the listing's order, newest first.
	After *Summary
}

// Hit is a full-text search result.
type Hit struct {
	Summary
	Snippet string `json:"snippet"`
}

// ClusterState is the store's clustering generation. Generation counts
// the changes of story assignments; Epoch counts those that take an
// article out of its story (a revision), after which a clusterer holding
// state in memory must rebuild it rather than catch up.
type ClusterState struct {
	Generation, Epoch int64
}

// ClusterQuery selects the articles ClusterItems reads.
type ClusterQuery struct {
	// Pending selects articles in no story yet; else those in a story.
	Pending bool
	// Since, with Pending false, selects those assigned after that
	// generation (what other processes did since).
	Since int64
	// Limit bounds the articles read (0: all).
	Limit int
}

// ClusterTx is the store's side of one clustering step, taken under the
// clustering lock: one process decides at a time.
type ClusterTx interface {
	// State is the clustering generation as this step sees it.
	State(ctx context.Context) (ClusterState, error)
	// ClusterItems calls fn for the articles q selects, in publication
	// order (unknown times last, then by id).
	ClusterItems(ctx context.Context, q ClusterQuery, fn func(ClusterItem) error) error
	// SaveClustering stores story assignments and copy links, refreshes
	// the summaries of the stories they touch and advances the generation.
	SaveClustering(ctx context.Context, as []Assignment, links []dedup.CopyLink) (ClusterState, error)
}

// StoryVersion names a story as of a generation of its content.
type StoryVersion struct {
	ID         string
	Generation int64
}

// ClusterItem is what clustering reads back of a stored article.
type ClusterItem struct {
	ID, Outlet, StoryID string
	Published           string // RFC 3339, "" when unknown
	Profile             cluster.Profile
	Signature           dedup.Signature
}

// Assignment puts an article in a story.
type Assignment struct {
	ArticleID, StoryID string
}

// StoryReport is a story's report as stored: its JSON, the generation
// of the story it was computed from, and what it names.
type StoryReport struct {
	StoryID    string
	Generation int64
	JSON       []byte
	Index      ReportIndex
}

// StorySummary is one line of a story listing.
type StorySummary struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	First    string    `json:"first,omitempty"`
	Last     string    `json:"last,omitempty"`
	Articles int       `json:"articles"`
	Outlets  int       `json:"outlets"`
	Copies   int       `json:"copies"`
	Updated  time.Time `json:"updated"`
	// Generation is the clustering generation of the story's last change:
	// a report built from it is current until the story changes again.
	Generation int64 `json:"-"`
	// Entities and Times come from the story's report: its main
	// participants and its articles' publication times (RFC 3339).
	Entities []string `json:"entities,omitempty"`
	Times    []string `json:"times,omitempty"`
}

// OutletCount is what the store holds of one outlet.
type OutletCount struct {
	Outlet   string `json:"outlet"`
	Articles int    `json:"articles"`
	Stories  int    `json:"stories"`
	// First and Last are its earliest and latest publication times (RFC
	// 3339), "" when none is known.
	First string `json:"first,omitempty"`
	Last  string `json:"last,omitempty"`
}

// DayCount is one outlet's articles, and the stories they are in, on one
// publication day.
type DayCount struct {
	Day      string `json:"day"` // YYYY-MM-DD
	Outlet   string `json:"outlet"`
	Articles int    `json:"articles"`
	Stories  int    `json:"stories"`
}

// perDaySQL counts articles and stories per day and outlet; both stores
// run it (the day bound is its one argument).
const perDaySQL = `SELECT substr(published, 1, 10) AS day, outlet, COUNT(*), COUNT(DISTINCT story_id)
	FROM articles WHERE published <> '' AND substr(published, 1, 10) >= %s
	GROUP BY day, outlet ORDER BY day, outlet`

// outletsSQL counts articles and stories per outlet; both stores run it.
const outletsSQL = `SELECT outlet, COUNT(*), COUNT(DISTINCT story_id), COALESCE(MIN(NULLIF(published, '')), ''), COALESCE(MAX(NULLIF(published, '')), '')
	FROM articles GROUP BY outlet ORDER BY COUNT(*) DESC, outlet`

// StoryQuery filters a story listing. Zero values mean no filter.
type StoryQuery struct {
	Since, Until string // RFC 3339 bounds on the story's last article
	Outlet       string // stories with an article from this outlet
	// AnyOutlet keeps the stories with an article from one of these
	// outlets, NoOutlet those with none from these (an outlet group and
	// the outlets outside it); outlets compare in any case.
	AnyOutlet, NoOutlet []string
	Entity              string // stories naming this person, organisation or place
	Query               string // full-text query over their articles
	IDs                 []string
	Limit               int
	Offset              int
	// After continues a listing after this story (a cursor).
	After *StorySummary
}

// TimeBound reads a bound of a time filter — a date (YYYY-MM-DD) or an
// RFC 3339 time — as the stored times are written (RFC 3339 in UTC). A
// date as an upper bound takes its whole day. The command line and the
// API read bounds with it, so both accept and refuse the same.
func TimeBound(s string, upper bool) (string, error) {
	if s == "" {
		return "", nil
	}
	if d, err := time.Parse("2006-01-02", s); err == nil {
		if upper {
			d = d.Add(24*time.Hour - time.Second)
		}
		return d.Format(time.RFC3339), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return "", fmt.Errorf("want a date (2025-12-01) or an RFC 3339 time (2025-12-01T08:30:00Z), got %q", s)
	}
	return t.UTC().Format(time.RFC3339), nil
}

// ReportIndex is what a story report names, kept for search.
type ReportIndex struct {
	Entities []StoryEntity
	Quotes   []StoryQuote
	// Main and Times are shown in story lists.
	Main, Times []string
}

// StoryEntity is a participant or place of a story.
type StoryEntity struct {
	Name, Type string
	Outlets    int
}

// StoryQuote is one outlet's wording of a quote in a story.
type StoryQuote struct {
	StoryID   string `json:"story_id"`
	ArticleID string `json:"article_id"`
	Speaker   string `json:"speaker"`
	Words     string `json:"words"`
}

// EntityHit is an entity with the number of stories naming it.
type EntityHit struct {
	Name    string `json:"name"`
	Type    string `json:"type"`
	Stories int    `json:"stories"`
}

// Store is what every storage backend provides.
type Store interface {
	// Alerts keeps saved searches and the outbox of their deliveries.
	Alerts
	// PutArticles stores a batch atomically: all or nothing. It reports
	// what happened to each record, in order. An article is known by its
	// key (ingest.Article.Key): the same key and content again changes
	// nothing; new content is a new revision, the earlier ones kept, and
	// takes the article out of its story until it is clustered again.
	PutArticles(ctx context.Context, recs []Record) ([]Put, error)
	// Article returns one stored article (its current revision).
	Article(ctx context.Context, id string) (Record, error)
	// Revisions returns every revision of an article, oldest first, with
	// its raw input and cleaned text.
	Revisions(ctx context.Context, id string) ([]Revision, error)
	// Articles lists stored articles, newest first.
	Articles(ctx context.Context, q ArticleQuery) ([]Summary, error)
	// CountArticles returns the number of stored articles.
	CountArticles(ctx context.Context) (int, error)
	// ClusterItems calls fn for the articles q selects, in publication
	// order, all read from one snapshot, and returns the generation of
	// that snapshot.
	ClusterItems(ctx context.Context, q ClusterQuery, fn func(ClusterItem) error) (ClusterState, error)
	// Clustering runs fn under the store's clustering lock, as one
	// transaction: across processes, one clusterer decides at a time and
	// the others wait. fn should be short; a long job takes the lock in
	// steps.
	Clustering(ctx context.Context, fn func(ClusterTx) error) error
	// Outlets counts each stored outlet's articles and stories, the
	// outlets with most articles first.
	Outlets(ctx context.Context) ([]OutletCount, error)
	// PerDay counts articles and the stories they are in by publication
	// day and outlet, from the day since (YYYY-MM-DD, "" for all), oldest
	// first; articles without a date are left out.
	PerDay(ctx context.Context, since string) ([]DayCount, error)
	// CountStories returns the number of stories.
	CountStories(ctx context.Context) (int, error)
	// Stories lists stories, most recently active first.
	Stories(ctx context.Context, q StoryQuery) ([]StorySummary, error)
	// Story returns one story's summary and its articles (oldest first).
	Story(ctx context.Context, id string) (StorySummary, []Summary, error)
	// Copies returns the copy links from or to the given articles.
	Copies(ctx context.Context, articleIDs []string) ([]dedup.CopyLink, error)
	// SaveReport stores a story's report (JSON), computed from the story
	// as of generation gen, and what it names. It keeps a report built from
	// a later generation; a story that no longer exists is ErrNotFound.
	SaveReport(ctx context.Context, storyID string, gen int64, report []byte, idx ReportIndex) error
	// SaveReports stores several reports in one transaction, each as
	// SaveReport would, and returns the stories that no longer exist.
	SaveReports(ctx context.Context, reports []StoryReport) (gone []string, err error)
	// StaleReports lists the stories whose report is missing or older than
	// their last change (after a crash, or another process's change).
	StaleReports(ctx context.Context) ([]StoryVersion, error)
	// Entities finds the people, organisations and places stories name.
	Entities(ctx context.Context, q string, limit int) ([]EntityHit, error)
	// EntityStories lists the stories naming an entity.
	EntityStories(ctx context.Context, name string) ([]StorySummary, error)
	// SearchQuotes finds quotes by words or speaker (full text).
	SearchQuotes(ctx context.Context, q string, limit int) ([]StoryQuote, error)
	// Report returns a story's stored report, or ErrNotFound.
	Report(ctx context.Context, storyID string) ([]byte, error)
	// Close releases the store.
	Close() error
}

// saveOne is SaveReport in terms of SaveReports, for every backend.
func saveOne(ctx context.Context, s Store, r StoryReport) error {
	gone, err := s.SaveReports(ctx, []StoryReport{r})
	if err == nil && len(gone) > 0 {
		return fmt.Errorf("story %s: %w", r.StoryID, ErrNotFound)
	}
	return err
}
