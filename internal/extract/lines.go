package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/text"
)

// Kinds of lines that cleaning removes from the article text.
const (
	kindBody        = ""
	kindMenu        = "menu"
	kindBreadcrumb  = "breadcrumb"
	kindByline      = "byline"
	kindTime        = "time"
	kindWidget      = "widget"
	kindCaption     = "caption"
	kindCredit      = "credit"
	kindSyndication = "syndication"
	kindTags        = "tags"
	kindTeaser      = "teaser"
	kindAd          = "advertisement"
	kindPromo       = "promo"
	kindCopyright   = "copyright"
	kindHeader      = "header"
	kindFooter      = "footer"
	kindHeadline    = "headline"
	kindDek         = "dek"
	kindNotice      = "notice"
)

// line is one line (or glued piece of a line) of page text.
type line struct {
	text    string
	span    text.Span // where text is in Raw; valid when hasSpan
	hasSpan bool
	block   int  // blank-line separated block it belongs to
	heading bool // an HTML heading element (h2–h6)
	kind    string
}

// splitLines cuts raw[start:] into trimmed non-empty lines with their raw
// spans, numbering the blank-line separated blocks.
func splitLines(raw string, start int) []line {
	var out []line
	block := 0
	pos := start
	for pos <= len(raw) {
		end := strings.IndexByte(raw[pos:], '\n')
		if end < 0 {
			end = len(raw)
		} else {
			end += pos
		}
		sp := text.Trim(raw, text.Span{Start: pos, End: end, InRaw: true})
		if sp.Len() == 0 {
			if len(out) > 0 && out[len(out)-1].block == block {
				block++
			}
		} else {
			out = append(out, line{text: raw[sp.Start:sp.End], span: sp, hasSpan: true, block: block})
		}
		pos = end + 1
	}
	return out
}

// cut splits l at byte offset i of its text into two trimmed lines.
func (l line) cut(i int) (line, line) {
	a, b := l, l
	a.text, b.text = l.text[:i], l.text[i:]
	if l.hasSpan {
		a.span = text.Span{Start: l.span.Start, End: l.span.Start + i, InRaw: true}
		b.span = text.Span{Start: l.span.Start + i, End: l.span.End, InRaw: true}
	}
	a, b = a.trimmed(), b.trimmed()
	return a, b
}

func (l line) trimmed() line {
	lead := len(l.text) - len(strings.TrimLeftFunc(l.text, unicode.IsSpace))
	t := strings.TrimSpace(l.text)
	if l.hasSpan {
		l.span.Start += lead
		l.span.End = l.span.Start + len(t)
	}
	l.text = t
	return l
}

// sub returns the span of the substring at [i, j) of the line's text.
func (l line) sub(i, j int) text.Span {
	if !l.hasSpan {
		return text.Span{}
	}
	return text.Span{Start: l.span.Start + i, End: l.span.Start + j, InRaw: true}
}

// words splits s into words on white space.
func words(s string) []string { return strings.Fields(s) }

// endsSentence reports whether s ends like prose: terminal punctuation,
// possibly inside closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"'”’»)]`, r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…。！？:;", r)
}

// smallWords do not count against title case.
var smallWords = toSet(`a an the and or but nor of in on at to for from by with as vs v. via into onto over
under about after before than per de la le du des van von der den del da di bin al el is are was be
un une et sur pour`)

// titleCaseRatio is the share of words (ignoring small words) that start
// with a capital letter or digit.
func titleCaseRatio(s string) float64 {
	total, upper := 0, 0
	for _, w := range words(s) {
		w = strings.TrimLeftFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w == "" || smallWords[strings.ToLower(w)] {
			continue
		}
		total++
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) || !unicode.IsLower(r) {
			upper++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(upper) / float64(total)
}

// isProse reports whether a line reads as running text rather than chrome.
func isProse(s string) bool {
	n := len(words(s))
	return n >= 14 || n >= 5 && endsSentence(s)
}

// unwrap joins hard-wrapped paragraphs of plain text back into one line: a
// block of three or more lines of similar, moderate length (the shape of
// text wrapped at a fixed column), or a line cut mid-sentence whose next
// line continues in lower case.
func unwrap(in []line) []line {
	var out []line
	for i := 0; i < len(in); {
		j := i + 1
		for j < len(in) && in[j].block == in[i].block {
			j++
		}
		block := in[i:j]
		if wrappedBlock(block) {
			out = append(out, joinLines(block))
		} else {
			out = append(out, joinContinuations(block)...)
		}
		i = j
	}
	return out
}

func wrappedBlock(block []line) bool {
	if len(block) < 3 {
		return false
	}
	for k, l := range block {
		n := utf8.RuneCountInString(l.text)
		if n > 100 || k < len(block)-1 && n < 45 {
			return false
		}
	}
	return true
}

func joinContinuations(block []line) []line {
	var out []line
	for _, l := range block {
		if n := len(out); n > 0 {
			prev := out[n-1]
			if utf8.RuneCountInString(prev.text) >= 45 && !endsSentence(prev.text) && startsLower(l.text) &&
				!bylineStartRe.MatchString(l.text) && !timeLabelRe.MatchString(l.text) {
				out[n-1] = joinLines([]line{prev, l})
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

func joinLines(ls []line) line {
	out := ls[0]
	parts := make([]string, len(ls))
	for k, l := range ls {
		parts[k] = l.text
	}
	out.text = strings.Join(parts, " ")
	out.span.End = ls[len(ls)-1].span.End
	out.hasSpan = out.hasSpan && ls[len(ls)-1].hasSpan
	return out
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}
