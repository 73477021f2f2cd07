package nlp

import (
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/lexicon"
	"github.com/parallax-news/parallax/internal/text"
)

// The mention index must answer as the scans it replaced did, on every
// position of a long document that names the same people many times.
func TestMentionIndexFindsWhatAScanFinds(t *testing.T) {
	doc1, _ := analyzeSeed(t, "000_9cfc92a05877532c.txt")
	doc2, _ := analyzeSeed(t, "004_9db2e0d9894f95f3.txt")
	body := strings.Repeat(doc1.Text+"\n\n"+doc2.Text+"\n\n", 3)
	_, a := analyzeText(t, body, time.Date(2025, 11, 30, 12, 0, 0, 0, time.UTC))
	ms := a.Mentions
	x := newMentionIndex(ms, a.Entities, len(a.Sentences))
	x.indexRoles()
	if len(x.people) < 50 || len(x.roleWords) < 5 {
		t.Fatalf("document too thin for the test: %d person mentions, %d role words", len(x.people), len(x.roleWords))
	}
	scanLastPerson := func(pos int) int {
		best, bestPos := -1, -1
		for i, n := range ms {
			if n.Type == "PER" && n.Entity >= 0 && n.Span.Start < pos && n.Span.Start > bestPos {
				best, bestPos = i, n.Span.Start
			}
		}
		return best
	}
	scanWithRole := func(head string, pos int) int {
		best, bestPos := -1, -1
		for _, n := range ms {
			if n.Type != "PER" || n.Span.Start >= pos || n.Entity < 0 {
				continue
			}
			for _, r := range a.Entities[n.Entity].Roles {
				for _, w := range roleWordsOf(r.Text) {
					if w == head && n.Span.Start > bestPos {
						best, bestPos = n.Entity, n.Span.Start
					}
				}
			}
		}
		return best
	}
	// Descriptions are headed by role words.
	var heads []string
	for w := range roleWords {
		heads = append(heads, w)
	}
	for pos := 0; pos <= len(body); pos += 11 {
		if got, want := x.lastPerson(pos), scanLastPerson(pos); got != want {
			t.Fatalf("lastPerson(%d) = %d, a scan finds %d", pos, got, want)
		}
		for _, h := range heads {
			if got, want := x.lastWithRole(h, pos), scanWithRole(h, pos); got != want {
				t.Fatalf("lastWithRole(%q, %d) = %d, a scan finds %d", h, pos, got, want)
			}
		}
	}
	for _, m := range ms {
		for _, sp := range []text.Span{m.Span, {Start: m.Span.Start, End: m.Span.Start + 1}, {Start: m.Span.Start - 1, End: m.Span.End}} {
			for _, person := range []bool{false, true} {
				want := false
				for _, n := range ms {
					if n.sent == m.sent && n.Span.Contains(sp) && (!person || n.Type == "PER") {
						want = true
					}
				}
				if got := x.inMention(m.sent, sp, person); got != want {
					t.Fatalf("inMention(%d, %v, %v) = %v, a scan finds %v", m.sent, sp, person, got, want)
				}
			}
		}
		want := -1
		for _, n := range ms {
			if n.Kind == "name" && n.Type == "PER" && n.sent == m.sent && n.Span.Start == m.Span.Start {
				want = n.Entity
				break
			}
		}
		if got := x.personNamedAt(m.sent, m.Span.Start); got != want {
			t.Fatalf("personNamedAt(%d, %d) = %d, a scan finds %d", m.sent, m.Span.Start, got, want)
		}
	}
}

// The speaker index must answer as the scans it replaced did.
func TestSpeakerIndexFindsWhatAScanFinds(t *testing.T) {
	doc1, _ := analyzeSeed(t, "000_9cfc92a05877532c.txt")
	doc2, _ := analyzeSeed(t, "004_9db2e0d9894f95f3.txt")
	body := strings.Repeat(doc1.Text+"\n\n"+doc2.Text+"\n\n", 3)
	_, a := analyzeText(t, body, time.Date(2025, 11, 30, 12, 0, 0, 0, time.UTC))
	x := newSpeakerIndex(a, lexicon.Default())
	scanPronoun := func(pos int, quoted []text.Span) int {
		// As resolvePronoun reads "he": the first person each sentence
		// names as its own referent, this one and three back.
		cur := len(a.Sentences) - 1
		for i, s := range a.Sentences {
			if s.Start <= pos && pos < s.End {
				cur = i
				break
			}
		}
		for i := cur; i >= 0 && i >= cur-3; i-- {
			for _, m := range a.Mentions {
				if m.Type == "PER" && m.Entity >= 0 && m.Span.End <= pos && a.Sentences[i].Contains(m.Span) && !spansOverlap(m.Span, quoted) && nameRole(body, m.Span) == "" {
					return m.Entity
				}
			}
		}
		best, bestPos := -1, -1
		for _, m := range a.Mentions {
			if m.Type == "PER" && m.Entity >= 0 && m.Span.End <= pos && m.Span.Start > bestPos {
				best, bestPos = m.Entity, m.Span.Start
			}
		}
		return best
	}
	scanRole := func(desc string) int {
		d := strings.TrimPrefix(strings.ToLower(desc), "the ")
		if d == "" {
			return -1
		}
		for _, e := range a.Entities {
			for _, r := range e.Roles {
				if rl := strings.ToLower(r.Text); rl == d || strings.HasSuffix(rl, " "+d) {
					return e.ID
				}
			}
		}
		return -1
	}
	for pos := 0; pos <= len(body)+10; pos += 5 {
		quoted := []text.Span{{Start: pos - 40, End: pos}}
		for _, q := range [][]text.Span{nil, quoted} {
			if got, want := x.resolvePronoun(body, "he", pos, q), scanPronoun(pos, q); got != want {
				t.Fatalf("resolvePronoun(%d, %v) = %d, a scan finds %d", pos, q, got, want)
			}
		}
	}
	descs := []string{"", "the", "the president", "spokesman", "nobody here"}
	for _, e := range a.Entities {
		for _, r := range e.Roles {
			f := strings.Fields(r.Text)
			for k := range f {
				descs = append(descs, strings.Join(f[k:], " "), "the "+strings.Join(f[k:], " "), strings.Join(f[:k+1], " "))
			}
		}
	}
	if len(descs) < 20 {
		t.Fatalf("document too thin: %d descriptions", len(descs))
	}
	for _, d := range descs {
		if got, want := x.entityByRole(d), scanRole(d); got != want {
			t.Fatalf("entityByRole(%q) = %d, a scan finds %d", d, got, want)
		}
	}
}
