package engine

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/store"
)

// Two reports that quote the same long statement, each in its own words
// around it, share a quotation: neither copies the other. A report that
// runs the other's text does.
func TestSharedQuotationIsNotACopy(t *testing.T) {
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e := &Engine{Store: st}
	statement := `\"We have reviewed every contract signed by the port authority since 2019, and we found no evidence that any official took money from the shipping companies, nor that any tender was decided before it was opened to bidders,\"`
	a := article(t, "Gazette", "g1", "The harbour inquiry closed on Monday. "+statement+" the inquiry chair, Helen Marsh, told reporters at the town hall. The port will reopen its tender office next week, officials said.")
	b := article(t, "Herald", "h1", "Investigators cleared port officials of bribery. "+statement+" Marsh said in a written statement released by her office. Opposition councillors called the findings a whitewash and promised an appeal.")
	added, _, err := ingestArticles(ctx, e, []ingest.Article{a, b})
	if err != nil {
		t.Fatal(err)
	}
	links, err := st.Copies(ctx, []string{added[0].ID, added[1].ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range links {
		if l.Relation != "shares passages" {
			t.Errorf("a shared quotation made a copy: %+v", l)
		}
	}
	// The same story run again word for word is a copy.
	c := article(t, "Courier", "c1", "Investigators cleared port officials of bribery. "+statement+" Marsh said in a written statement released by her office. Opposition councillors called the findings a whitewash and promised an appeal.")
	added, _, err = ingestArticles(ctx, e, []ingest.Article{c})
	if err != nil {
		t.Fatal(err)
	}
	links, _ = st.Copies(ctx, []string{added[0].ID})
	if len(links) == 0 || links[0].Relation == "shares passages" {
		t.Errorf("a copy of the whole text was not found: %+v", links)
	}
}
