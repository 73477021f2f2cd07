package extract

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/ingest"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

type htmlCase struct {
	file       string
	headline   string
	dek        string
	authors    []string
	agency     string
	published  string
	credit     string
	paragraphs []string // the body, exactly, paragraph by paragraph (prefixes)
	notInText  []string
	removed    []string
}

var htmlCases = []htmlCase{
	{
		file:      "news_basic.html",
		headline:  "Harbour town votes to rebuild sea wall",
		authors:   []string{"Ines Moreau"},
		published: "2025-02-03T17:30:00Z",
		credit:    "Tomas Lind/AFP",
		paragraphs: []string{
			"The town council voted on Monday to rebuild",
			"The plan will cost about 12 million euros",
			`"We cannot wait for the next storm`,
			"Fishermen said they had feared",
		},
		notInText: []string{"The Coast Courier", "Storm damages", "Related", "Share", "Privacy", "Photo:"},
	},
	{
		file:       "dek_heading.html",
		headline:   "Rail strike called off at last minute",
		dek:        "Unions and operators reached a deal late on Sunday night, averting three days of cancellations",
		authors:    []string{"Olga Petrov"},
		published:  "2025-12-01T03:45:00Z",
		paragraphs: []string{"A national rail strike", "The deal gives staff", "Commuters had been told", "The operators said"},
		notInText:  []string{"Updated:"},
	},
	{
		// The page reuses its first paragraph as its description: still body.
		file:       "first_paragraph_description.html",
		headline:   "Library reopens after flood repairs",
		paragraphs: []string{"The central library reopened on Saturday", "More than 2,000 people", "The flood destroyed", "Librarians said"},
	},
	{
		file:       "newsletter_box.html",
		headline:   "Chess prodigy wins national title at 14",
		paragraphs: []string{"A 14-year-old from a small mountain village", "She learned the game", "The champion will represent", `"I just tried to play my own game,"`},
		notInText:  []string{"Newsletter", "Thanks for signing up", "Sorry!", "error processing", "best of the day's games"},
	},
	{
		file:       "stats_table.html",
		headline:   "Marathon results: new course record in the women's race",
		paragraphs: []string{"The city marathon saw", "Here are the top finishers", "Place Runner Time", "1 Amira Haddad 2:21:14", "2 Lena Fischer 2:22:03", "3 Rosa Santos 2:23:40", "Organisers said"},
	},
	{
		file:       "bracket_caption.html",
		headline:   "Two soldiers killed in helicopter crash",
		paragraphs: []string{"Two soldiers were killed when their helicopter crashed", "The cause of the crash", "The names of the soldiers", "It was the second fatal crash"},
		notInText:  []string{"[File: Reuters]", "5,000 troops"},
		removed:    []string{kindCaption},
	},
	{
		file:       "wire_copy.html",
		headline:   "Factory output falls for a third month",
		authors:    []string{"Reuters"},
		agency:     "Reuters",
		paragraphs: []string{"BERLIN, Nov 28 (Reuters) - Factory output fell", "The purchasing managers' index", `"Demand is soft across the board`},
		notInText:  []string{"Reporting by", "Thomson Reuters. All rights"},
		removed:    []string{kindCredit},
	},
	{
		file: "no_article.html",
	},
}

func TestCleanHTML(t *testing.T) {
	for _, tc := range htmlCases {
		t.Run(tc.file, func(t *testing.T) {
			a := readArticle(t, filepath.Join("testdata/html", tc.file))
			d := Clean(&a)
			if d.Headline.Value != tc.headline && tc.headline != "" {
				t.Errorf("headline %q, want %q", d.Headline.Value, tc.headline)
			}
			if d.Dek.Value != tc.dek {
				t.Errorf("dek %q, want %q", d.Dek.Value, tc.dek)
			}
			if got := values(d.Authors); !reflect.DeepEqual(got, tc.authors) {
				t.Errorf("authors %q, want %q", got, tc.authors)
			}
			if d.Agency.Value != tc.agency {
				t.Errorf("agency %q, want %q", d.Agency.Value, tc.agency)
			}
			if got := momentString(d.Published.Moment); got != tc.published {
				t.Errorf("published %q, want %q", got, tc.published)
			}
			credit := ""
			if len(d.Photos) > 0 {
				credit = d.Photos[0].Credit.Value
			}
			if credit != tc.credit {
				t.Errorf("credit %q, want %q", credit, tc.credit)
			}
			if len(d.Paragraphs) != len(tc.paragraphs) {
				t.Errorf("%d paragraphs, want %d:\n%s", len(d.Paragraphs), len(tc.paragraphs), d.Body())
			} else {
				for i, p := range d.Paragraphs {
					if got := p.Of(d.Text); !strings.HasPrefix(got, tc.paragraphs[i]) {
						t.Errorf("paragraph %d = %q, want prefix %q", i, clipText(got, 80), tc.paragraphs[i])
					}
				}
			}
			for _, bad := range tc.notInText {
				if strings.Contains(d.Text, bad) {
					t.Errorf("text contains %q", bad)
				}
			}
			kinds := map[string]bool{}
			for _, r := range d.Removed {
				kinds[r.Kind] = true
			}
			for _, k := range tc.removed {
				if !kinds[k] {
					t.Errorf("nothing removed as %s: %v", k, kinds)
				}
			}
			checkSpans(t, &a, &d)
		})
	}
}

// TestMetadataSources checks that HTML metadata says where it came from.
func TestMetadataSources(t *testing.T) {
	a := readArticle(t, "testdata/html/news_basic.html")
	d := Clean(&a)
	for name, f := range map[string]Field{"site name": d.SiteName, "canonical": d.Canonical, "section": d.Section, "image": d.Image} {
		if f.Value == "" || f.From == "" {
			t.Errorf("%s = %+v, want a value with its source attribute", name, f)
		}
	}
	if d.Published.From != "json-ld NewsArticle.datePublished" || d.Updated.Moment.String() != "2025-02-03T19:05:00Z" {
		t.Errorf("times: %+v / %+v", d.Published, d.Updated)
	}
	if d.ImageCredit.Value != "Tomas Lind/AFP" || d.Language != "en" {
		t.Errorf("image credit %q, language %q", d.ImageCredit.Value, d.Language)
	}
	if d.Authors[0].Span.IsZero() || d.Authors[0].Span.Of(a.Raw) != "Ines Moreau" {
		t.Errorf("visible byline should win with its span: %+v", d.Authors[0])
	}
}

// TestHostileHTML feeds broken markup, mis-declared charsets and a huge
// inline script: each must yield the article, never a panic.
func TestHostileHTML(t *testing.T) {
	body := "<p>All schools in the northern district were closed on Thursday as a storm brought heavy snow and strong winds.<p>Officials said the schools would reopen on Monday if the roads were cleared in time for buses."
	script := "<script>var x = \"" + strings.Repeat("a", 2<<20) + "\";</script>"
	w1252, _ := charmap.Windows1252.NewEncoder().String("<p>Caf\u00e9 owners in the old town said on Friday that the new parking rules had cut their trade by half since the summer. The council said it would review the rules in the spring.</p>")
	koi8, _ := charmap.KOI8R.NewEncoder().String("<html><body><h1>Мост</h1><p>Власти города сообщили в пятницу, что новый мост через реку откроется для движения уже в следующем месяце. Строительство началось три года назад и обошлось дешевле, чем планировалось.</p>")
	sjis, _ := japanese.ShiftJIS.NewEncoder().String(`<html><head><meta charset="shift_jis"></head><body><h1>橋</h1><p>東京都は金曜日、新しい橋が来月開通すると発表した。市民は交通渋滞が緩和されることを期待している。工事は三年前に始まった。関係者によると、費用は予定より少なかったという。</p>`)
	cases := map[string]struct {
		html, want string
	}{
		"unclosed tags":                {"<html><body><div><h1>Storm closes schools\n" + body, "All schools in the northern district"},
		"nested 3,000 deep":            {"<html><body>" + strings.Repeat("<div><font>", 1500) + "<h1>Storm closes schools</h1>" + body, "Officials said the schools"},
		"tables nested 1,000 deep":     {"<html><body>" + strings.Repeat("<table><tr><td>", 1000) + "<h1>Storm closes schools</h1>" + body, "Officials said the schools"},
		"huge inline script":           {"<html><body><h1>Storm closes schools</h1>" + body + script, "Officials said the schools"},
		"utf-8 declared as Shift-JIS":  {`<html><head><meta charset="shift_jis"></head><body><h1>Caf` + "\u00e9" + ` rules</h1>` + body, "All schools"},
		"windows-1252 declared utf-8":  {`<html><head><meta charset="utf-8"></head><body><h1>Parking</h1>` + w1252, "Café owners"},
		"koi8-r undeclared":            {koi8, "Власти города"},
		"shift-jis declared correctly": {sjis, "東京都は金曜日"},
		"no body at all":               {"<html><head><title>x</title></head></html>", ""},
		"not html":                     {"<<<>>><!-- <p", ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s, _, err := ingest.Decode([]byte(tc.html), declaredCharset(tc.html))
			if err != nil {
				if tc.want != "" {
					t.Fatalf("decode: %v", err)
				}
				return
			}
			a := ingest.Article{Raw: s, Format: ingest.FormatHTML}
			d := Clean(&a)
			if !strings.Contains(d.Body(), tc.want) {
				t.Errorf("body %q lacks %q", clipText(d.Body(), 120), tc.want)
			}
		})
	}
}

func declaredCharset(s string) string {
	if i := strings.Index(s, `charset="`); i >= 0 {
		rest := s[i+9:]
		return rest[:strings.IndexByte(rest, '"')]
	}
	return ""
}

// htmlArticle is an in-memory HTML page as ingest reads it.
func htmlArticle(page string) ingest.Article {
	return ingest.Article{ID: "t", Outlet: "t", Format: ingest.FormatHTML, Raw: page, Container: "file"}
}

// Metadata in the meta tags news sites use besides OpenGraph: the New
// York Times' byl and article:published, Parse.ly, Sailthru, Dublin Core.
func TestMetaBylinesAndDates(t *testing.T) {
	body := `<article><h1>Talks go on in Geneva</h1><p>The president said on Monday that the talks would continue next week in Geneva, after two days of meetings.</p><p>Officials from both sides described the discussions as constructive but said several issues remained open.</p></article>`
	for _, tc := range []struct {
		meta, author, date string
	}{
		{`<meta property="article:published" content="2024-05-01T10:00:00-04:00"><meta name="byl" content="By Jane Doe">`, "Jane Doe", "2024-05-01T14:00:00Z"},
		{`<meta name="parsely-pub-date" content="2024-05-02T08:00:00Z"><meta name="parsely-author" content="John Roe">`, "John Roe", "2024-05-02T08:00:00Z"},
		{`<meta name="sailthru.date" content="2024-05-03 09:30:00"><meta name="sailthru.author" content="Ann Lee">`, "Ann Lee", "2024-05-03"},
		{`<meta name="DC.date.issued" content="2024-05-04"><meta name="DC.creator" content="Bo Chen">`, "Bo Chen", "2024-05-04"},
	} {
		a := htmlArticle(`<html><head>` + tc.meta + `</head><body>` + body + `</body></html>`)
		d := Clean(&a)
		if len(d.Authors) == 0 || d.Authors[0].Value != tc.author {
			t.Errorf("%s: authors %+v", tc.meta, d.Authors)
		}
		if got := d.Published.Moment.String(); !strings.HasPrefix(got, tc.date) {
			t.Errorf("%s: published %q, want %s", tc.meta, got, tc.date)
		}
	}
}

// A minimal article keeps its headline apart from its body; a page too
// short to be an article loses its text only with a word in --explain.
func TestMinimalPages(t *testing.T) {
	a := htmlArticle(`<article><h1>Last good</h1><p>The president said on Monday that the talks would continue next week in Geneva, after two days of meetings with both delegations.</p><p>Officials from both sides described the discussions as constructive.</p></article>`)
	d := Clean(&a)
	if !strings.HasPrefix(d.Text, "Last good\n\nThe president said") || len(strings.Fields(d.Body())) < 30 {
		t.Errorf("minimal article: %q", d.Text)
	}
	short := htmlArticle(`<article><h1>Last good</h1><p>The president spoke.</p><p>He left.</p></article>`)
	d = Clean(&short)
	if strings.TrimSpace(d.Text) != "" && len(d.Removed) == 0 {
		t.Fatalf("short page: %q", d.Text)
	}
	said := false
	for _, r := range d.Removed {
		said = said || r.Kind == "too short" && strings.Contains(r.Text, "He left.")
	}
	if strings.TrimSpace(d.Text) == "" && !said {
		t.Errorf("a short page lost its text without a word: %+v", d.Removed)
	}
}

// A page that is a list, not an article: its short lines have the shapes
// the chrome rules remove (dates alone, "More…" links), and the guard
// keeps the extractor's reading instead of leaving the headline alone.
func TestGuardKeepsAListingPage(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><head><title>Concerts this spring</title></head><body><main><h1>Concerts this spring</h1>`)
	venues := []string{"Old Mill", "Riverside Hall", "the Cathedral", "Park Stage", "Harbour Rooms"}
	for i := range 24 {
		fmt.Fprintf(&b, `<h3><a href="/events/%d">%s quartet plays Schubert</a></h3><p>%d March 2025</p>`, i, venues[i%len(venues)], i+1)
	}
	b.WriteString(`</main></body></html>`)
	a := htmlArticle(b.String())
	d := Clean(&a)
	kept := strings.Count(d.Text, "quartet plays Schubert")
	if kept < 20 {
		t.Errorf("the listing kept %d of 24 entries; kept note %q; text %q", kept, d.Kept, d.Text)
	}
}

func TestTitleVariant(t *testing.T) {
	title := "All the latest news from the valley"
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"All the latest news from the valley | Valley Daily Courier", true},
		{"All the latest news from the valley", true},
		{"All the latest news from the valley Opinion Elevating the model: the history of travel dates back nearly a hundred years, to holiday camps", false},
	} {
		if got := isTitleVariant(tc.line, title); got != tc.want {
			t.Errorf("isTitleVariant(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}

// An extractor's scrap (a caption) gives way to a reading many times
// longer that is running text, never to a list of links, and a reading of
// article length is not replaced by a longer one that does not hold it.
func TestPrefersSecond(t *testing.T) {
	para := func(seed string, n int) block {
		var ws []string
		for i := range n {
			ws = append(ws, fmt.Sprintf("%s%d", seed, i))
		}
		return block{text: strings.Join(ws, " ")}
	}
	scrap := candidate{blocks: []block{para("caption", 20)}}
	var article, links candidate
	for i := range 10 {
		article.blocks = append(article.blocks, para(fmt.Sprintf("p%d-", i), 60))
		l := para(fmt.Sprintf("l%d-", i), 60)
		l.links = 0.9
		links.blocks = append(links.blocks, l)
	}
	long := candidate{blocks: []block{para("story", 300)}}
	for _, tc := range []struct {
		name string
		a, b candidate
		want bool
	}{
		{"a scrap beside running text", scrap, article, true},
		{"a scrap beside a list of links", scrap, links, false},
		{"an article beside a longer reading that does not hold it", long, article, false},
	} {
		if got := prefersSecond(tc.a, tc.b); got != tc.want {
			t.Errorf("%s: prefersSecond = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCanBeName(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"Sean Peek", true},
		{"LEONARDO GARCIA", true},
		{"Çelik Nimani", true},
		{"ShawnHymel", true},
		{"Reuters", true},
		{"Senior Analyst", false},
		{"Business Planning", false},
		{"MY ACCOUNT", false},
		{"Our Top Picks", false},
	} {
		if got := canBeName(tc.v); got != tc.want {
			t.Errorf("canBeName(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}
