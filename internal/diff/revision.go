package diff

import (
	"regexp"
	"strings"
)

// Changes is what changed from one revision of an article's text to the
// next, sentence by sentence.
type Changes struct {
	Added   []string `json:"added,omitempty"`   // sentences only in the new text
	Removed []string `json:"removed,omitempty"` // sentences only in the old text
	Edited  []Edit   `json:"edited,omitempty"`  // sentences changed in place
}

// Edit is a sentence changed in place: most of its words stayed.
type Edit struct {
	Before string `json:"before"`
	After  string `json:"after"`
	Diff   []Part `json:"diff"`
}

// Empty reports whether nothing changed (white space aside).
func (c Changes) Empty() bool { return len(c.Added)+len(c.Removed)+len(c.Edited) == 0 }

// editShare is the least share of the longer sentence's words two
// sentences must share in order to be one sentence edited rather than one
// removed and another added.
const editShare = 0.5

// maxAligned bounds the sentences aligned in order: beyond it (a text
// rewritten whole) sentences are compared as sets, which costs linear time.
const maxAligned = 2000

// Texts compares two revisions of a text. Sentences are matched in order;
// between two matched ones, a removed and an added sentence that share
// most of their words are one sentence edited.
func Texts(before, after string) Changes {
	a, b := Sentences(before), Sentences(after)
	// The unchanged start and end cost nothing to set aside.
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	var c Changes
	if len(a) > maxAligned || len(b) > maxAligned {
		c.Removed, c.Added = setDifference(a, b), setDifference(b, a)
		return c
	}
	t := lcsTable(a, b)
	var gapA, gapB []string
	flush := func() {
		c.pair(gapA, gapB)
		gapA, gapB = gapA[:0], gapB[:0]
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			flush()
			i, j = i+1, j+1
		case j >= len(b) || i < len(a) && t[i+1][j] >= t[i][j+1]:
			gapA = append(gapA, a[i])
			i++
		default:
			gapB = append(gapB, b[j])
			j++
		}
	}
	flush()
	return c
}

// pair sorts the sentences of one gap into edits, removals and additions:
// each removed sentence is the edit of the added one that keeps most of its
// words, in order, when that is enough.
func (c *Changes) pair(removed, added []string) {
	used := make([]bool, len(added))
	words := func(s string) []string {
		f := strings.Fields(s)
		for i := range f {
			f[i] = Norm(f[i])
		}
		return f
	}
	for _, r := range removed {
		rw := words(r)
		best, bestShare := -1, 0.0
		for k, a := range added {
			if used[k] {
				continue
			}
			aw := words(a)
			share := float64(Common(rw, aw)) / float64(max(len(rw), len(aw), 1))
			if share > bestShare {
				best, bestShare = k, share
			}
		}
		if best >= 0 && bestShare >= editShare {
			used[best] = true
			c.Edited = append(c.Edited, Edit{Before: r, After: added[best], Diff: Words(strings.Fields(r), strings.Fields(added[best]))})
			continue
		}
		c.Removed = append(c.Removed, r)
	}
	for k, a := range added {
		if !used[k] {
			c.Added = append(c.Added, a)
		}
	}
}

func setDifference(a, b []string) []string {
	in := map[string]bool{}
	for _, s := range b {
		in[s] = true
	}
	var out []string
	for _, s := range a {
		if !in[s] {
			out = append(out, s)
		}
	}
	return out
}

// sentenceEnd is where a sentence ends inside a paragraph: after ., ! or ?
// (and a closing quote or bracket), before white space and a capital, a
// digit or an opening quote.
var sentenceEnd = regexp.MustCompile(`[.!?]["'”’)\]]*\s+["'“‘(]?[\p{Lu}\p{N}]`)

// Sentences splits a text into sentences with their white space folded:
// paragraphs (blank lines) first, then sentence ends, passing over the
// period of a short capitalised abbreviation ("Dr.", "St.", "J.", "U.S.").
// It is a plain splitter, the same for both revisions, which is all a
// diff needs.
func Sentences(text string) []string {
	var out []string
	for _, para := range strings.Split(text, "\n\n") {
		para = strings.Join(strings.Fields(para), " ")
		from := 0
		for para != "" {
			loc := sentenceEnd.FindStringIndex(para[from:])
			if loc == nil {
				out = append(out, para)
				break
			}
			// The sentence ends at the first space of the match.
			end := from + loc[0] + strings.IndexByte(para[from+loc[0]:], ' ')
			if abbreviation(para[:from+loc[0]+1]) {
				from = end + 1
				continue
			}
			out = append(out, para[:end])
			para, from = strings.TrimSpace(para[end:]), 0
		}
	}
	return out
}

// abbreviation reports whether s ends with an abbreviation and its
// period, not a sentence's end: an initial ("J."), an acronym with
// periods ("U.S."), or a title or other word written short ("Dr.", "Sen.",
// "Jan.", "Inc.").
func abbreviation(s string) bool {
	if !strings.HasSuffix(s, ".") {
		return false
	}
	w := s[strings.LastIndexByte(s, ' ')+1 : len(s)-1]
	w = strings.TrimLeft(w, "(\"“‘'")
	switch {
	case len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z':
		return true
	case strings.Contains(w, ".") && len(w) <= 6:
		return true
	}
	return shortWords[w]
}

var shortWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`Mr Mrs Ms Dr St Sen Rep Gov Gen Lt Col Sgt Capt Cmdr Adm Prof Jr Sr Rev Hon Mt Ft No
		Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec Inc Co Corp Ltd Bros Ave Blvd Rd`) {
		shortWords[w] = true
	}
}

// Summary says in a few words what an edit changed: each run of words
// replaced, removed or added, e.g. `“12” → “15”; added “on Tuesday”`.
func (e Edit) Summary() string {
	var out []string
	for i := 0; i < len(e.Diff); i++ {
		p := e.Diff[i]
		switch {
		case p.Op == "-" && i+1 < len(e.Diff) && e.Diff[i+1].Op == "+":
			out = append(out, "“"+p.Text+"” → “"+e.Diff[i+1].Text+"”")
			i++
		case p.Op == "-":
			out = append(out, "removed “"+p.Text+"”")
		case p.Op == "+":
			out = append(out, "added “"+p.Text+"”")
		}
	}
	return strings.Join(out, "; ")
}
