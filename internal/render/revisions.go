package render

import (
	"io"
	"strings"

	"github.com/parallax-news/parallax/internal/diff"
	"github.com/parallax-news/parallax/internal/store"
)

// RevisionJSON is one revision of an article and what changed in it from
// the revision before (none for the first).
type RevisionJSON struct {
	store.Revision
	Changes *diff.Changes `json:"changes,omitempty"`
}

// Revisions is the history of one article.
type Revisions struct {
	ArticleID string         `json:"article_id"`
	Revisions []RevisionJSON `json:"revisions"`
}

// NewRevisions pairs each revision with its changes from the one before.
func NewRevisions(id string, revs []store.Revision) Revisions {
	out := Revisions{ArticleID: id, Revisions: make([]RevisionJSON, len(revs))}
	for i, r := range revs {
		out.Revisions[i].Revision = r
		if i > 0 {
			c := diff.Texts(revs[i-1].Text, r.Text)
			out.Revisions[i].Changes = &c
		}
	}
	return out
}

// RevisionsText writes an article's history for people: each revision
// with when it was read, then its changes, word diffs marked [-old-]{+new+}.
func RevisionsText(w io.Writer, h Revisions) error {
	p := &printer{w: SafeWriter(w)}
	p.printf("%s: %d revisions\n", h.ArticleID, len(h.Revisions))
	for _, r := range h.Revisions {
		current := ""
		if r.Current {
			current = " (current)"
		}
		p.printf("\nRevision %d%s, ingested %s from %s, sha256 %s\n", r.Number, current, r.Ingested.Format("2006-01-02 15:04:05Z07:00"), r.Source, r.Hash[:min(12, len(r.Hash))])
		if !r.Fetched.IsZero() {
			p.printf("  fetched %s\n", r.Fetched.Format("2006-01-02 15:04:05Z07:00"))
		}
		if r.Changes == nil {
			continue
		}
		if r.Changes.Empty() {
			p.printf("  no change in the text (the page around it changed)\n")
		}
		for _, e := range r.Changes.Edited {
			p.printf("  edited: %s\n", diffText(e.Diff, plainStyle))
		}
		for _, s := range r.Changes.Removed {
			p.printf("  removed: %s\n", s)
		}
		for _, s := range r.Changes.Added {
			p.printf("  added: %s\n", s)
		}
	}
	return p.err
}

// diffText writes a word diff inline, [-removed-] {+added+}, each part
// passed through style with its colour code.
func diffText(parts []diff.Part, style func(code, s string) string) string {
	var b strings.Builder
	for i, d := range parts {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch d.Op {
		case "-":
			b.WriteString(style("31", "[-"+d.Text+"-]"))
		case "+":
			b.WriteString(style("32", "{+"+d.Text+"+}"))
		default:
			b.WriteString(d.Text)
		}
	}
	return b.String()
}

func plainStyle(_, s string) string { return s }
