package dedup

import (
	"sort"
	"time"

	"github.com/parallax-news/parallax/internal/window"
)

// LSH banding: 64 bands of 2 rows. Two texts become candidates when one
// band matches, which happens with probability 1-(1-J²)^64: 0.77 at J=0.15,
// 0.998 at J=0.3, 0.006 at J=0.01. Candidates are then checked on the
// whole signature.
const (
	bands = 64
	rows  = SignatureSize / bands
)

// Relations between a new article and an earlier one.
const (
	Verbatim = "verbatim"        // the same text
	Edited   = "edited copy"     // mostly the same text, shortened, extended or reworded
	Shares   = "shares passages" // some passages in common
)

// Thresholds on the overlap: the share of one text's content words the
// other has in the same order (and, for verbatim, the estimated
// resemblance of their word pairs).
const (
	verbatimJaccard   = 0.9
	verbatimAligned   = 0.97
	editedContainment = 0.35
	sharesContainment = 0.15
)

// CopyLink says that an article copies (or shares text with) an earlier
// one. Copy detection makes it, the store keeps it, the report reads it.
type CopyLink struct {
	ArticleID string `json:"article_id"` // the later article
	OfID      string `json:"of_id"`      // the earlier article
	Relation  string `json:"relation"`   // verbatim, edited copy, shares passages
	// Jaccard is the estimated resemblance of their word pairs;
	// Contained the share of the new article's content words found in the
	// same order in the earlier one, and Contains the share of the
	// earlier one's found in the new one.
	Jaccard   float64 `json:"jaccard"`
	Contained float64 `json:"contained"`
	Contains  float64 `json:"contains"`
}

// Classify names the relation an overlap shows, or "" for none.
func Classify(jaccard, contained, contains float64) string {
	c := max(contained, contains)
	switch {
	case jaccard >= verbatimJaccard && min(contained, contains) >= verbatimAligned:
		return Verbatim
	case c >= editedContainment:
		return Edited
	case c >= sharesContainment:
		return Shares
	}
	return ""
}

// entry is an indexed article.
type entry struct {
	id   string
	time time.Time
	sig  *Signature // nil once evicted
	gone bool
	// skips marks its template words as of an index of skipsAt
	// articles; kept counts the others.
	skips   []bool
	kept    int
	skipsAt int
}

// Index finds, for each new article, the earlier articles it copies.
// Articles older than the horizon (against the newest seen) leave the
// index, which bounds its memory on an endless stream. It is not safe for
// concurrent use.
type Index struct {
	Horizon time.Duration
	entries []*entry
	buckets map[uint64][]int32
	newest  time.Time
	added   int
	// tmpl counts what the articles held share, to tell template from
	// copying (template.go); made on the first Add.
	tmpl *templates
}

// NewIndex returns an empty index keeping articles for horizon (0 keeps
// every article).
func NewIndex(horizon time.Duration) *Index {
	return &Index{Horizon: horizon, buckets: map[uint64][]int32{}}
}

// Add indexes an article and returns its links to earlier articles,
// strongest first.
func (x *Index) Add(id string, t time.Time, sig Signature) []CopyLink {
	links := x.Match(sig, id)
	if x.tmpl == nil {
		x.tmpl = newTemplates()
	}
	x.tmpl.count(&sig, 1)
	e := &entry{id: id, time: t, sig: &sig}
	n := int32(len(x.entries))
	x.entries = append(x.entries, e)
	if sig.Shingle > 0 {
		for b := 0; b < bands; b++ {
			k := bandKey(&sig, b)
			x.buckets[k] = append(x.buckets[k], n)
		}
	}
	if t.After(x.newest) {
		x.newest = t
	}
	x.added++
	if x.Horizon > 0 && x.added%10000 == 0 {
		x.evict()
	}
	return links
}

// maxLinks bounds the links kept per article: its strongest sources.
// A wire story republished by fifty outlets links each copy to a few
// earlier ones, which connects them all, instead of to every one.
const maxLinks = 5

// maxBucketScan bounds the articles read from one band's bucket, the
// latest ones: a bucket of hundreds is a phrase everyone uses, or a wire
// story in hundreds of outlets, whose latest copies are enough to link
// the next one.
const maxBucketScan = 32

// maxVerified bounds the candidates aligned word by word per article.
const maxVerified = 24

// minShingles is the least a text must have to be compared: two short
// notes built on one template are not copies of each other.
const minShingles = 15

// Match returns the links the article self with this signature would
// have, without indexing it, strongest first; self itself is skipped.
func (x *Index) Match(sig Signature, self string) []CopyLink {
	if sig.Shingle < minShingles {
		return nil
	}
	// Candidates from the bands, ranked by estimated overlap; only the
	// best are aligned word by word, which bounds the work when many
	// texts share a template.
	type cand struct {
		e       *entry
		j, cont float64
	}
	tmpl := x.tmpl
	if tmpl == nil {
		tmpl = emptyTemplates
	}
	tmplSlots, keptSlots := tmpl.slots(&sig)
	seen := map[int32]bool{}
	var cands []cand
	for b := 0; b < bands; b++ {
		bucket := x.buckets[bandKey(&sig, b)]
		if len(bucket) > maxBucketScan {
			bucket = bucket[len(bucket)-maxBucketScan:]
		}
		for _, n := range bucket {
			if seen[n] {
				continue
			}
			seen[n] = true
			e := x.entries[n]
			if e.gone || e.id == self {
				continue
			}
			c := max(containment(&sig, e.sig, &tmplSlots, keptSlots))
			if c < sharesContainment/2 {
				continue // a band matched by chance
			}
			cands = append(cands, cand{e, Jaccard(&sig, e.sig), c})
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].cont != cands[j].cont {
			return cands[i].cont > cands[j].cont
		}
		return cands[i].e.id < cands[j].e.id
	})
	if len(cands) > maxVerified {
		cands = cands[:maxVerified]
	}
	var links []CopyLink
	skipA, keptA := tmpl.skips(sig.Words)
	pairsA := pairSet(sig.Words, skipA)
	for _, c := range cands {
		skipB, keptB := x.skipsOf(c.e, tmpl)
		if keptA < minShingles || keptB < minShingles {
			continue // all but a few words template
		}
		// Words aligned in runs are covered by a word pair both texts
		// have: the count of those bounds the alignment, and most
		// candidates that share only scattered words stop here.
		if ub := float64(pairCovered(c.e.sig.Words, skipB, pairsA)); ub/float64(keptA) < sharesContainment && ub/float64(keptB) < sharesContainment {
			continue
		}
		common := alignedRuns(sig.Words, c.e.sig.Words, skipA, skipB)
		in, of := float64(common)/float64(keptA), float64(common)/float64(keptB)
		if rel := Classify(c.j, in, of); rel != "" {
			links = append(links, CopyLink{ArticleID: self, OfID: c.e.id, Relation: rel, Jaccard: c.j, Contained: in, Contains: of})
		}
	}
	sort.Slice(links, func(i, j int) bool {
		a, b := links[i], links[j]
		if ca, cb := max(a.Contained, a.Contains), max(b.Contained, b.Contains); ca != cb {
			return ca > cb
		}
		return a.OfID < b.OfID
	})
	if len(links) > maxLinks {
		links = links[:maxLinks]
	}
	return links
}

// pairSet is the set of a text's pairs of consecutive words, neither
// of them skipped.
func pairSet(words []uint32, skip []bool) map[uint64]bool {
	set := make(map[uint64]bool, len(words))
	for i := 0; i+1 < len(words); i++ {
		if skip == nil || !skip[i] && !skip[i+1] {
			set[pairKey(words[i], words[i+1])] = true
		}
	}
	return set
}

// pairCovered counts the words of a text that are in a pair (with the
// word before or after) that the set holds.
func pairCovered(words []uint32, skip []bool, set map[uint64]bool) int {
	n, coveredPrev := 0, false
	for i := 0; i < len(words); i++ {
		next := i+1 < len(words) && (skip == nil || !skip[i] && !skip[i+1]) && set[pairKey(words[i], words[i+1])]
		if next || coveredPrev {
			n++
		}
		coveredPrev = next
	}
	return n
}

// skipsOf returns an indexed article's template words (template.go),
// computed again only when the index has grown by a quarter since.
func (x *Index) skipsOf(e *entry, tmpl *templates) ([]bool, int) {
	if e.skipsAt == 0 || tmpl.live > e.skipsAt+e.skipsAt/4 {
		e.skips, e.kept = tmpl.skips(e.sig.Words)
		e.skipsAt = max(tmpl.live, 1)
	}
	return e.skips, e.kept
}

// bandKey hashes one band of a signature, salted by the band number.
func bandKey(sig *Signature, b int) uint64 {
	h := uint64(b)*0x9e3779b97f4a7c15 + 1
	for r := 0; r < rows; r++ {
		h ^= uint64(sig.Mins[b*rows+r])
		h *= 0x100000001b3
	}
	return h
}

// evict drops articles older than the horizon from the buckets.
func (x *Index) evict() {
	for _, e := range x.entries {
		if !e.gone && window.Expired(e.time, x.newest, x.Horizon) {
			x.tmpl.count(e.sig, -1)
			e.gone = true
			e.sig, e.skips = nil, nil
		}
	}
	window.Prune(x.buckets, func(n int32) bool { return x.entries[n].gone })
}

// Len counts the articles indexed, evicted ones included.
func (x *Index) Len() int { return len(x.entries) }
