package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"sort"
	"strconv"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/store"
)

// storyID names a story after the article that opened it: stable across
// runs, since the same input opens the same stories.
func storyID(firstArticle string) string {
	h := sha256.Sum256([]byte(firstArticle))
	return "story-" + hex.EncodeToString(h[:6])
}

// newStoryID names a story opened by an article. An article revised and
// clustered again may open a second story while the first one it opened
// lives on: the second takes a numbered name.
func (tr *tracker) newStoryID(article string) string {
	id := storyID(article)
	for n := 2; ; n++ {
		if _, taken := tr.number[id]; !taken {
			return id
		}
		id = storyID(article + "/" + strconv.Itoa(n))
	}
}

// ClusterResult says what a clustering run did.
type ClusterResult struct {
	Assigned int      // articles put in a story
	Copies   int      // copy links found
	Stories  []string // stories that changed, sorted
}

// tracker is the clustering state: the clusterer, the copy index and the
// mapping between the clusterer's story numbers and stored story ids, as
// of a generation of the store.
type tracker struct {
	cl     *cluster.Clusterer
	idx    *dedup.Index
	number map[string]int // story id → clusterer's story number
	ids    []string       // clusterer's story number → story id
	state  store.ClusterState
}

func newTracker() *tracker {
	return &tracker{cl: cluster.New(cluster.Options{}), idx: dedup.NewIndex(0), number: map[string]int{}}
}

// restore puts back an article another run assigned, as that run left it.
func (tr *tracker) restore(it store.ClusterItem) error {
	n, ok := tr.number[it.StoryID]
	if !ok {
		n = -1
	}
	n = tr.cl.Restore(it.Profile, n)
	if !ok {
		tr.number[it.StoryID] = n
		for len(tr.ids) <= n {
			tr.ids = append(tr.ids, "")
		}
		tr.ids[n] = it.StoryID
	}
	tr.idx.Add(it.ID, it.Profile.Time, it.Signature)
	return nil
}

// load rebuilds the state from the articles already assigned, in the
// order the earlier runs saw them, so that it is the state they left.
func (e *Engine) load(ctx context.Context) (*tracker, error) {
	tr := newTracker()
	st, err := e.Store.ClusterItems(ctx, store.ClusterQuery{}, tr.restore)
	tr.state = st
	return tr, err
}

// clusterStep is how many articles one step assigns while it holds the
// store's clustering lock: other writers wait that long at most.
const clusterStep = 512

// errRebuild means the store changed in a way the state cannot follow:
// it must be loaded again (outside the lock) and the step retried.
var errRebuild = errors.New("clustering state must be rebuilt")

// Cluster assigns every stored article that has no story yet, in
// publication order, and stores the assignments and copy links. It works
// in steps, each under the store's clustering lock, so that processes
// sharing a store (a server, an ingest run) take turns; before deciding,
// each step catches up with what others stored since. The engine keeps
// the clustering state between calls; the first call builds it from the
// store. Calls are serialised.
func (e *Engine) Cluster(ctx context.Context) (ClusterResult, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	var res ClusterResult
	changed := map[string]bool{}
	for rebuilds := 0; ; {
		if e.tr == nil {
			tr, err := e.load(ctx)
			if err != nil {
				return res, err
			}
			e.tr = tr
		}
		done := false
		err := e.Store.Clustering(ctx, func(tx store.ClusterTx) error {
			var err error
			done, err = e.step(ctx, tx, &res, changed)
			return err
		})
		switch {
		case errors.Is(err, errRebuild) && rebuilds < 3:
			e.tr = nil
			rebuilds++
			continue
		case err != nil:
			// The store kept nothing of this step; the state in memory
			// may have. Rebuild it from the store on the next call.
			e.tr = nil
			return res, err
		}
		if done {
			break
		}
	}
	for id := range changed {
		res.Stories = append(res.Stories, id)
	}
	sort.Strings(res.Stories)
	return res, nil
}

// step catches up with the store, then assigns the next pending articles.
// It reports done when none were left.
func (e *Engine) step(ctx context.Context, tx store.ClusterTx, res *ClusterResult, changed map[string]bool) (bool, error) {
	tr := e.tr
	st, err := tx.State(ctx)
	if err != nil {
		return false, err
	}
	if st.Epoch != tr.state.Epoch {
		return false, errRebuild
	}
	if st.Generation != tr.state.Generation {
		if err := tx.ClusterItems(ctx, store.ClusterQuery{Since: tr.state.Generation}, tr.restore); err != nil {
			return false, err
		}
		tr.state = st
	}
	var pending []store.ClusterItem
	if err := tx.ClusterItems(ctx, store.ClusterQuery{Pending: true, Limit: clusterStep}, func(it store.ClusterItem) error {
		pending = append(pending, it)
		return nil
	}); err != nil {
		return false, err
	}
	if len(pending) == 0 {
		return true, nil
	}
	var as []store.Assignment
	var links []dedup.CopyLink
	for _, it := range pending {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		links = append(links, tr.idx.Add(it.ID, it.Profile.Time, it.Signature)...)
		a := tr.cl.Add(it.Profile)
		for len(tr.ids) <= a.Story {
			tr.ids = append(tr.ids, "")
		}
		if tr.ids[a.Story] == "" {
			tr.ids[a.Story] = tr.newStoryID(it.ID)
			tr.number[tr.ids[a.Story]] = a.Story
		}
		id := tr.ids[a.Story]
		as = append(as, store.Assignment{ArticleID: it.ID, StoryID: id})
		changed[id] = true
	}
	st, err = tx.SaveClustering(ctx, as, links)
	if err != nil {
		return false, err
	}
	tr.state = st
	res.Assigned += len(as)
	res.Copies += len(links)
	if e.OnPlaced != nil {
		e.OnPlaced(res.Assigned)
	}
	return len(pending) < clusterStep, nil
}
