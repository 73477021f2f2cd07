package compare

import (
	"testing"

	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/nlp"
)

// A copy's direction follows an explicit credit: the report that says
// "as the Daily Ledger reported" copies the Ledger, even when its time
// stamp is the earlier one.
func TestCopyDirectionFollowsCredit(t *testing.T) {
	text := "The harbour will close for two years while the old sea wall is rebuilt, the port authority said on Monday."
	credited := "As The Daily Ledger reported, " + text
	arts := []Article{
		{ID: "early", Outlet: "Coast Post", Doc: &extract.Document{Text: credited},
			Analysis: &nlp.Analysis{Attributions: []nlp.Attribution{{Kind: "cites", Source: "The Daily Ledger"}}}},
		{ID: "late", Outlet: "Daily Ledger", Doc: &extract.Document{Text: text}, Analysis: &nlp.Analysis{}},
	}
	// By time stamps the later article would copy the earlier one.
	links := []dedup.CopyLink{{ArticleID: "late", OfID: "early", Relation: dedup.Edited, Contained: 0.9, Contains: 0.8}}
	b := newBuilder(arts, links)
	cs := b.copiesOut()
	if len(cs) != 1 || cs[0].Article != "early" || cs[0].Of != "late" {
		t.Errorf("copies %+v: want early (which credits the Ledger) as the copy of late", cs)
	}
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"The New York Times", "New York Times", true},
		{"the Times", "New York Times", true},
		{"Reuters", "Reuters", true},
		{"Fox News", "New York Times", false},
	} {
		if got := namesOutlet(tc.a, tc.b); got != tc.want {
			t.Errorf("%q credits %q: %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
