package bench

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/synth"
	"github.com/parallax-news/parallax/internal/timex"
)

// ClusterStore measures the clusterer as a scaled-out Parallax runs it:
// n synthetic pre-analysed articles are stored (untimed), then one
// engine places them all through the store — reading them back, copy
// detection, story decisions, saving assignments, links and story rows
// in steps under the store's clustering lock — and the rate of that is
// written to w with the quality of the stories and copies found.
func ClusterStore(ctx context.Context, w io.Writer, st store.Store, n, days int, vocabFiles []string) error {
	v, err := benchVocabulary(vocabFiles)
	if err != nil {
		return err
	}
	s := synth.NewStream(v, 1, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), max(1, n/max(1, days)))
	gold := map[string]string{}
	source := map[string]string{}
	copyOf := map[string]string{}
	start := time.Now()
	batch := make([]store.Record, 0, 500)
	flush := func() error {
		if _, err := st.PutArticles(ctx, batch); err != nil {
			return err
		}
		batch = batch[:0]
		return nil
	}
	for i := 0; i < n; i++ {
		a := s.Next()
		gold[a.ID] = "e" + strconv.Itoa(a.Event)
		source[a.ID] = a.ID
		if a.CopyOf != "" {
			source[a.ID], copyOf[a.ID] = source[a.CopyOf], a.CopyOf
		}
		batch = append(batch, streamRecord(a))
		if len(batch) == cap(batch) {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "stored    %d pre-analysed articles in %s (untimed)\n", n, time.Since(start).Round(time.Second))
	e := &engine.Engine{Store: st}
	start = time.Now()
	res, err := e.Cluster(ctx)
	if err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Fprintf(w, "clusterer %d articles placed in %s: %.0f articles/s (%d stories changed, %d copy links)\n",
		res.Assigned, el.Round(time.Millisecond), float64(res.Assigned)/el.Seconds(), len(res.Stories), res.Copies)
	pred := map[string]string{}
	if _, err := st.ClusterItems(ctx, store.ClusterQuery{}, func(it store.ClusterItem) error {
		pred[it.ID] = it.StoryID
		return nil
	}); err != nil {
		return err
	}
	sc := eval.ScoreClusters(gold, pred)
	var ids []string
	for id := range gold {
		ids = append(ids, id)
	}
	links, err := st.Copies(ctx, ids)
	if err != nil {
		return err
	}
	found, linked, correct := 0, 0, 0
	for _, l := range links {
		if l.Relation == dedup.Shares {
			continue
		}
		linked++
		if source[l.OfID] == source[l.ArticleID] {
			correct++
		}
		if copyOf[l.ArticleID] == l.OfID {
			found++
		}
	}
	fmt.Fprintf(w, "stories   %d (planted events %d): pairwise F1 %.4f, BCubed F1 %.4f\n", sc.Clusters, sc.GoldClusters, sc.PairF1, sc.B3F1)
	fmt.Fprintf(w, "copies    %d planted; found %d (R %.4f); %d copy links, %d between articles of one source text (P %.4f)\n",
		len(copyOf), found, ratio(found, len(copyOf)), linked, correct, ratio(correct, linked))
	return nil
}

// streamRecord is a generated article as the store keeps it, with what
// clustering and copy detection read already made.
func streamRecord(a *synth.StreamArticle) store.Record {
	text := a.Text()
	art := ingest.Article{ID: a.ID, Outlet: "synth", Source: a.ID, Container: "bench", Format: ingest.FormatText,
		Raw: text, Key: "id:" + a.ID, Published: timex.At(a.Time, timex.Minute)}
	art.Hash = ingest.ContentHash(text)
	return store.Record{
		Article:   art,
		Doc:       extract.Document{Text: text},
		Profile:   cluster.Profile{ID: a.ID, Time: a.Time, Title: a.Title, Body: a.Body, People: a.People, Orgs: a.Orgs, Places: a.Places, Other: a.Other},
		Signature: dedup.Sign(text),
	}
}
