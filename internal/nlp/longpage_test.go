package nlp

import (
	"context"
	"math/rand"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/timex"
)

// longPage writes about n bytes of council news, naming a city at the end
// of every sentence when places is set, and a place that is no name ("in
// town") when not.
func longPage(n int, places bool) *extract.Document {
	rng := rand.New(rand.NewSource(1))
	cities := strings.Fields("Paris Lyon Berlin Madrid Chicago Boston Denver Kyiv Lviv Odesa Cairo Lagos Nairobi Toronto Ottawa Geneva Miami Dallas Houston Austin Seattle Atlanta Phoenix Leeds York")
	words := strings.Fields("the council met again on tuesday to discuss budget plans for schools roads and parks while residents asked questions about taxes")
	var b strings.Builder
	b.WriteString("Council news\n\n")
	for b.Len() < n {
		for k := 0; k < 5; k++ {
			rng.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
			s := strings.Join(words[:10], " ")
			b.WriteString(strings.ToUpper(s[:1]) + s[1:])
			if places {
				b.WriteString(" in " + cities[rng.Intn(len(cities))])
			} else {
				b.WriteString(" in town")
			}
			b.WriteString(". ")
		}
		b.WriteString("\n\n")
	}
	a := ingest.Article{Raw: b.String(), Format: ingest.FormatText}
	d := extract.Clean(&a)
	return &d
}

// A page that names a place in every sentence costs about what a page
// without places does: resolution is linear in the places named (it was
// quadratic, 32 s for a megabyte).
func TestPlaceDensePageIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	an, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	// The two pages take turns, each after a collection, and each keeps
	// its best time: other tests running beside this one slow single runs.
	dense, plain := longPage(1<<20, true), longPage(1<<20, false)
	td, tp := time.Duration(1<<62), time.Duration(1<<62)
	for range 5 {
		for _, p := range []struct {
			d    *extract.Document
			best *time.Duration
		}{{dense, &td}, {plain, &tp}} {
			runtime.GC()
			start := time.Now()
			an.Analyze(p.d, timex.Moment{})
			*p.best = min(*p.best, time.Since(start))
		}
	}
	t.Logf("1 MB: %v with a place in every sentence, %v without", td, tp)
	if td > 3*tp {
		t.Errorf("the place-dense page took %v, more than 3 × the place-free page's %v", td, tp)
	}
}

// Analysis stops soon after its context ends, whatever stage it is in.
func TestAnalysisStopsWhenCancelled(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	an, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	d := longPage(8<<20, true)
	for _, after := range []time.Duration{50 * time.Millisecond, 700 * time.Millisecond, 2 * time.Second} {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			_, err := an.AnalyzeContext(ctx, d, timex.Moment{})
			done <- err
		}()
		time.Sleep(after)
		cancel()
		stopped := time.Now()
		select {
		case err := <-done:
			if err == nil {
				t.Logf("cancelled after %v: the analysis had finished", after)
			}
			t.Logf("cancelled after %v: stopped in %v", after, time.Since(stopped))
		case <-time.After(time.Second):
			t.Errorf("cancelled after %v: still running a second later", after)
			<-done
		}
	}
}
