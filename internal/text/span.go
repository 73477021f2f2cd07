// Package text holds the small vocabulary every stage shares for pointing
// into an article: byte spans inside Go, Unicode code-point spans at the
// JSON boundary, and the conversion between the two.
package text

import (
	"fmt"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) into one of an article's two
// texts: the cleaned Text, or the decoded Raw input when InRaw is set.
// Material removed by cleaning (bylines, credits, tag lines) is only in Raw.
type Span struct {
	Start int  `json:"start"`
	End   int  `json:"end"`
	InRaw bool `json:"in_raw,omitempty"`
}

// Len returns the length of the span in bytes.
func (s Span) Len() int { return s.End - s.Start }

// IsZero reports whether the span is empty and points nowhere.
func (s Span) IsZero() bool { return s.Start == 0 && s.End == 0 }

// Of returns the slice of s that the span covers, or "" when the span does
// not fit inside s.
func (s Span) Of(str string) string {
	if s.Start < 0 || s.End > len(str) || s.Start > s.End {
		return ""
	}
	return str[s.Start:s.End]
}

// Shift returns the span moved by delta bytes.
func (s Span) Shift(delta int) Span {
	s.Start += delta
	s.End += delta
	return s
}

// Contains reports whether o lies inside s (same text).
func (s Span) Contains(o Span) bool {
	return s.InRaw == o.InRaw && o.Start >= s.Start && o.End <= s.End
}

// Overlaps reports whether s and o share at least one byte (same text).
func (s Span) Overlaps(o Span) bool {
	return s.InRaw == o.InRaw && s.Start < o.End && o.Start < s.End
}

func (s Span) String() string {
	where := "text"
	if s.InRaw {
		where = "raw"
	}
	return fmt.Sprintf("%s[%d:%d]", where, s.Start, s.End)
}

// Trim shrinks the span so that it does not begin or end with white space.
func Trim(str string, s Span) Span {
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(str[s.Start:])
		if !isSpace(r) {
			break
		}
		s.Start += n
	}
	for s.End > s.Start {
		r, n := utf8.DecodeLastRuneInString(str[:s.End])
		if !isSpace(r) {
			break
		}
		s.End -= n
	}
	return s
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', 0x85, 0xA0, 0x2007, 0x202F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200B
}
