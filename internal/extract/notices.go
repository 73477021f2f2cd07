package extract

import (
	"regexp"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/timex"
)

// Notice is an outlet's own note that it corrected or updated the article:
// "Correction: An earlier version of this article misstated …", "UPDATE
// 7:19 p.m.: …", "This story has been updated with …". Cleaning takes it
// out of the text (it is not a fact of the story) and keeps it here.
type Notice struct {
	// Kind is "correction" or "update".
	Kind string `json:"kind"`
	// Field is the notice's text and its span in Raw.
	Field
	// Time is when the notice says the change was made, if it says.
	Time TimeField `json:"time"`
}

// Notice kinds.
const (
	NoticeCorrection = "correction"
	NoticeUpdate     = "update"
)

var (
	// correctionRe opens a correction or clarification, or says the
	// article was corrected.
	correctionRe = regexp.MustCompile(`(?i)^\(?\s*(?:(?:correction|corrections|clarification|editor'?s note|editor’s note)\s*[:.–—-]|corrects?\s|(?:an?|the)\s+(?:earlier|previous|prior|original)\s+version\s+of\s+this\s+(?:article|story|report|post|piece|item)\b)|\bthis\s+(?:article|story|report|post|piece)\s+(?:has\s+been|was)\s+(?:corrected|amended|clarified)\b`)
	// updateRe opens an update note: a label with at most a time before
	// its colon, or a sentence saying the article was updated, or a wire
	// service's "(Updates with …)".
	updateLabelRe = regexp.MustCompile(`(?i)^\[?\(?\s*(?:update|updated|updates)\b([^\]\n]{0,40}?)(?::\s|:$|\])`)
	updateSayRe   = regexp.MustCompile(`(?i)^\(?\s*(?:this\s+(?:article|story|report|post|piece)\s+(?:has\s+been|was|will\s+be)\s+updated\b|(?:updates|adds|recasts|rewrites|writes\s+through)\s+(?:with|throughout|to\s+add|to\s+include|details|comments?|quotes?)\b)`)
	// noticeStarts are the first words a notice can open with; the
	// patterns run only on lines that open with one ("An" and "The" only
	// before "version"), or that say "been" ("… this story has been
	// corrected").
	noticeStarts = toSet(`correction corrections clarification editor's editor’s editors corrects correct
		update updated updates adds recasts rewrites writes this`)
)

// maxNoticeWords bounds a notice: longer running text is an article
// paragraph that happens to begin like one.
const maxNoticeWords = 120

// notice recognises a correction or update note, records it and reports
// whether the line was one.
func (b *builder) notice(l *line) bool {
	s := l.text
	switch w := strings.ToLower(firstWord(s)); {
	case w == "an" || w == "a" || w == "the":
		if !strings.Contains(s[:min(len(s), 80)], "version") {
			return false
		}
	case noticeStarts[w], strings.Contains(s, " been "):
	default:
		return false
	}
	if len(words(s)) > maxNoticeWords {
		return false
	}
	kind := ""
	switch {
	case correctionRe.MatchString(s):
		kind = NoticeCorrection
	case updateSayRe.MatchString(s):
		kind = NoticeUpdate
	default:
		m := updateLabelRe.FindStringSubmatchIndex(s)
		// What stands between the label and its colon must be a time or
		// date ("UPDATE 7:19 p.m.:", "Updated, Dec. 2:"), else "Updated
		// guidance from the CDC says: …" would be a notice; and what
		// follows must say something, else the line is a time stamp
		// ("Updated: Jul 4, 2025 / 08:02 PM CDT").
		if m == nil || !b.onlyATime(s[m[2]:m[3]]) || b.onlyATime(s[m[1]:]) {
			return false
		}
		kind = NoticeUpdate
	}
	n := Notice{Kind: kind, Field: Field{Value: s, Span: l.span}}
	if m, ok := b.noticeTime(s); ok {
		n.Time = TimeField{Field: Field{Value: s[m.Start:m.End], Span: l.sub(m.Start, m.End)}, Moment: m.Moment}
	}
	b.doc.Notices = append(b.doc.Notices, n)
	l.kind = kindNotice
	return true
}

// noticeTime finds the time a notice gives: a date (with its time, if
// any), else a time of day on the article's date ("UPDATE 7:19 p.m.").
func (b *builder) noticeTime(s string) (timex.Match, bool) {
	if m, ok := timex.Find(s, timex.Options{Ref: b.ref}); ok {
		return m, true
	}
	return timex.FindClock(s, b.ref)
}

// onlyATime reports whether s is empty or a time or date with at most a
// connecting word or two ("at", "on", "/").
func (b *builder) onlyATime(s string) bool {
	s = strings.Trim(strings.TrimSpace(s), ",–—-")
	if s == "" {
		return true
	}
	m, ok := timex.Find(s, timex.Options{Ref: b.ref})
	if !ok {
		// A time of day has a shape whether or not the day is known.
		m, ok = timex.FindClock(s, time.Unix(0, 0))
	}
	return ok && len(words(s[:m.Start]+" "+s[m.End:])) <= 2
}

// firstWord is the line's first word, without brackets before it or
// punctuation after it.
func firstWord(s string) string {
	s = strings.TrimLeft(s, "([ ")
	end := strings.IndexAny(s, " :,.-–—")
	if end < 0 {
		end = len(s)
	}
	return s[:end]
}
