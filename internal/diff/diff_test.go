package diff

import (
	"reflect"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	got := Words(strings.Fields("keep Ukraine safe"), strings.Fields("keep Ukraine secure forever"))
	want := []Part{{"=", "keep Ukraine"}, {"-", "safe"}, {"+", "secure forever"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestSentences(t *testing.T) {
	got := Sentences("Headline\n\nThe toll rose to 12. Officials said 3 were missing. “It is grim,” he said.\n\nDr. Lee spoke at 5 p.m. on Tuesday.")
	want := []string{"Headline", "The toll rose to 12.", "Officials said 3 were missing.", "“It is grim,” he said.", "Dr. Lee spoke at 5 p.m. on Tuesday."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestTexts(t *testing.T) {
	before := "Storm hits coast\n\nThe storm killed 12 people on Monday. Power is out in the city. Schools are closed.\n\nThe mayor will speak later."
	after := "Storm hits coast\n\nThe storm killed 15 people on Monday. Schools are closed. Rescuers reached the island overnight.\n\nThe mayor will speak later."
	c := Texts(before, after)
	if len(c.Edited) != 1 || c.Edited[0].Before != "The storm killed 12 people on Monday." || c.Edited[0].Summary() != "“12” → “15”" {
		t.Errorf("edited: %+v", c.Edited)
	}
	if !reflect.DeepEqual(c.Removed, []string{"Power is out in the city."}) {
		t.Errorf("removed: %q", c.Removed)
	}
	if !reflect.DeepEqual(c.Added, []string{"Rescuers reached the island overnight."}) {
		t.Errorf("added: %q", c.Added)
	}
	if !Texts(before, strings.ReplaceAll(before, " ", "  ")).Empty() {
		t.Error("white space alone is no change")
	}
}

// A text rewritten whole, past the bound on sentences aligned in order, is
// compared as sets, in linear time.
func TestTextsRewrittenWhole(t *testing.T) {
	var a, b strings.Builder
	for i := 0; i < 3*maxAligned; i++ {
		a.WriteString("Sentence number " + strings.Repeat("a", i%7+1) + " here. ")
		b.WriteString("Another line " + strings.Repeat("b", i%5+1) + " there. ")
	}
	c := Texts(a.String(), b.String())
	if len(c.Added) != 3*maxAligned || len(c.Removed) != 3*maxAligned {
		t.Errorf("%d added, %d removed", len(c.Added), len(c.Removed))
	}
}
