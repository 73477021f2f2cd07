// Package store keeps articles, their analyses, stories and reports. Store
// is the interface every backend implements; SQLite (pure Go, embedded) is
// the default, so a fresh machine needs no server.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
)

// ErrNotFound is returned when an id names nothing stored.
var ErrNotFound = errors.New("not found")

// Record is an article as stored: the input, its cleaned document, and the
// results of later stages (serialised by the stage that made them).
type Record struct {
	Article ingest.Article
	Doc     extract.Document
	// Analysis is the JSON of the language analysis, if it was run.
	Analysis []byte
	// StoryID is the story the article belongs to, once clustered.
	StoryID    string
	IngestedAt time.Time
}

// Outcome says what PutArticles did with one record.
type Outcome int

// Outcomes of storing one record.
const (
	Added     Outcome = iota // new article
	Duplicate                // same id and content, or same outlet and content: nothing stored
	Updated                  // same id, new content: replaced
)

func (o Outcome) String() string {
	return [...]string{"added", "duplicate", "updated"}[o]
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
}

// ArticleQuery filters an article listing. Zero values mean no filter.
type ArticleQuery struct {
	Outlet string
	Query  string // full-text query
	Limit  int
	Offset int
}

// Hit is a full-text search result.
type Hit struct {
	Summary
	Snippet string `json:"snippet"`
}

// Store is what every storage backend provides.
type Store interface {
	// PutArticles stores a batch atomically: all or nothing. It reports
	// what happened to each record, in order. Ingest is idempotent: the
	// same article again is a Duplicate and changes nothing.
	PutArticles(ctx context.Context, recs []Record) ([]Outcome, error)
	// Article returns one stored article.
	Article(ctx context.Context, id string) (Record, error)
	// Articles lists stored articles, newest first.
	Articles(ctx context.Context, q ArticleQuery) ([]Summary, error)
	// CountArticles returns the number of stored articles.
	CountArticles(ctx context.Context) (int, error)
	// Close releases the store.
	Close() error
}
