package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/timex"
	"github.com/parallax-news/parallax/internal/wire"
)

// readArticle reads a page the way ingest does.
func readArticle(t *testing.T, path string) ingest.Article {
	t.Helper()
	arts, errs := ingest.ReadFiles([]string{path}, ingest.Options{})
	if len(errs) > 0 || len(arts) != 1 {
		t.Fatalf("read %s: %v (%d articles)", path, errs, len(arts))
	}
	return arts[0]
}

// cleanCase states what cleaning must find in one page. Empty strings and
// nil slices are checked too: "" means the field must be empty.
type cleanCase struct {
	file       string
	headline   string
	dek        string
	agency     string
	place      string // dateline place
	published  string // Moment.String()
	updated    string
	authors    []string
	tags       []string
	credit     string // first photo credit
	syndicated bool
	verbatim   bool
	firstPara  string   // body must start with this
	lastPara   string   // body must end with this
	notInText  []string // chrome that must be gone
	removed    []string // kinds that must appear among removed lines
}

var cleanCases = []cleanCase{
	{
		file:      "../../examples/seeds/000_9cfc92a05877532c.txt",
		headline:  "'Ukraine Talks Productive, But More Work To Be Done To Reach Deal': US State Secretary Rubio",
		agency:    "IANS",
		place:     "Washington",
		published: "2025-12-01T03:04:00Z", updated: "2025-12-01T03:04:00Z",
		authors:    []string{"IANS"},
		tags:       []string{"Ukraine", "United STates", "Marco Rubio"},
		syndicated: true, verbatim: true,
		firstPara: "Washington, Dec 1 (IANS) US Secretary of State Marco Rubio said",
		lastPara:  "according to a Wall Street Journal report.",
		notInText: []string{"English", "हिन्दी", "HomeNews", "By :", "Preferred Sources", "syndicate", "Published at", "United STates"},
		removed:   []string{kindMenu, kindBreadcrumb, kindByline, kindWidget, kindSyndication, kindTime, kindTags},
	},
	{
		file:      "../../examples/seeds/004_9db2e0d9894f95f3.txt",
		dek:       `Secretary of State says there is still "a lot of work to be done" on the peace plan, but notes progress on the document`,
		published: "2025-11-30",
		credit:    "MARTIAL TREZZINI/EPA",
		firstPara: "Following the Ukraine-U.S. talks in Miami, Florida,",
		lastPara:  "The officials did not provide any other details.",
		notInText: []string{"(Photo:", "TREZZINI", "date 2025"},
		removed:   []string{kindCaption},
	},
	{
		file:     "testdata/pages/ap_style.txt",
		headline: "Lawmakers Reach Deal on Bridge Funding After Weeks of Talks",
		agency:   "AP", place: "WASHINGTON",
		published: "2025-03-14T23:15:00Z", updated: "2025-03-14T23:15:00Z",
		authors:   []string{"MARIA ALVAREZ", "TOM BECKER"},
		firstPara: "WASHINGTON (AP) — Congressional negotiators agreed Friday",
		lastPara:  "could close without new funding.",
		notInText: []string{"Share", "Link copied", "Advertisement", "Copyright", "By MARIA"},
		removed:   []string{kindByline, kindTime, kindWidget, kindAd, kindCopyright},
	},
	{
		file:     "testdata/pages/reuters_style.txt",
		headline: "Copper prices hit three-month high on supply worries",
		agency:   "Reuters", place: "LONDON", published: "2025-06-02",
		firstPara: "LONDON, June 2 (Reuters) - Copper prices rose",
		lastPara:  "zinc was little changed.",
		notInText: []string{"Sign up here", "Reporting by", "Trust Principles"},
		removed:   []string{kindPromo, kindCredit},
	},
	{
		file:      "testdata/pages/ndtv_style.txt",
		headline:  "Monsoon Floods Cut Off Villages In Northern Province, Thousands Evacuated",
		dek:       "Rescue teams used boats to reach families stranded on rooftops, officials said.",
		agency:    "PTI",
		place:     "Kathmandu",
		published: "2025-08-19T17:12:00Z", updated: "2025-08-19T17:12:00Z",
		authors:    []string{"World News Press Trust of India"},
		syndicated: true, verbatim: true,
		firstPara: "Kathmandu: Flash floods triggered",
		lastPara:  "a local teacher told reporters.",
		notInText: []string{"Home |", "Updated:", "Follow us", "syndicated feed"},
		removed:   []string{kindBreadcrumb, kindByline, kindWidget, kindPromo, kindSyndication},
	},
	{
		file:      "testdata/pages/toi_style.txt",
		headline:  "Metro Line Extension Approved, Work To Begin In April",
		place:     "PUNE",
		published: "2025-02-10T03:04:00Z", updated: "2025-02-10T03:04:00Z",
		authors:   []string{"TOI City Desk"},
		firstPara: "PUNE: The state cabinet on Monday approved",
		lastPara:  "completed in three years.",
		notInText: []string{"CITY NEWS", "TIMESOFINDIA.COM", "Listen to this article", "Also Read", "Download", "Follow us"},
		removed:   []string{kindBreadcrumb, kindByline, kindTeaser, kindPromo},
	},
	{
		file:      "testdata/pages/bbc_style.txt",
		headline:  "Museum returns bronze statues to Nigeria",
		published: "2025-05-21",
		authors:   []string{"Helen Carter"},
		tags:      []string{"Nigeria", "Museums"},
		credit:    "Getty Images",
		firstPara: "A museum in the north of England has returned",
		lastPara:  `"simply the right thing to do".`,
		notInText: []string{"Image source", "Image caption", "Related topics", "Arts correspondent", "Save"},
		removed:   []string{kindCaption, kindByline, kindTags},
	},
	{
		file:      "testdata/pages/guardian_style.txt",
		headline:  "Wildfire forces evacuation of coastal town as winds strengthen",
		dek:       "Firefighters say shifting winds could push the blaze towards homes overnight, with more than 2,000 residents told to leave",
		published: "2025-11-02T18:40:00Z",
		authors:   []string{"Jonas Meyer"},
		tags:      []string{"Portugal", "Europe Wildfires"},
		credit:    "Pedro Nunes/Reuters",
		firstPara: "More than 2,000 residents of a coastal town",
		lastPara:  `a spokesperson said.`,
		notInText: []string{"Photograph:", "Explore more", "Reuse this content", "Jonas Meyer"},
		removed:   []string{kindCaption, kindByline, kindTime, kindTags},
	},
	{
		file:      "testdata/pages/kyiv_style.txt",
		headline:  "Power restored to most of Kharkiv after overnight strike",
		agency:    "Ukrinform",
		place:     "Kyiv",
		published: "2025-09-12",
		credit:    "Kharkiv Regional Military Administration",
		firstPara: "Kyiv, September 12 (Ukrinform) – Power has been restored",
		lastPara:  "still without electricity.",
		notInText: []string{"Українська", "Read also", "Ctrl + Enter", "Photo:"},
		removed:   []string{kindMenu, kindCaption, kindTeaser, kindPromo},
	},
	{
		file:      "testdata/pages/blog_style.txt",
		headline:  "Why our town needs a new library",
		published: "2025-01-12",
		tags:      []string{"library", "council", "town news"},
		firstPara: "The old library building on Main Street",
		lastPara:  "near the school.",
		notInText: []string{"Posted by", "Leave a reply", "Comments (3)", "Tags:"},
		removed:   []string{kindTime, kindTags},
	},
	{
		file:      "testdata/pages/localtv_style.txt",
		headline:  "Fireworks Show Moved To Riverside Park Because Of Drought",
		place:     "SPRINGDALE, Ark.",
		published: "2025-07-04T23:15:00Z", updated: "2025-07-05T01:02:00Z",
		authors:   []string{"Kevin Park"},
		firstPara: "SPRINGDALE, Ark. — The city's Fourth of July",
		lastPara:  "is safer.",
		notInText: []string{"by:", "Posted:", "Updated:", "SHARE", "Nexstar"},
		removed:   []string{kindByline, kindTime, kindWidget, kindCopyright},
	},
	{
		file:      "testdata/pages/plain_wrapped.txt",
		headline:  "Council votes to expand bike lanes",
		firstPara: "The city council voted 7-2 on Tuesday to add 20 miles of protected bike lanes over the next three years, a plan that supporters said would make streets safer for everyone.",
		lastPara:  "Opponents argued that the lanes would remove too many parking spaces in the downtown area.",
	},
	{
		file:      "testdata/pages/paywall_style.txt",
		headline:  "Central Bank Holds Rates Steady, Signals Cuts Next Year",
		dek:       "Policymakers said inflation is cooling but not yet at their target",
		published: "2025-10-08T18:00:00Z",
		authors:   []string{"Sarah Lindqvist"},
		firstPara: "The central bank left its key interest rate unchanged",
		lastPara:  "the bank's chair told reporters.",
		notInText: []string{"min read", "Gift this article", "Listen to this article", "Story continues", "Subscribe"},
		removed:   []string{kindWidget, kindByline, kindTime, kindAd, kindPromo},
	},
	{
		file:      "testdata/pages/aljazeera_style.txt",
		headline:  "Ceasefire talks resume in regional capital",
		dek:       "Delegations from both sides met for six hours, mediators said.",
		published: "2025-04-17",
		firstPara: "Mediators said on Thursday that talks on a ceasefire had resumed",
		lastPara:  "expected next week, they said.",
		notInText: []string{"Published On", "Save articles", "Click here", "Source: Al Jazeera"},
		removed:   []string{kindTime, kindPromo, kindCredit},
	},
	{
		file:       "testdata/pages/pti_style.txt",
		agency:     "PTI",
		place:      "New Delhi",
		published:  "2025-01-21",
		tags:       []string{"Farmers", "Loans", "Agriculture", "Ministry"},
		syndicated: true, verbatim: true,
		firstPara: "New Delhi, Jan 21 (PTI) The government on Tuesday announced",
		lastPara:  `the agriculture minister said.`,
		notInText: []string{"Devdiscourse", "Farmers Loans"},
		removed:   []string{kindSyndication, kindTags},
	},
	{
		file:      "testdata/pages/kyodo_style.txt",
		headline:  "Japan's exports rise for third straight month",
		agency:    "Kyodo",
		place:     "TOKYO",
		firstPara: "TOKYO, Dec. 18 (Kyodo) -- Japan's exports rose",
		lastPara:  "the Finance Ministry said.",
		notInText: []string{"==Kyodo"},
		removed:   []string{kindCredit},
	},
	{
		file:      "testdata/pages/reuters_caption.txt",
		headline:  "Airline to cut 2,000 jobs as it shrinks fleet",
		agency:    "Reuters",
		published: "2025-09-30",
		credit:    "REUTERS/Luis Moreno/File Photo",
		firstPara: "Sept 30 (Reuters) - A European airline said",
		lastPara:  "through voluntary departures.",
		notInText: []string{"FILE PHOTO", "Luis Moreno", "Reporting by"},
		removed:   []string{kindCaption, kindCredit},
	},
	{
		file:      "testdata/pages/livemint_style.txt",
		headline:  "Sensex, Nifty End Higher As IT Stocks Rally",
		dek:       "Benchmark indices rose for a second day, led by gains in software exporters.",
		place:     "Mumbai",
		published: "2025-12-03T10:35:00Z",
		authors:   []string{"Priya Nair"},
		firstPara: "Mumbai: Indian shares closed higher on Wednesday",
		lastPara:  "the Nifty gained 0.6%.",
		notInText: []string{"HomeMarkets", "Stock Markets", "Written By", "Catch all the"},
		removed:   []string{kindBreadcrumb, kindByline, kindTime, kindPromo},
	},
}

func TestCleanPages(t *testing.T) {
	for _, tc := range cleanCases {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			a := readArticle(t, tc.file)
			d := Clean(&a)
			check := func(what, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("headline", d.Headline.Value, tc.headline)
			check("dek", d.Dek.Value, tc.dek)
			check("agency", d.Agency.Value, tc.agency)
			place := ""
			if d.Dateline != nil {
				place = d.Dateline.Place.Value
			}
			check("dateline place", place, tc.place)
			check("published", momentString(d.Published.Moment), tc.published)
			check("updated", momentString(d.Updated.Moment), tc.updated)
			if got := values(d.Authors); !reflect.DeepEqual(got, tc.authors) {
				t.Errorf("authors = %q, want %q", got, tc.authors)
			}
			if got := values(d.Tags); !reflect.DeepEqual(got, tc.tags) {
				t.Errorf("tags = %q, want %q", got, tc.tags)
			}
			credit := ""
			if len(d.Photos) > 0 {
				credit = d.Photos[0].Credit.Value
			}
			check("photo credit", credit, tc.credit)
			if (d.Syndication.Value != "") != tc.syndicated || d.Syndication.Verbatim != tc.verbatim {
				t.Errorf("syndication = %q verbatim %v, want %v %v", d.Syndication.Value, d.Syndication.Verbatim, tc.syndicated, tc.verbatim)
			}
			body := d.Body()
			if !strings.HasPrefix(body, tc.firstPara) {
				t.Errorf("body starts %q, want %q", clipText(body, 90), tc.firstPara)
			}
			if !strings.HasSuffix(body, tc.lastPara) {
				t.Errorf("body ends %q, want %q", body[max(0, len(body)-90):], tc.lastPara)
			}
			for _, bad := range tc.notInText {
				if strings.Contains(d.Text, bad) {
					t.Errorf("text still contains %q", bad)
				}
			}
			kinds := map[string]bool{}
			for _, r := range d.Removed {
				kinds[r.Kind] = true
			}
			for _, k := range tc.removed {
				if !kinds[k] {
					t.Errorf("no %s among removed lines %v", k, kinds)
				}
			}
			checkSpans(t, &a, &d)
		})
	}
}

// checkSpans verifies that every span slices the text it claims to.
func checkSpans(t *testing.T, a *ingest.Article, d *Document) {
	t.Helper()
	fields := []Field{d.Headline, d.Dek, d.Agency, d.Published.Field, d.Updated.Field, d.Syndication.Field}
	fields = append(fields, d.Authors...)
	fields = append(fields, d.Tags...)
	for _, p := range d.Photos {
		fields = append(fields, p.Caption, p.Credit)
	}
	if dl := d.Dateline; dl != nil {
		fields = append(fields, dl.Place, dl.Date.Field, dl.Agency)
	}
	for _, f := range fields {
		if f.Value == "" || f.From != "" || f.Span.IsZero() {
			continue
		}
		src := d.Text
		if f.Span.InRaw {
			src = a.Raw
		}
		got := f.Span.Of(src)
		if ag, ok := wire.Lookup(got); ok && ag.Name == f.Value {
			continue // agencies are named by their short form
		}
		if !strings.Contains(got, strings.TrimSpace(f.Value)) && got != f.Value {
			t.Errorf("span %v slices %q, value %q", f.Span, got, f.Value)
		}
	}
	for _, r := range d.Removed {
		if r.Span.IsZero() {
			continue // HTML text not found verbatim in the markup
		}
		if got := r.Span.Of(a.Raw); got != r.Text && !strings.Contains(strings.Join(strings.Fields(got), " "), r.Text) {
			t.Errorf("removed %s span %v slices %q, want %q", r.Kind, r.Span, got, r.Text)
		}
	}
	for _, p := range d.Paragraphs {
		if p.InRaw || p.End > len(d.Text) {
			t.Errorf("paragraph span %v outside text", p)
		}
	}
}

func momentString(m timex.Moment) string {
	if m.IsZero() {
		return ""
	}
	return m.String()
}

func values(fs []Field) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Value)
	}
	return out
}

func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

func TestCleanEmptyAndChromeOnly(t *testing.T) {
	for _, raw := range []string{" date 2025-01-01 Share\nAdvertisement\n", "Share\nFollow us on Google News\n"} {
		a := ingest.Article{Raw: raw, Format: ingest.FormatText}
		d := Clean(&a)
		if d.Body() != "" {
			t.Errorf("chrome-only page kept body %q", d.Body())
		}
	}
}

func TestMain(m *testing.M) {
	os.Exit(m.Run())
}

func mustDay(s string) timex.Moment {
	m, _ := timex.DayOf(s)
	return m
}
