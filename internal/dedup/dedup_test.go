package dedup

import (
	"strings"
	"testing"
	"time"
)

const wire = `Firefighters contained a wildfire that burned through dry forest near the northern town of Alder Creek on Tuesday, officials said. The blaze forced the evacuation of about 300 homes and closed the main highway for six hours. No injuries were reported, the county fire department said in a statement. Crews from three neighbouring districts joined the effort after strong winds pushed the flames toward the river valley. Investigators have not yet determined the cause of the fire, which started in a campground late on Monday evening. The regional governor praised the volunteers who cleared firebreaks overnight and promised compensation for farmers whose barns and orchards were destroyed. Forecasters expect cooler weather and light rain by the weekend, which should help crews put out the remaining hot spots along the eastern ridge.`

const unrelated = `The central bank left its key interest rate unchanged on Thursday, saying inflation had eased for a third month in a row. Analysts had expected the decision, although two members of the rate committee voted for a cut. The bank said it would watch wage growth closely before changing course, and its governor told reporters that the outlook remained uncertain because of weak exports. Markets barely moved after the announcement: the currency slipped against the dollar and government bond yields edged lower. Several retailers said shoppers were still cautious, and a survey of manufacturers published on the same day showed orders falling for the fifth consecutive month.`

func TestRelations(t *testing.T) {
	// An outlet's version: a new first sentence, two sentences dropped, a
	// few words changed.
	edited := "Residents returned home on Wednesday. " + strings.Replace(strings.Replace(wire,
		"No injuries were reported, the county fire department said in a statement. ", "", 1),
		"strong winds", "gusty winds", 1)
	withQuote := unrelated + " " + "The blaze forced the evacuation of about 300 homes and closed the main highway for six hours. Crews from three neighbouring districts joined the effort after strong winds pushed the flames toward the river valley, officials said on Tuesday."
	tests := []struct {
		name, a, b string
		want       string
	}{
		{"verbatim", wire, wire, Verbatim},
		{"verbatim modulo spacing and case", wire, strings.ToUpper(strings.Join(strings.Fields(wire), "  ")), Verbatim},
		{"edited copy", edited, wire, Edited},
		{"shares a passage", withQuote, wire, Shares},
		{"unrelated", unrelated, wire, ""},
	}
	for _, tc := range tests {
		x := NewIndex(0)
		x.Add("b", time.Time{}, Sign(tc.b))
		links := x.Add("a", time.Time{}, Sign(tc.a))
		got := ""
		if len(links) > 0 {
			got = links[0].Relation
		}
		if got != tc.want {
			t.Errorf("%s: relation %q, want %q (links %+v)", tc.name, got, tc.want, links)
		}
	}
}

func TestIndexForgetsOldArticles(t *testing.T) {
	x := NewIndex(48 * time.Hour)
	day := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	x.Add("old", day, Sign(wire))
	for i := 0; i < 10000; i++ { // eviction runs every 10,000 articles
		x.Add("filler", day.Add(10*24*time.Hour), Signature{})
	}
	if links := x.Add("new", day.Add(10*24*time.Hour), Sign(wire)); len(links) != 0 {
		t.Errorf("an article past the horizon was still matched: %+v", links)
	}
}

func TestPassages(t *testing.T) {
	a := "Breaking news. " + wire
	b := unrelated + "\n\n" + wire[:strings.Index(wire, " Crews")]
	ps, share := Passages(a, b)
	if len(ps) != 1 {
		t.Fatalf("got %d passages, want 1: %+v", len(ps), ps)
	}
	got, want := ps[0].A.Of(a), ps[0].B.Of(b)
	if !strings.HasPrefix(got, "Firefighters contained") || !strings.HasSuffix(got, "in a statement") || got != want {
		t.Errorf("passage in a %q, in b %q", got, want)
	}
	if share < 0.3 || share > 0.6 {
		t.Errorf("share %.2f, want the four sentences' share of the text", share)
	}
}
