package compare

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/timex"
)

func seedStory(t *testing.T) *Report {
	t.Helper()
	return Build("story-test", seedArticles(t), nil)
}

func TestSeedReport(t *testing.T) {
	st := seedStory(t)
	if st.Event.When == nil || st.Event.When.Date != "2025-11-30" {
		t.Errorf("event date %+v, want 2025-11-30", st.Event.When)
	}
	if w := st.Event.Where; w == nil || w.Name != "Florida" || len(w.ByOutlet) != 2 {
		t.Errorf("event place %+v, want Florida with each outlet's venue", w)
	}
	// Hallandale Beach ~ Miami: compatible, a difference of precision.
	found := false
	for _, c := range st.Conflicts {
		if c.Kind == "place" {
			vals := c.Values[0].Value + "|" + c.Values[1].Value
			if strings.Contains(vals, "Hallandale Beach") && strings.Contains(vals, "Miami") {
				found = true
				if c.Verdict != VerdictCompatible || !strings.Contains(c.Reason, "km") {
					t.Errorf("Hallandale Beach/Miami: %s — %s", c.Verdict, c.Reason)
				}
			}
		}
		if c.Kind == "date" && c.Verdict == VerdictConflict {
			t.Errorf("a date conflict where time zones explain the difference: %+v", c)
		}
	}
	if !found {
		t.Errorf("no place comparison of Hallandale Beach and Miami in %+v", st.Conflicts)
	}
	// The Rubio quote: "safe forever" / "secure forever".
	if !hasDiff(st, "secure", "safe") {
		t.Error("no quote wording diff secure → safe")
	}
	// Who cites whom.
	chain := map[string][]string{}
	var walk func(n ChainNode, path string)
	walk = func(n ChainNode, path string) {
		p := path + "/" + n.Name
		chain[n.Kind] = append(chain[n.Kind], p)
		for _, c := range n.Children {
			walk(c, p)
		}
	}
	for _, n := range st.Attribution {
		walk(n, "")
	}
	for _, want := range []string{"/ABP Live/IANS/Xinhua", "/ABP Live/IANS/Wall Street Journal", "/ABP Live/IANS/Facebook"} {
		if !strings.Contains(strings.Join(append(chain["cites"], chain["channel"]...), " "), want) {
			t.Errorf("attribution chain lacks %s: %v", want, chain)
		}
	}
	if !strings.Contains(strings.Join(chain["cites"], " "), "DRM News") || !strings.Contains(strings.Join(chain["photo"], " "), "EPA") {
		t.Errorf("the second report's sources are missing: %v", chain)
	}
	// Unique facts: the four-hour talks and Kushner only in the wire copy.
	only := map[string]string{}
	for _, u := range st.Unique {
		for _, s := range append(u.Only, u.Details...) {
			only[u.Outlet] += s.Text + " "
		}
	}
	if !strings.Contains(only["ABP Live"], "four-hour") || !strings.Contains(only["ABP Live"], "Kushner") {
		t.Errorf("ABP Live's own facts lack the four-hour talks or Kushner: %q", only["ABP Live"])
	}
	if !strings.Contains(strings.Join(valuesOf(only), " "), "Geneva") {
		t.Error("the Geneva groundwork is not listed as one outlet's own")
	}
	// Witkoff to Moscow is a shared fact, on Monday within next week.
	shared := false
	for _, f := range st.SharedFacts {
		all := ""
		for _, s := range f.Sentences {
			all += s.Text
		}
		if strings.Contains(all, "Witkoff") && strings.Count(all, "Moscow") == 2 {
			shared = true
		}
	}
	if !shared {
		t.Error("Witkoff's trip to Moscow is not aligned as a shared fact")
	}
	if n := len(st.Summary); n < 3 || n > 5 {
		t.Errorf("summary of %d sentences", n)
	}
}

func valuesOf(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func hasDiff(st *Report, removed, added string) bool {
	for _, q := range st.Quotes {
		for _, w := range q.Wordings {
			var minus, plus bool
			for _, d := range w.Diff {
				minus = minus || d.Op == "-" && strings.Contains(d.Text, removed)
				plus = plus || d.Op == "+" && strings.Contains(d.Text, added)
			}
			if minus && plus {
				return true
			}
		}
	}
	return false
}

// TestEverySpanSlices checks the JSON contract: every object with
// article_id/start/end/text slices its article's text (or raw) exactly,
// in code points.
func TestEverySpanSlices(t *testing.T) {
	st := seedStory(t)
	b, err := json.Marshal(Reports{Reports: []*Report{st}})
	if err != nil {
		t.Fatal(err)
	}
	n, bad := CheckSpans(b)
	if n < 50 {
		t.Errorf("only %d spans in the report", n)
	}
	for _, e := range bad {
		t.Error(e)
	}
}

func TestPlaceVerdict(t *testing.T) {
	fl := &nlp.Place{Name: "Florida", Kind: "region", Country: "US", Lat: 27.6, Lon: -81.5}
	miami := &nlp.Place{Name: "Miami", Kind: "city", Country: "US", Region: "Florida", Lat: 25.77, Lon: -80.19}
	hb := &nlp.Place{Name: "Hallandale Beach", Kind: "city", Country: "US", Region: "Florida", Lat: 25.98, Lon: -80.15}
	tampa := &nlp.Place{Name: "Tampa", Kind: "city", Country: "US", Region: "Florida", Lat: 27.95, Lon: -82.46}
	geneva := &nlp.Place{Name: "Genève", Kind: "city", Country: "CH", Region: "Geneva", Lat: 46.2, Lon: 6.15}
	tests := []struct {
		p, q *nlp.Place
		want string
	}{
		{fl, miami, VerdictCompatible},
		{miami, hb, VerdictCompatible},
		{miami, tampa, VerdictUnclear},
		{miami, geneva, VerdictConflict},
	}
	for _, tc := range tests {
		if got, reason := placeVerdict(tc.p, tc.q); got != tc.want {
			t.Errorf("%s vs %s: %s (%s), want %s", tc.p.Name, tc.q.Name, got, reason, tc.want)
		}
	}
}

func TestDateVerdict(t *testing.T) {
	day, _ := timex.DayOf("2025-11-30")
	ist := timex.Moment{UTC: day.UTC.Add(27*60*60*1e9 + 4*60*1e9), Precision: timex.Minute, Zone: "IST", ZoneKnown: true, Offset: 19800}
	if v, reason := dateVerdict(day, ist, "America/New_York"); v != VerdictCompatible || !strings.Contains(reason, "same day") {
		t.Errorf("2025-11-30 vs 2025-12-01 03:04 UTC in New York: %s (%s)", v, reason)
	}
	later, _ := timex.DayOf("2025-12-09")
	if v, _ := dateVerdict(day, later, "America/New_York"); v != VerdictConflict {
		t.Errorf("nine days apart: %s, want conflict", v)
	}
}

func TestWordDiff(t *testing.T) {
	a := strings.Fields("we also want to help Ukraine be secure forever, so that it never faces another invasion")
	b := strings.Fields("we also want to help Ukraine be safe forever,")
	d, partial := excerptDiff(wordDiff(a, b))
	var got []string
	for _, p := range d {
		got = append(got, p.Op+p.Text)
	}
	want := "=we also want to help Ukraine be|-secure|+safe|=forever,"
	if strings.Join(got, "|") != want || !partial {
		t.Errorf("diff %q (partial %v), want %q", strings.Join(got, "|"), partial, want)
	}
	if sameUtterance(strings.Fields("a lot of work to be done"), strings.Fields("there are a lot of moving parts that have to be a part of it")) {
		t.Error("quotes sharing only 'a lot of … to be' taken as one utterance")
	}
}

func TestSamePerson(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"Barack Obama", "Obama", true},
		{"Obama Taunts", "Barack Obama", true},
		{"Mr. Obama", "Obama", true},
		{"Paul Ryan", "Georgetown University", false},
		{"President Obama", "President Trump", false},
	}
	for _, tc := range tests {
		if got := samePerson(tc.a, tc.b); got != tc.same {
			t.Errorf("samePerson(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

func TestInitials(t *testing.T) {
	for name, want := range map[string]string{
		"Internal Revenue Service": "IRS", "Federal Bureau of Investigation": "FBI",
		"National Security and Defence Council": "NSDC", "Supreme Court": "SC", "iPhone Team": "",
	} {
		if got := initials(name); got != want {
			t.Errorf("initials(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestSpellingVariant(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"org:national security and defence council", "org:national security and defense council", true},
		{"org:world health organisation", "org:world health organization", true},
		{"org:house budget committee", "org:senate budget committee", false},
		{"org:red sox", "org:red box", false}, // a short word changed: another name
	}
	for _, tc := range tests {
		if got := spellingVariant(tc.a, tc.b); got != tc.same {
			t.Errorf("spellingVariant(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

// A one-word organisation that is the surname of a person the story names
// is that person: one participant, a person.
func TestSurnameTaggedAsOrganisationIsThePerson(t *testing.T) {
	ents := func(es ...*nlp.Entity) *art {
		for i, e := range es {
			e.ID = i
			e.Mentions = []int{i}
		}
		return &art{Article: &Article{Analysis: &nlp.Analysis{Entities: es}}}
	}
	arts := []*art{
		ents(&nlp.Entity{Type: "PER", Name: "Donald Trump"}, &nlp.Entity{Type: "ORG", Name: "Pentagon"}),
		ents(&nlp.Entity{Type: "ORG", Name: "Trump"}, &nlp.Entity{Type: "MISC", Name: "Trump"}, &nlp.Entity{Type: "ORG", Name: "Ford"}),
	}
	keys := surnameKeys(arts)
	if keys["org:trump"] != "per:trump" || keys["misc:trump"] != "per:trump" {
		t.Errorf("Trump not mapped to the person: %v", keys)
	}
	if _, ok := keys["org:ford"]; ok {
		t.Errorf("Ford mapped though no Ford is named: %v", keys)
	}
	if _, ok := keys["org:pentagon"]; ok {
		t.Errorf("Pentagon mapped: %v", keys)
	}
}
