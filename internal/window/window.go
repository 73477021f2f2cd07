// Package window bounds the memory of the indexes kept over an endless
// stream of articles (copy detection's, story clustering's): items idle
// for longer than a horizon, measured against the newest item seen, leave
// the index.
package window

import "time"

// Expired reports whether an item last seen at t is older than horizon
// before newest. An item without a time never expires.
func Expired(t, newest time.Time, horizon time.Duration) bool {
	return !t.IsZero() && !newest.IsZero() && t.Before(newest.Add(-horizon))
}

// Prune removes from every posting list the items gone reports, and the
// lists left empty.
func Prune[K comparable](postings map[K][]int32, gone func(int32) bool) {
	for k, ids := range postings {
		kept := ids[:0]
		for _, id := range ids {
			if !gone(id) {
				kept = append(kept, id)
			}
		}
		if len(kept) == 0 {
			delete(postings, k)
		} else {
			postings[k] = kept
		}
	}
}
