package nlp

import (
	"encoding/json"
	"sync"
	"testing"
)

// TestAnalyzeConcurrently analyses the seeds from several goroutines at
// once and checks every result against a lone run: the tagger's word
// caches and scratch buffers are shared between goroutines. (Run with
// -race to check for data races too.)
func TestAnalyzeConcurrently(t *testing.T) {
	an, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	arts, docs := seedDocuments(t)
	want := make([]string, len(arts))
	for i := range arts {
		want[i] = analysisJSON(t, an.Analyze(&docs[i], arts[i].Published))
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 6; k++ {
				i := (g + k) % len(docs)
				if got := analysisJSON(t, an.Analyze(&docs[i], arts[i].Published)); got != want[i] {
					t.Errorf("goroutine %d: analysis of %s differs from a lone run", g, arts[i].ID)
				}
			}
		}(g)
	}
	wg.Wait()
}

func analysisJSON(t *testing.T, a *Analysis) string {
	b, err := json.Marshal(a)
	if err != nil {
		t.Error(err)
	}
	return string(b)
}
