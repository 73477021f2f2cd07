package store

import (
	"fmt"

	"github.com/parallax-news/parallax/internal/dedup"
)

// rows is what both backends' query results provide (database/sql's
// Rows and pgx's Rows): the listing code below is written once.
type rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// collect scans every row into a T; no rows is an empty list, not nil
// (a JSON answer lists nothing as []).
func collect[T any](rs rows, scan func(rows, *T) error) ([]T, error) {
	out := []T{}
	for rs.Next() {
		var v T
		if err := scan(rs, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rs.Err()
}

func scanStoryVersion(rs rows, v *StoryVersion) error { return rs.Scan(&v.ID, &v.Generation) }

func scanEntityHit(rs rows, h *EntityHit) error { return rs.Scan(&h.Name, &h.Type, &h.Stories) }

func scanStoryQuote(rs rows, q *StoryQuote) error {
	return rs.Scan(&q.StoryID, &q.ArticleID, &q.Speaker, &q.Words)
}

func scanCopyLink(rs rows, l *dedup.CopyLink) error {
	return rs.Scan(&l.ArticleID, &l.OfID, &l.Relation, &l.Jaccard, &l.Contained, &l.Contains)
}

// decodeClusterItem decodes the stored profile and signature of an item.
func decodeClusterItem(it *ClusterItem, profile, sig []byte) error {
	var err error
	if it.Profile, err = decodeProfile(profile); err != nil {
		return fmt.Errorf("article %s: %w (ingest it again)", it.ID, err)
	}
	if it.Signature, err = decodeSignature(sig); err != nil {
		return fmt.Errorf("article %s: %w (ingest it again)", it.ID, err)
	}
	return nil
}

func scanOutletCount(rs rows, o *OutletCount) error {
	return rs.Scan(&o.Outlet, &o.Articles, &o.Stories, &o.First, &o.Last)
}

func scanDayCount(rs rows, d *DayCount) error {
	return rs.Scan(&d.Day, &d.Outlet, &d.Articles, &d.Stories)
}
