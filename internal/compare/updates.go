package compare

import (
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/diff"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/text"
)

// Revision is what changed in an article from its revision Number-1 to
// Number, which was read at At.
type Revision struct {
	Number  int
	At      time.Time
	Changes diff.Changes
}

// Update is a change an outlet made to its article after publishing it:
// a new revision Parallax read, or a correction or update note the
// article itself carries.
type Update struct {
	ArticleID string `json:"article_id"`
	Outlet    string `json:"outlet"`
	// Kind is "revision", "correction" or "update".
	Kind string `json:"kind"`
	// At is when: the time the revision was read, or the time the note
	// gives (RFC 3339; a date alone when the note gives only a date).
	At       string `json:"at,omitempty"`
	Revision int    `json:"revision,omitempty"`
	// Note is the outlet's own note, cited in the raw input.
	Note *Cited `json:"note,omitempty"`
	// Changes are what a revision changed, sentence by sentence.
	Changes []Change `json:"changes,omitempty"`
	// Concerns are the sentences of the current text the update is about:
	// those a revision added or edited, the one a note corrects.
	Concerns []text.Citation `json:"concerns,omitempty"`
}

// Change is one sentence a revision edited, added or removed.
type Change struct {
	Kind string `json:"kind"` // edited, added, removed
	// Text says it briefly: the words replaced (“12” → “15”) for an edit,
	// the sentence for an addition or removal.
	Text   string      `json:"text"`
	Before string      `json:"before,omitempty"`
	After  string      `json:"after,omitempty"`
	Diff   []diff.Part `json:"diff,omitempty"`
}

// updates lists every article's revisions and notes, in publication
// order of the articles, each article's oldest first.
func (b *builder) updates() []Update {
	var out []Update
	for i, a := range b.arts {
		for _, r := range a.Revisions {
			out = append(out, b.revisionUpdate(i, r))
		}
		for _, n := range a.Doc.Notices {
			out = append(out, b.noticeUpdate(i, n))
		}
	}
	return out
}

func (b *builder) revisionUpdate(i int, r Revision) Update {
	a := b.arts[i]
	u := Update{ArticleID: a.ID, Outlet: a.Outlet, Kind: "revision", Revision: r.Number}
	if !r.At.IsZero() {
		u.At = r.At.UTC().Format(time.RFC3339)
	}
	concern := func(sentence string) {
		if sp, ok := findSentence(a.Doc.Text, sentence); ok {
			u.Concerns = append(u.Concerns, b.cite(i, sp))
		}
	}
	for _, e := range r.Changes.Edited {
		u.Changes = append(u.Changes, Change{Kind: "edited", Text: e.Summary(), Before: e.Before, After: e.After, Diff: e.Diff})
		concern(e.After)
	}
	for _, s := range r.Changes.Added {
		u.Changes = append(u.Changes, Change{Kind: "added", Text: s})
		concern(s)
	}
	for _, s := range r.Changes.Removed {
		u.Changes = append(u.Changes, Change{Kind: "removed", Text: s})
	}
	return u
}

func (b *builder) noticeUpdate(i int, n extract.Notice) Update {
	a := b.arts[i]
	u := Update{ArticleID: a.ID, Outlet: a.Outlet, Kind: n.Kind}
	if m := n.Time.Moment; !m.IsZero() {
		u.At = m.String()
	}
	note := Cited{Text: n.Value, Spans: []text.Citation{}}
	if n.Span.Len() > 0 {
		note.Spans = []text.Citation{b.cite(i, n.Span)}
	}
	u.Note = &note
	if sp, ok := correctedSentence(a, n.Value); ok {
		u.Concerns = []text.Citation{b.cite(i, sp)}
	}
	return u
}

// findSentence finds a sentence of a revision (white space folded) in the
// current text.
func findSentence(s, sentence string) (text.Span, bool) {
	if k := strings.Index(s, sentence); k >= 0 {
		return text.Span{Start: k, End: k + len(sentence)}, true
	}
	return text.Span{}, false
}

// correctedSentence finds the sentence of the article a note is about:
// the one sharing most of the note's content words (numbers counting
// twice), when it shares at least two.
func correctedSentence(a *art, note string) (text.Span, bool) {
	want := termsOf(note)
	best, bestScore := text.Span{}, 1.0
	for _, sp := range a.Analysis.Sentences {
		score := 0.0
		for t := range termsOf(sp.Of(a.Doc.Text)) {
			if !want[t] {
				continue
			}
			score++
			if t[0] >= '0' && t[0] <= '9' {
				score++ // a number the note names says most
			}
		}
		if score > bestScore {
			best, bestScore = sp, score
		}
	}
	return best, bestScore > 1
}

// markUpdates notes, on each fact and unique fact, the updates whose
// sentences it cites.
func markUpdates(st *Report) {
	if len(st.Updates) == 0 {
		return
	}
	touches := func(spans []text.Citation) []int {
		var out []int
		for k, u := range st.Updates {
			if overlapsAny(spans, u.Concerns) {
				out = append(out, k)
			}
		}
		return out
	}
	for i := range st.SharedFacts {
		st.SharedFacts[i].Updates = touches(st.SharedFacts[i].Spans)
	}
	for i := range st.Unique {
		for j := range st.Unique[i].Only {
			st.Unique[i].Only[j].Updates = touches(st.Unique[i].Only[j].Spans)
		}
	}
}

func overlapsAny(a, b []text.Citation) bool {
	for _, x := range a {
		for _, y := range b {
			if x.ArticleID == y.ArticleID && x.In == y.In && x.Start < y.End && y.Start < x.End {
				return true
			}
		}
	}
	return false
}
