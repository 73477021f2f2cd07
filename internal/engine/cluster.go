package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/store"
)

// ClusterDoc is the clustering view of an analysed article.
func ClusterDoc(rec *store.Record) cluster.Doc {
	var an *nlp.Analysis
	if len(rec.Analysis) > 0 {
		an, _ = nlp.DecodeAnalysis(rec.Analysis)
	}
	return cluster.FromAnalysis(rec.Article.ID, ArticleTime(rec), rec.Doc.Title().Value, rec.Doc.Text, an)
}

// ArticleTime is when an article was published, as precisely as known:
// the time the page gives, else the date its container gave, else zero.
func ArticleTime(rec *store.Record) time.Time {
	if m := rec.Doc.Published.Moment; !m.IsZero() {
		return m.UTC
	}
	if m := rec.Article.Published; !m.IsZero() {
		return m.UTC
	}
	return time.Time{}
}

// storyID names a story after the article that opened it: stable across
// runs, since the same input opens the same stories.
func storyID(firstArticle string) string {
	h := sha256.Sum256([]byte(firstArticle))
	return "story-" + hex.EncodeToString(h[:6])
}

// ClusterResult says what a clustering run did.
type ClusterResult struct {
	Assigned int      // articles put in a story
	Copies   int      // copy links found
	Stories  []string // stories that changed, sorted
}

// tracker is the clustering state: the clusterer, the copy index and the
// mapping between the clusterer's story numbers and stored story ids.
type tracker struct {
	cl     *cluster.Clusterer
	idx    *dedup.Index
	number map[string]int // story id → clusterer's story number
	ids    []string       // clusterer's story number → story id
}

// load rebuilds the state from the articles already assigned, in the
// order the earlier runs saw them, so that it is the state they left.
func (e *Engine) load(ctx context.Context) (*tracker, error) {
	tr := &tracker{cl: cluster.New(cluster.Options{}), idx: dedup.NewIndex(0), number: map[string]int{}}
	err := e.Store.ClusterItems(ctx, false, func(it store.ClusterItem) error {
		doc, sig, t, err := decodeItem(it)
		if err != nil {
			return err
		}
		n, ok := tr.number[it.StoryID]
		if !ok {
			n = -1
		}
		n = tr.cl.Restore(doc, n)
		if !ok {
			tr.number[it.StoryID] = n
			for len(tr.ids) <= n {
				tr.ids = append(tr.ids, "")
			}
			tr.ids[n] = it.StoryID
		}
		tr.idx.Add(it.ID, t, sig)
		return nil
	})
	return tr, err
}

// Cluster assigns every stored article that has no story yet, in
// publication order, and stores the assignments and copy links in one
// transaction. The engine keeps the clustering state between calls; the
// first call rebuilds it from the store. Calls are serialised.
func (e *Engine) Cluster(ctx context.Context) (ClusterResult, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.tr == nil {
		tr, err := e.load(ctx)
		if err != nil {
			return ClusterResult{}, err
		}
		e.tr = tr
	}
	var pending []store.ClusterItem
	if err := e.Store.ClusterItems(ctx, true, func(it store.ClusterItem) error {
		pending = append(pending, it)
		return nil
	}); err != nil {
		return ClusterResult{}, err
	}
	tr := e.tr
	var res ClusterResult
	var as []store.Assignment
	var links []store.CopyLink
	changed := map[string]bool{}
	for _, it := range pending {
		doc, sig, t, err := decodeItem(it)
		if err != nil {
			return res, err
		}
		for _, l := range tr.idx.Add(it.ID, t, sig) {
			links = append(links, store.CopyLink{ArticleID: it.ID, OfID: l.Of, Relation: l.Relation, Jaccard: l.Jaccard, Contained: l.Contained, Contains: l.Contains})
		}
		a := tr.cl.Add(doc)
		for len(tr.ids) <= a.Story {
			tr.ids = append(tr.ids, "")
		}
		if tr.ids[a.Story] == "" {
			tr.ids[a.Story] = storyID(it.ID)
			tr.number[tr.ids[a.Story]] = a.Story
		}
		id := tr.ids[a.Story]
		as = append(as, store.Assignment{ArticleID: it.ID, StoryID: id})
		changed[id] = true
	}
	if len(as) == 0 {
		return res, nil
	}
	if err := e.Store.SaveClustering(ctx, as, links); err != nil {
		// The store kept nothing; the in-memory state did. Rebuild it
		// from the store on the next call.
		e.tr = nil
		return res, err
	}
	res.Assigned, res.Copies = len(as), len(links)
	for id := range changed {
		res.Stories = append(res.Stories, id)
	}
	sort.Strings(res.Stories)
	return res, nil
}

// decodeItem reads back what Prepare stored for clustering.
func decodeItem(it store.ClusterItem) (cluster.Doc, dedup.Signature, time.Time, error) {
	var doc cluster.Doc
	if err := json.Unmarshal(it.ClusterDoc, &doc); err != nil {
		return doc, dedup.Signature{}, time.Time{}, fmt.Errorf("article %s: stored clustering data: %w (re-ingest it)", it.ID, err)
	}
	sig, err := dedup.DecodeSignature(it.Signature)
	if err != nil {
		return doc, sig, time.Time{}, fmt.Errorf("article %s: stored %w (re-ingest it)", it.ID, err)
	}
	return doc, sig, doc.Time, nil
}
