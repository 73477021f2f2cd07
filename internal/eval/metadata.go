package eval

import (
	"regexp"
	"strings"
	"unicode"
)

// Page metadata scored against WCXB's title, author and date fields. The
// benchmark defines no metric for them; these are ours, stated in `parallax
// eval --help` and BENCHMARKS.md:
//   - title: exact match after collapsing white space;
//   - author: the ground truth's first name (the text before its first
//     comma, "&" or " and ") equals one of the predicted names, compared
//     by their letters in lower case;
//   - date: the predicted publication date, on the page's own clock,
//     equals the ground truth's YYYY-MM-DD.
// Author and date accuracy are over the pages whose ground truth has one;
// "extra" counts pages where a value is given though the ground truth has
// none.

// PageMetadata is what an extractor reads of a page's metadata.
type PageMetadata struct {
	Title   string
	Authors []string
	Date    string // YYYY-MM-DD, "" when none
}

// MetadataScore counts metadata right over a set of pages.
type MetadataScore struct {
	Pages, TitleRight                     int
	AuthorPages, AuthorRight, AuthorExtra int
	DatePages, DateRight, DateExtra       int
}

// Add scores one page.
func (s *MetadataScore) Add(gold GoldPage, got PageMetadata) {
	s.Pages++
	if collapse(gold.Title) == collapse(got.Title) {
		s.TitleRight++
	}
	switch {
	case gold.Author != "":
		s.AuthorPages++
		want := nameLetters(firstName(gold.Author))
		for _, a := range got.Authors {
			if want != "" && nameLetters(a) == want {
				s.AuthorRight++
				break
			}
		}
	case len(got.Authors) > 0:
		s.AuthorExtra++
	}
	switch {
	case gold.Date != "":
		s.DatePages++
		if got.Date == gold.Date {
			s.DateRight++
		}
	case got.Date != "":
		s.DateExtra++
	}
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

var nameSeparator = regexp.MustCompile(`,|&| and `)

// firstName is the first of the names a byline lists.
func firstName(s string) string {
	if loc := nameSeparator.FindStringIndex(s); loc != nil {
		return s[:loc[0]]
	}
	return s
}

// nameLetters is a name's letters and spaces in lower case.
func nameLetters(s string) string {
	var b strings.Builder
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	}
	return b.String()
}
