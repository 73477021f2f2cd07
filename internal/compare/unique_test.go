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

// threeReports analyses three reports of our own of one event.
func threeReports(t *testing.T) []Article {
	t.Helper()
	an, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	day := timex.Moment{UTC: time.Date(2024, 3, 14, 0, 0, 0, 0, time.UTC), Precision: timex.Day}
	bodies := map[string]string{
		"alpha": "Harbour bridge to close for two years\n\n" +
			"The city council voted on Wednesday to close the Harbour Bridge for two years of repairs. " +
			"The repairs will cost 48 million euros, according to the council. " +
			"Engineers found cracks in three of the bridge's supports last autumn. " +
			"Shop owners near the bridge said they feared losing customers.",
		"beta": "Council shuts Harbour Bridge\n\n" +
			"The city council voted on Wednesday to close the Harbour Bridge for two years of repairs. " +
			"The repairs will cost 48 million euros, the council said. " +
			"A ferry service will carry commuters across the harbour while the bridge is closed.",
		"gamma": "Harbour Bridge repairs approved\n\n" +
			"The city council voted on Wednesday to close the Harbour Bridge for two years of repairs. " +
			"Mayor Ines Carvalho said the decision was painful but unavoidable. " +
			"The bridge opened in 1964 and carries 30,000 cars a day.",
	}
	var out []Article
	for _, outlet := range []string{"alpha", "beta", "gamma"} {
		raw := ingest.Article{ID: outlet + "-1", Outlet: outlet, Format: "seed", Raw: " date 2024-03-14 " + bodies[outlet] + "\n", Published: day}
		d := extract.Clean(&raw)
		out = append(out, Article{ID: raw.ID, Outlet: outlet, Raw: raw.Raw, Doc: &d, Analysis: an.Analyze(&d, day), Published: day})
	}
	return out
}

func TestOnlyInAndLeftOut(t *testing.T) {
	st := Build("s", threeReports(t), nil)
	byOutlet := map[string]OutletFacts{}
	for _, u := range st.Unique {
		byOutlet[u.Outlet] = u
	}
	texts := func(cs []Cited) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Text)
		}
		return strings.Join(out, " | ")
	}
	for outlet, u := range byOutlet {
		// A fact every report states is nobody's own, and nobody leaves
		// it out.
		if strings.Contains(texts(u.Only), "voted on Wednesday") || strings.Contains(texts(u.LeftOut), "voted on Wednesday") {
			t.Errorf("%s: the fact all three state is listed as its own or as left out:\nonly: %s\nleft out: %s", outlet, texts(u.Only), texts(u.LeftOut))
		}
	}
	// What only one report says is its own, and the others leave it out.
	if !strings.Contains(texts(byOutlet["gamma"].Only), "1964") {
		t.Errorf("gamma's own fact (1964) is not listed: %s", texts(byOutlet["gamma"].Only))
	}
	if !strings.Contains(texts(byOutlet["alpha"].LeftOut), "ferry") {
		t.Errorf("alpha leaves out the ferry: %s", texts(byOutlet["alpha"].LeftOut))
	}
	// The cost alpha and beta both give is neither's own, and gamma
	// leaves it out; alpha does not leave out what it says itself.
	if strings.Contains(texts(byOutlet["alpha"].Only), "48 million") || strings.Contains(texts(byOutlet["alpha"].LeftOut), "48 million") {
		t.Errorf("alpha's cost: only %s; left out %s", texts(byOutlet["alpha"].Only), texts(byOutlet["alpha"].LeftOut))
	}
	if !strings.Contains(texts(byOutlet["gamma"].LeftOut), "48 million") {
		t.Errorf("gamma leaves out the cost: %s", texts(byOutlet["gamma"].LeftOut))
	}
}

func TestSummaryStatesDistinctFactsThatStandAlone(t *testing.T) {
	st := Build("s", threeReports(t), nil)
	if len(st.Summary) < 3 || len(st.Summary) > 5 {
		t.Fatalf("summary of %d sentences: %+v", len(st.Summary), st.Summary)
	}
	if !strings.Contains(st.Summary[0].Text, "voted on Wednesday") {
		t.Errorf("the most widely shared fact is not first: %q", st.Summary[0].Text)
	}
	votes := 0
	for _, s := range st.Summary {
		if strings.Contains(s.Text, "voted on Wednesday") {
			votes++
		}
		first := strings.ToLower(strings.Fields(s.Text)[0])
		if leansBack[first] || strings.HasPrefix(s.Text, "\"") || strings.HasPrefix(s.Text, "“") {
			t.Errorf("a summary sentence that does not stand alone: %q", s.Text)
		}
		for _, h := range []string{"Harbour bridge to close", "Council shuts", "repairs approved"} {
			if strings.HasPrefix(s.Text, h) {
				t.Errorf("a headline in the summary: %q", s.Text)
			}
		}
	}
	if votes != 1 {
		t.Errorf("the vote is stated %d times in the summary", votes)
	}
}

func TestEndsSentence(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"The council voted on Wednesday.", true},
		{"Did the council vote?", true},
		{`The mayor called it "painful."`, true},
		{"The mayor called it “unavoidable!”", true},
		{"Council shuts Harbour Bridge", false},
		{"The mayor went further on Thursday, tweeting:", false},
		{"Engineers on the cracks found last autumn —", false},
	} {
		if got := endsSentence(tc.text); got != tc.want {
			t.Errorf("endsSentence(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
