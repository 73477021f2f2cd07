package nlp

import (
	"regexp"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/timex"
	"github.com/parallax-news/parallax/internal/words"
)

// TimeExpr is a time expression and the day (or instant, or range) it
// stands for, resolved against the article's reference date.
type TimeExpr struct {
	Span text.Span    `json:"span"`
	Text string       `json:"text"`
	Kind string       `json:"kind"` // date, datetime, weekday, relative, week, month
	When timex.Moment `json:"when"`
	// Until closes a range ("next week"): the last day it covers.
	Until timex.Moment `json:"until,omitempty"`
	// Relative marks expressions resolved from the reference date.
	Relative bool `json:"relative"`
}

var (
	weekdayExprRe  = regexp.MustCompile(`\b(?:(?:on|last|next|this|by|since|until|from|before|after)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s)?(?:\s+(morning|afternoon|evening|night))?\b`)
	relativeDayRe  = regexp.MustCompile(`(?i)\b(today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)|last night|earlier (?:in the day|today)|later (?:in the day|today))\b`)
	relativeSpanRe = regexp.MustCompile(`(?i)\b((?:earlier |later )?(?:this|last|next|the previous|the coming|the past|throughout the) (week|month|year))\b`)
	agoRe          = regexp.MustCompile(`(?i)\b(\d+|a couple of|a couple|a few|an|a|one|two|three|four|five|six|seven|eight|nine|ten|several) (day|week|month|year)s? ago\b`)
)

var weekdays = map[string]time.Weekday{"Sunday": time.Sunday, "Monday": time.Monday, "Tuesday": time.Tuesday,
	"Wednesday": time.Wednesday, "Thursday": time.Thursday, "Friday": time.Friday, "Saturday": time.Saturday}

// FindTimes finds time expressions in the text and resolves them against
// ref, the date the article speaks from (its dateline date, else its
// publication date, in the source's zone). Relative expressions in a
// sentence that speaks of the future resolve forward ("will fly to Moscow
// on Monday"), the rest backward ("the meeting on Sunday").
func FindTimes(s string, sents []words.Sentence, ref timex.Moment) []TimeExpr {
	return findTimesUntil(s, sents, ref, func() bool { return false })
}

// findTimesUntil is FindTimes that gives up, returning nothing, once
// stop reports true; it asks once per sentence.
func findTimesUntil(s string, sents []words.Sentence, ref timex.Moment, stop func() bool) []TimeExpr {
	f := &timeFinder{refDay: dayOf(ref)}
	for _, sent := range sents {
		if stop() {
			return nil
		}
		f.st, f.base = sent.Span.Of(s), sent.Span.Start
		for _, m := range timex.FindAll(f.st, timex.Options{Ref: f.refDay}) {
			kind := "date"
			if m.Precision > timex.Day {
				kind = "datetime"
			}
			f.add(m.Start, m.End, TimeExpr{Kind: kind, When: m.Moment})
		}
		if f.refDay.IsZero() {
			continue
		}
		// Each pattern runs only where its key words appear: most
		// sentences have none.
		lower := strings.ToLower(f.st)
		if containsAny(f.st, weekdayNames) {
			f.weekdays()
		}
		if containsAny(lower, relativeDayWords) {
			f.relativeDays()
		}
		if containsAny(lower, spanWords) {
			f.spans()
		}
		if strings.Contains(lower, " ago") {
			f.agos()
		}
	}
	sortTimes(f.out)
	return f.out
}

var (
	weekdayNames     = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	relativeDayWords = []string{"today", "tonight", "yesterday", "tomorrow", "this morning", "this afternoon", "this evening", "last night", "earlier in", "later in"}
	spanWords        = []string{"week", "month", "year"}
)

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// timeFinder collects the time expressions of one text, sentence by
// sentence.
type timeFinder struct {
	refDay time.Time
	st     string // the current sentence
	base   int    // its offset in the text
	out    []TimeExpr
}

// add records an expression at [a, b) of the current sentence unless an
// earlier one covers it.
func (f *timeFinder) add(a, b int, e TimeExpr) {
	for _, t := range f.out {
		if t.Span.Start < f.base+b && f.base+a < t.Span.End {
			return
		}
	}
	e.Span = text.Span{Start: f.base + a, End: f.base + b}
	e.Text = f.st[a:b]
	f.out = append(f.out, e)
}

func (f *timeFinder) weekdays() {
	st := f.st
	future := hasFutureMarker(st)
	for _, m := range weekdayExprRe.FindAllStringSubmatchIndex(st, -1) {
		lead := strings.ToLower(strings.Fields(st[m[0]:m[1]])[0])
		// The tense of the clause: a future marker shortly before.
		window := st[max(0, m[0]-40):m[0]]
		possessive := strings.Contains(st[m[2]:m[1]], "'s") || strings.Contains(st[m[2]:m[1]], "’s")
		fwd := future && hasFutureMarker(window) && !possessive || lead == "next" || lead == "until"
		if lead == "last" || lead == "since" {
			fwd = false
		}
		day := resolveWeekday(f.refDay, weekdays[st[m[2]:m[3]]], fwd, lead == "next" || lead == "last")
		f.add(m[0], m[1], TimeExpr{Kind: "weekday", When: timex.Moment{UTC: day, Precision: timex.Day}, Relative: true})
	}
}

func (f *timeFinder) relativeDays() {
	for _, m := range relativeDayRe.FindAllStringSubmatchIndex(f.st, -1) {
		w := strings.ToLower(f.st[m[2]:m[3]])
		day := f.refDay
		switch {
		case w == "yesterday" || w == "last night":
			day = day.AddDate(0, 0, -1)
		case w == "tomorrow":
			day = day.AddDate(0, 0, 1)
		}
		f.add(m[0], m[1], TimeExpr{Kind: "relative", When: timex.Moment{UTC: day, Precision: timex.Day}, Relative: true})
	}
}

func (f *timeFinder) spans() {
	for _, m := range relativeSpanRe.FindAllStringSubmatchIndex(f.st, -1) {
		phrase := strings.ToLower(f.st[m[2]:m[3]])
		from, to := resolveSpan(f.refDay, phrase, f.st[m[4]:m[5]])
		f.add(m[0], m[1], TimeExpr{Kind: strings.ToLower(f.st[m[4]:m[5]]), When: timex.Moment{UTC: from, Precision: timex.Day},
			Until: timex.Moment{UTC: to, Precision: timex.Day}, Relative: true})
	}
}

func (f *timeFinder) agos() {
	for _, m := range agoRe.FindAllStringSubmatchIndex(f.st, -1) {
		n := numberWord(strings.ToLower(f.st[m[2]:m[3]]))
		unit := strings.ToLower(f.st[m[4]:m[5]])
		day := f.refDay
		switch unit {
		case "day":
			day = day.AddDate(0, 0, -int(n))
		case "week":
			day = day.AddDate(0, 0, -7*int(n))
		case "month":
			day = day.AddDate(0, -int(n), 0)
		case "year":
			day = day.AddDate(-int(n), 0, 0)
		}
		f.add(m[0], m[1], TimeExpr{Kind: "relative", When: timex.Moment{UTC: day, Precision: timex.Day}, Relative: true})
	}
}

// futureWords and futurePairs mark a clause that speaks of the future.
var (
	futureWords = words.Set(`will won't won’t shall upcoming next`)
	futurePairs = words.Set(`going+to plan+to plans+to is+to are+to expected+to set+to due+to scheduled+to`)
)

// hasFutureMarker reports whether s holds a future marker: "will", "'ll",
// "is expected to", "next"…
func hasFutureMarker(s string) bool {
	if strings.Contains(s, "'ll") || strings.Contains(s, "’ll") {
		return true
	}
	prev := ""
	found := false
	eachWord(s, func(a, b int) {
		w := strings.ToLower(s[a:b])
		if futureWords[w] || w == "t" && strings.HasSuffix(strings.ToLower(s[:a]), "won'") || futurePairs[prev+"+"+w] {
			found = true
		}
		prev = w
	})
	return found
}

func dayOf(m timex.Moment) time.Time {
	if m.IsZero() {
		return time.Time{}
	}
	l := m.Local()
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
}

// resolveWeekday finds the weekday nearest the reference day: on or
// before it for the past, on or after it for the future; "next"/"last"
// skip the reference week's own day.
func resolveWeekday(ref time.Time, wd time.Weekday, forward, skip bool) time.Time {
	d := int(wd - ref.Weekday())
	if forward {
		if d < 0 || d == 0 && skip {
			d += 7
		}
	} else if d > 0 || d == 0 && skip {
		d -= 7
	}
	return ref.AddDate(0, 0, d)
}

// resolveSpan turns "last week", "next month", "this year" into days.
func resolveSpan(ref time.Time, phrase, unit string) (time.Time, time.Time) {
	shift := 0
	switch {
	case strings.Contains(phrase, "last") || strings.Contains(phrase, "previous") || strings.Contains(phrase, "past"):
		shift = -1
	case strings.Contains(phrase, "next") || strings.Contains(phrase, "coming"):
		shift = 1
	}
	switch strings.ToLower(unit) {
	case "week":
		monday := ref.AddDate(0, 0, -((int(ref.Weekday()) + 6) % 7))
		from := monday.AddDate(0, 0, 7*shift)
		return from, from.AddDate(0, 0, 6)
	case "month":
		from := time.Date(ref.Year(), ref.Month()+time.Month(shift), 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(0, 1, -1)
	}
	from := time.Date(ref.Year()+shift, 1, 1, 0, 0, 0, 0, time.UTC)
	return from, from.AddDate(1, 0, -1)
}

func sortTimes(ts []TimeExpr) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].Span.Start < ts[j-1].Span.Start; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}
