package extract

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestBylineNames(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"By Jane Doe and John Roe", []string{"Jane Doe", "John Roe"}},
		{"Maria &amp; Katerina", []string{"Maria", "Katerina"}},
		{"Dylan Bailey, MS, RD, FAND", []string{"Dylan Bailey"}},
		{"WRAL", []string{"WRAL"}},
		{"Dr. Vahid Osman - Mar 27", []string{"Dr. Vahid Osman"}},
		{"Luke Kim December 17", []string{"Luke Kim"}},
		{"FlowGuard EMEA on 04-ago-2021 5:11:10", []string{"FlowGuard EMEA"}},
		{"Post by galitsyn » 11. Sep 2024", []string{"galitsyn"}},
		{"Updated March 11", []string{"Updated"}}, // canBeName drops it
		{"paulb203", []string{"paulb203"}},
		{"Yucy 3/4/2025", []string{"Yucy"}},
	} {
		if got := bylineNames(cutAtTime(tc.in)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %q, want %q", tc.in, got, tc.want)
		}
	}
}

// The author and date a page declares in its markup rather than in a
// meta tag: microdata, rel="author", author classes, JSON-LD authors
// given by reference, article types given as a list; a heading in title
// case between headline and body is not a byline.
func TestMarkupBylinesAndDates(t *testing.T) {
	body := `<p>The president said on Monday that the talks would continue next week in Geneva, after two days of meetings.</p><p>Officials from both sides described the discussions as constructive but said several issues remained open.</p>`
	for _, tc := range []struct {
		name, head, top, author, date string
	}{
		{"microdata", ``, `<span itemprop="author" itemscope><span itemprop="name">Jane Doe</span></span><meta itemprop="datePublished" content="2024-05-01">`, "Jane Doe", "2024-05-01"},
		{"rel=author", ``, `<a rel="author" href="/u/jr">John Roe</a> <time itemprop="datePublished" datetime="2024-05-02T08:00:00Z">May 2</time>`, "John Roe", "2024-05-02T08:00:00Z"},
		{"author class with a date", ``, `<div class="post-author">Ann Lee - Mar 27</div>`, "Ann Lee", ""},
		{"JSON-LD reference", `<script type="application/ld+json">{"@graph":[{"@type":["Article","NewsArticle"],"author":{"@id":"#p1"},"datePublished":"2024-05-04"},{"@type":"Person","@id":"#p1","name":"Bo Chen"}]}</script>`, ``, "Bo Chen", "2024-05-04"},
		{"forum post", `<script type="application/ld+json">{"@type":"DiscussionForumPosting","author":{"@type":"Person","name":"lowjhg"},"datePublished":"2026-02-15"}</script>`, ``, "lowjhg", "2026-02-15"},
		{"heading is no byline", ``, `<h2>Key Takeaways</h2>`, "", ""},
	} {
		a := htmlArticle(`<html><head>` + tc.head + `</head><body><article><h1>Talks go on in Geneva</h1>` + tc.top + body + `</article></body></html>`)
		d := Clean(&a)
		var got []string
		for _, f := range d.Authors {
			got = append(got, f.Value)
		}
		if tc.author == "" && len(got) > 0 || tc.author != "" && (len(got) == 0 || got[0] != tc.author) {
			t.Errorf("%s: authors %q, want %q", tc.name, got, tc.author)
		}
		if tc.date != "" && !strings.HasPrefix(d.Published.Moment.String(), tc.date) {
			t.Errorf("%s: published %q, want %s", tc.name, d.Published.Moment.String(), tc.date)
		}
	}
}

// A declared time in UTC takes the zone of the page's own <time> for
// the same moment: the day a reader sees.
func TestPublishedOnPageClock(t *testing.T) {
	a := htmlArticle(`<html><head><meta property="article:published_time" content="2025-12-19T02:41:41+00:00"></head><body><article><h1>Talks go on in Geneva</h1><time datetime="2025-12-18T21:46:01-05:00">Dec 18</time><p>The president said on Monday that the talks would continue next week in Geneva, after two days of meetings.</p><p>Officials from both sides described the discussions as constructive but said several issues remained open.</p></article></body></html>`)
	d := Clean(&a)
	if got := d.Published.Moment.Local().Format("2006-01-02"); got != "2025-12-18" {
		t.Errorf("published on the page's clock: %s (%s)", got, d.Published.Moment)
	}
	if !d.Published.Moment.UTC.Equal(time.Date(2025, 12, 19, 2, 41, 41, 0, time.UTC)) {
		t.Errorf("the moment changed: %s", d.Published.Moment.UTC)
	}
}

// A date the markup only shows in prose — an element its class names a
// date, a <time> whose datetime is prose — is read when nothing declared
// one, and gives way to a declared one.
func TestShownDates(t *testing.T) {
	body := `<p>The president said on Monday that the talks would continue next week in Geneva, after two days of meetings.</p><p>Officials from both sides described the discussions as constructive but said several issues remained open.</p>`
	for _, tc := range []struct {
		name, head, top, want string
	}{
		{"date class", ``, `<div class="post-meta"><span class="published-date">December 18, 2025</span></div>`, "2025-12-18"},
		{"prose datetime", ``, `<time datetime="on Friday December 19, 2025 @08:00PM">on Friday</time>`, "2025-12-19"},
		{"declared wins", `<meta property="article:published_time" content="2024-05-01T10:00:00Z">`, `<span class="date">December 18, 2025</span>`, "2024-05-01"},
		{"no year, no date", ``, `<span class="date">Dec 18</span>`, ""},
	} {
		a := htmlArticle(`<html><head>` + tc.head + `</head><body><article><h1>Talks go on in Geneva</h1>` + tc.top + body + `</article></body></html>`)
		d := Clean(&a)
		got := ""
		if !d.Published.Moment.IsZero() {
			got = d.Published.Moment.Local().Format("2006-01-02")
		}
		if got != tc.want {
			t.Errorf("%s: published %q (from %q), want %q", tc.name, got, d.Published.From, tc.want)
		}
	}
}
