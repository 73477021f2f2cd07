package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/timex"
)

func TestNotices(t *testing.T) {
	body := "The storm hit the coast on Monday, and officials said three people were hurt.\n\n"
	cases := []struct {
		line, kind, time string // time: the notice's moment, "" when none
	}{
		{"Correction: An earlier version of this article misstated the number of people hurt. Three were hurt, not two.", NoticeCorrection, ""},
		{"An earlier version of this story incorrectly said the vote was held on Tuesday.", NoticeCorrection, ""},
		{"CLARIFICATION: This article has been amended to make clear that the mayor spoke by phone.", NoticeCorrection, ""},
		{"(Corrects paragraph 3 to show the vote was 7-2, not 6-3)", NoticeCorrection, ""},
		{"UPDATE 7:19 p.m.: The mayor has now spoken to reporters.", NoticeUpdate, "2025-03-03T19:19"},
		{"Updated, March 4: The toll rose overnight.", NoticeUpdate, "2025-03-04"},
		{"This story has been updated with comments from the governor.", NoticeUpdate, ""},
		{"(Updates with quotes from the minister in paragraphs 4-6)", NoticeUpdate, ""},
		{"Updated guidance from the health agency says: masks are optional indoors.", "", ""},
		{"The council will correct the figures in its next report.", "", ""},
		{"An update to the software was released on Tuesday, the company said.", "", ""},
	}
	for _, c := range cases {
		raw := "Storm hits coast\n\n" + body + c.line + "\n\nSchools stay closed on Tuesday."
		a := ingest.Article{Raw: raw, Format: ingest.FormatText, Published: timex.At(time.Date(2025, 3, 3, 12, 0, 0, 0, time.UTC), timex.Second)}
		d := Clean(&a)
		switch {
		case c.kind == "":
			if len(d.Notices) != 0 || !strings.Contains(d.Text, c.line) {
				t.Errorf("%q is no notice: notices %+v", c.line, d.Notices)
			}
		case len(d.Notices) != 1:
			t.Errorf("%q: %d notices, want one %s", c.line, len(d.Notices), c.kind)
		default:
			n := d.Notices[0]
			if n.Kind != c.kind || n.Value != c.line || strings.Contains(d.Text, c.line) || n.Span.Of(raw) != c.line {
				t.Errorf("%q: notice %+v (kind %s); text %q", c.line, n, n.Kind, d.Text)
			}
			if got := n.Time.Moment.Local().Format("2006-01-02T15:04"); c.time != "" && !strings.HasPrefix(got, c.time) && n.Time.Moment.Date() != c.time {
				t.Errorf("%q: time %s, want %s", c.line, n.Time.Moment, c.time)
			}
		}
	}
}
