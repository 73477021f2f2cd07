package bench

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/synth"
)

// benchCluster streams n synthetic pre-analysed articles through copy
// detection and story clustering, reporting the rate per 100,000 articles,
// peak memory, and how well the planted events and copies were found.
func Cluster(w io.Writer, n, days int, vocabFiles []string) error {
	start := time.Now()
	v, err := benchVocabulary(vocabFiles)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "vocabulary from %s: %d terms, %d people, %d organisations, %d places (%s)\n",
		vocabFiles, len(v.Terms.Items), len(v.People.Items), len(v.Orgs.Items), len(v.Places.Items), time.Since(start).Round(time.Millisecond))
	type item struct {
		a   *synth.StreamArticle
		sig dedup.Signature
	}
	// Generating and signing run ahead of clustering, on the other core.
	items := make(chan item, 1024)
	go func() {
		s := synth.NewStream(v, 1, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), max(1, n/max(1, days)))
		for i := 0; i < n; i++ {
			a := s.Next()
			items <- item{a, dedup.Sign(a.Text())}
		}
		close(items)
	}()
	cl := cluster.New(cluster.Options{Horizon: 7 * 24 * time.Hour})
	idx := dedup.NewIndex(3 * 24 * time.Hour)
	gold, story := map[string]string{}, make([]int, 0, n)
	ids := make([]string, 0, n)
	var planted, found, linked, correct int
	// source is the original an article's text comes from (following
	// copies of copies); two articles with one source are copies.
	source := map[string]string{}
	t0, block := time.Now(), time.Now()
	fmt.Fprintf(w, "%10s %12s %14s %10s\n", "articles", "block s", "articles/s", "RSS MB")
	for it := range items {
		a := it.a
		source[a.ID] = a.ID
		if a.CopyOf != "" {
			planted++
			source[a.ID] = source[a.CopyOf]
		}
		for _, l := range idx.Add(a.ID, a.Time, it.sig) {
			if l.Relation == dedup.Shares {
				continue
			}
			linked++
			if source[l.OfID] == source[a.ID] {
				correct++
			}
			if l.OfID == a.CopyOf {
				found++
			}
		}
		as := cl.Add(cluster.Profile{ID: a.ID, Time: a.Time, Title: a.Title, Body: a.Body, People: a.People, Orgs: a.Orgs, Places: a.Places, Other: a.Other})
		story = append(story, as.Story)
		ids = append(ids, a.ID)
		gold[a.ID] = "e" + strconv.Itoa(a.Event)
		if k := len(story); k%100000 == 0 || k == n {
			size := k % 100000
			if size == 0 {
				size = 100000
			}
			el := time.Since(block)
			fmt.Fprintf(w, "%10d %12.1f %14.0f %10.0f\n", k, el.Seconds(), float64(size)/el.Seconds(), currentRSSMB())
			block = time.Now()
		}
	}
	total := time.Since(t0)
	pred := map[string]string{}
	for i, id := range ids {
		pred[id] = "s" + strconv.Itoa(cl.Root(story[i]))
	}
	sc := eval.ScoreClusters(gold, pred)
	fmt.Fprintf(w, "total     %d articles in %s (%.0f articles/s), peak RSS %.0f MB\n", n, total.Round(time.Second), float64(n)/total.Seconds(), peakRSSMB())
	fmt.Fprintf(w, "stories   %d (planted events %d): pairwise F1 %.4f, BCubed F1 %.4f\n", sc.Clusters, sc.GoldClusters, sc.PairF1, sc.B3F1)
	fmt.Fprintf(w, "copies    %d planted; found %d (R %.4f); %d copy links, %d between articles of one source text (P %.4f)\n",
		planted, found, ratio(found, planted), linked, correct, ratio(correct, linked))
	return nil
}

// benchVocabulary counts terms and names in the development files (after
// the same analysis ingest runs).
func benchVocabulary(files []string) (*synth.Vocabulary, error) {
	var terms, people, orgs, places, other []string
	for _, f := range files {
		set, err := eval.LoadClusterSet(f)
		if err != nil {
			return nil, err
		}
		for _, d := range set.Docs {
			terms = append(terms, d.Body...)
			people = append(people, d.People...)
			orgs = append(orgs, d.Orgs...)
			places = append(places, d.Places...)
			other = append(other, d.Other...)
		}
	}
	return &synth.Vocabulary{Terms: synth.Count(terms), People: synth.Count(people), Orgs: synth.Count(orgs),
		Places: synth.Count(places), Other: synth.Count(other)}, nil
}

// currentRSSMB reads the resident set size from /proc (0 elsewhere).
func currentRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.Sys) / (1 << 20)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseFloat(f[1], 64)
				return kb / 1024
			}
		}
	}
	return 0
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
