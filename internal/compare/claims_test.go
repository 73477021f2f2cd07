package compare

import (
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/timex"
)

// twoReports analyses two one-paragraph reports of the same day, a title
// line and the text, and returns the builder with their sentences and the
// sentence of each that holds the marker word.
func twoReports(t *testing.T, a, b, marker string) (*builder, *sentence, *sentence) {
	t.Helper()
	an, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	day := timex.Moment{UTC: time.Date(2024, 3, 14, 0, 0, 0, 0, time.UTC), Precision: timex.Day}
	var arts []Article
	for i, body := range []string{a, b} {
		outlet := []string{"alpha", "beta"}[i]
		raw := ingest.Article{ID: outlet + "-1", Outlet: outlet, Format: "text", Raw: "A report\n\n" + body + "\n", Published: day}
		d := extract.Clean(&raw)
		arts = append(arts, Article{ID: raw.ID, Outlet: outlet, Raw: raw.Raw, Doc: &d, Analysis: an.Analyze(&d, day), Published: day})
	}
	bd := newBuilder(arts, nil)
	bd.sentences()
	find := func(x *art) *sentence {
		for _, s := range x.sents[1:] { // the first is the title
			if strings.Contains(s.text, marker) {
				return s
			}
		}
		t.Fatalf("no sentence of %s holds %q", x.Outlet, marker)
		return nil
	}
	return bd, find(bd.arts[0]), find(bd.arts[1])
}

// verdicts lists "kind:verdict" of conflicts.
func verdicts(cs []Conflict) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Kind+":"+c.Verdict)
	}
	return strings.Join(out, " ")
}

func TestNumberConflicts(t *testing.T) {
	for _, tc := range []struct {
		name, a, b, want string
	}{
		{"another value", "The council approved a budget of $4.2 billion for the new bridge.",
			"The council approved a budget of $4.5 billion for the new bridge.", "number:conflict"},
		{"rounded", "The council approved a budget of $4 billion for the new bridge.",
			"The council approved a budget of $4,120,000,000 for the new bridge.", "number:compatible"},
		{"within an approximation", "About 3,000 teachers marched through the capital for higher pay.",
			"Some 3,300 teachers marched through the capital for higher pay.", "number:compatible"},
		{"far apart: two quantities", "The council approved a budget of $4 billion for the new bridge.",
			"The council approved a budget of $40 billion for the new bridge.", ""},
		{"two values of a kind: which is whose?", "The council cut $2 billion and approved a budget of $4.2 billion for the bridge.",
			"The council approved a budget of $4.5 billion for the bridge.", ""},
		{"no digits: no exact value", "Dozens of teachers marched through the capital for higher pay.",
			"60 teachers marched through the capital for higher pay.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, s, u := twoReports(t, tc.a, tc.b, "")
			if got := verdicts(b.numberConflicts(s, u)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDayConflicts(t *testing.T) {
	for _, tc := range []struct {
		name, a, b, want string
	}{
		{"two days for one vote", "The board voted on Tuesday to close the steel plant in Gary.",
			"The board voted on Monday to close the steel plant in Gary.", "date:conflict"},
		{"two actions: nothing shared around the days", "The governor on Monday urged lawmakers to rewrite the measure.",
			"The board voted on Tuesday to close the plant.", ""},
		{"a week apart: two events", "The board voted on March 1 to close the steel plant.",
			"The board voted on March 12 to close the steel plant.", ""},
		{"the same day written two ways", "The board voted on Wednesday to close the steel plant.",
			"The board voted on March 13 to close the steel plant.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, s, u := twoReports(t, tc.a, tc.b, "")
			if got := verdicts(b.timeConflicts(s, u)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestYearConflicts(t *testing.T) {
	b, s, u := twoReports(t, "Ms. Okafor has chaired the housing committee since 2011.",
		"Ms. Okafor has chaired the housing committee since 2012.", "since")
	if got := verdicts(b.yearConflicts(s, u)); got != "date:conflict" {
		t.Errorf("since 2011 / since 2012: got %q", got)
	}
	b, s, u = twoReports(t, "Ms. Okafor has chaired the housing committee since 2011.",
		"Ms. Okafor joined the housing committee in 1990.", "committee")
	if got := verdicts(b.yearConflicts(s, u)); got != "" {
		t.Errorf("since 2011 / in 1990 (two anchors): got %q", got)
	}
}

func TestStatusConflicts(t *testing.T) {
	for _, tc := range []struct {
		name, a, b, want string
	}{
		{"expected and done", "Mayor Daniel Ortiz is expected to resign on Friday after the audit.",
			"Mayor Daniel Ortiz resigned on Friday after the audit.", "status:conflict"},
		{"passive: expected to be charged, was charged", "Daniel Ortiz is expected to be charged with fraud.",
			"Daniel Ortiz was charged with fraud on Thursday.", "status:conflict"},
		{"another voice: two claims", "The party will be led by Daniel Ortiz next year.",
			"Daniel Ortiz has led the party since 2019.", ""},
		{"another actor", "The senate is set to approve the treaty.",
			"The assembly approved the treaty on Monday.", ""},
		{"both ahead", "Mayor Daniel Ortiz plans to resign on Friday.",
			"Mayor Daniel Ortiz is expected to resign on Friday.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, s, u := twoReports(t, tc.a, tc.b, "")
			if got := verdicts(b.statusConflicts(s, u)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestNameConflicts(t *testing.T) {
	for _, tc := range []struct {
		name, a, b, want string
	}{
		{"another first name", "Councillor Maria Delgado won the seat in the district by 40 votes.",
			"Councillor Marta Delgado won the seat in the district by 40 votes.", "name:conflict"},
		{"a surname misspelt", "Maria Delgado won the seat in the district by 40 votes.",
			"Maria Delgato won the seat in the district by 40 votes.", "name:conflict"},
		{"a nickname", "Jim Weller won the seat in the district by 40 votes.",
			"James Weller won the seat in the district by 40 votes.", ""},
		{"a title and a middle initial", "Representative Maria T. Delgado won the seat by 40 votes.",
			"Maria Delgado won the seat by 40 votes.", ""},
		{"accents only", "Maria Sánchez won the seat in the district by 40 votes.",
			"Maria Sanchez won the seat in the district by 40 votes.", ""},
		{"two people of one surname", "Maria Delgado beat her brother Tomas Delgado for the seat.",
			"Marta Delgado won the seat in the district by 40 votes.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, s, u := twoReports(t, tc.a, tc.b, "")
			if got := verdicts(b.nameConflicts(s, u)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPrecision(t *testing.T) {
	for _, tc := range []struct {
		written string
		value   float64
		want    float64
	}{
		{"$5.7 billion", 5.7e9, 1e8},
		{"3,000", 3000, 1000},
		{"141", 141, 1},
		{"$140,937,785", 140937785, 1},
		{"$4 billion", 4e9, 1e9},
	} {
		if got := precision(tc.written, tc.value); got < tc.want*0.999 || got > tc.want*1.001 {
			t.Errorf("precision(%q) = %g, want %g", tc.written, got, tc.want)
		}
	}
}

func TestQuoteConflicts(t *testing.T) {
	group := func(a, b string) QuoteGroup {
		wa, wb := strings.Fields(a), strings.Fields(b)
		d, partial := excerptDiff(wordDiff(wa, wb))
		return QuoteGroup{Wordings: []Wording{
			{Outlet: "alpha", Words: a},
			{Outlet: "beta", Words: b, Diff: d, Partial: partial},
		}}
	}
	for _, tc := range []struct {
		name, a, b string
		want       int
	}{
		{"a word replaced", "The council lied to us and they ruined the harbour for good",
			"The council lied to us and it ruined the harbour for good", 1},
		{"apostrophes and abbreviations", "We don't trust the F.B.I. with this case at all",
			"We don’t trust the FBI with this case at all", 0},
		{"a contraction written out", "We have done it before and we'll do it again next year",
			"We have done it before and we will do it again next year", 0},
		{"a cut", "We have done it before … we will do it again next year",
			"We have done it before and then we will do it again next year", 0},
		{"another remark grouped by mistake", "We have done it before and we will win the seat again",
			"We have done it before but nobody expected the storm to hit the coast so hard", 0},
		{"a tense", "He wants to run the city like he is running his shop every day",
			"He wants to run the city like he is run his shop every day", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := quoteConflicts(group(tc.a, tc.b)); len(got) != tc.want {
				t.Errorf("got %d conflicts (%+v), want %d", len(got), got, tc.want)
			}
		})
	}
}
