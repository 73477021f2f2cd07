package compare

import (
	"math"
	"sort"
	"strings"

	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/words"
)

// A fact is a claim: who (the entities a sentence names), did what (its
// content words), with which values (places, times, numbers). Sentences
// of different reports are aligned when they make the same claim —
// judged by their content words, weighted by rarity in the story, and by
// the entities they name (resolved through coreference, so "the top US
// diplomat" counts as Rubio) — not by string equality, so paraphrases
// align too.

// sentence is one sentence of an article with its claim.
type sentence struct {
	art, idx int
	span     text.Span
	text     string
	terms    map[string]float64 // weighted content words (unit length)
	ents     map[string]float64 // entity keys, weighted by rarity
	norm     []string           // its words, lower-cased, without punctuation
	places   []nlp.Place
	times    []nlp.TimeExpr
	quants   []nlp.Quantity
	negated  bool
	quoted   bool // wholly inside a direct quote
	// attributed marks a sentence that says who said something: it holds
	// a quote's speech tag.
	attributed bool
	words      int
	stems      map[string]bool // content words of the whole sentence, names included
	// fact is the first fact the sentence is in; facts are all of them (a
	// long sentence may state two facts another report states apart).
	fact  *fact
	facts []*fact
	// carried is the best probability that another report states the
	// sentence's fact.
	carried float64
	// termKeys and entKeys are the keys of terms and ents in order: a
	// sum over a map in its own order differs in the last bits from run
	// to run, enough to flip ties between facts.
	termKeys, entKeys []string
}

// fact is a group of aligned sentences, at most one per article.
type fact struct {
	sents []*sentence
	score float64 // sum of the alignment scores that built it
	links int
}

var negations = words.Set(`not no never n't nobody nothing none neither nor without denied denies deny`)

// maxSentences bounds the sentences read from one article: the longest
// news reports have a few hundred, and the comparison of two pages of a
// book's length would otherwise take hours.
const maxSentences = 2000

// sentences builds every article's sentences with their claims.
func (b *builder) sentences() {
	b.acronyms = acronymKeys(b.arts)
	b.stemDF = map[string]int{}
	df := map[string]int{}
	n := 0
	for _, a := range b.arts {
		a.index()
		an := a.Analysis
		for k, sp := range an.Sentences {
			if b.stopped() || k == maxSentences {
				break
			}
			s := &sentence{art: a.idx, idx: k, span: sp, text: sp.Of(a.Doc.Text)}
			words := strings.Fields(strings.ToLower(s.text))
			s.words = len(words)
			for _, w := range words {
				if n := normWord(w); n != "" {
					s.norm = append(s.norm, n)
				}
			}
			for _, w := range words {
				if negations[strings.Trim(w, ".,;:!?\"'“”")] || strings.HasSuffix(w, "n't") {
					s.negated = true
				}
			}
			s.stems = termsOf(s.text)
			for w := range s.stems {
				b.stemDF[w]++
			}
			s.terms = map[string]float64{}
			for t := range termsOf(predicateText(a, s.span)) {
				s.terms[t] = 1
				df[t]++
			}
			n++
			b.claim(a, s)
			a.sents = append(a.sents, s)
		}
	}
	b.nSents = n
	edf := map[string]int{}
	for _, a := range b.arts {
		for _, s := range a.sents {
			for e := range s.ents {
				edf[e]++
			}
		}
	}
	for _, a := range b.arts {
		for _, s := range a.sents {
			weigh(s.terms, df, n)
			// Entities keep their raw rarity: a sentence naming only
			// Ukraine shares little with another that names it too.
			for k := range s.ents {
				s.ents[k] = math.Log(float64(n+1)/float64(edf[k])) / (1.5 * math.Log(float64(n+1)))
			}
			s.termKeys, s.entKeys = sortedKeys(s.terms), sortedKeys(s.ents)
		}
	}
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// weigh sets each key's weight to its inverse frequency among the
// story's sentences and scales the vector to unit length.
func weigh(v map[string]float64, df map[string]int, n int) {
	var norm float64
	for _, k := range sortedKeys(v) {
		w := math.Log(float64(n+1) / float64(df[k]))
		v[k] = w
		norm += w * w
	}
	if norm == 0 {
		return
	}
	norm = math.Sqrt(norm)
	for k := range v {
		v[k] /= norm
	}
}

// predicateText is a sentence's text with its names and titles blanked:
// what the sentence says, as distinct from whom it names, which the
// entities compare.
func predicateText(a *art, sp text.Span) string {
	b := []byte(sp.Of(a.Doc.Text))
	blank := func(x text.Span) {
		for i := max(x.Start, sp.Start); i < min(x.End, sp.End); i++ {
			b[i-sp.Start] = ' '
		}
	}
	a.mentions.Overlapping(sp, func(i int) {
		if m := &a.Analysis.Mentions[i]; m.Entity >= 0 {
			blank(m.Span)
		}
	})
	a.roles.Overlapping(sp, func(i int) { blank(a.roleSpans[i]) })
	return string(b)
}

// claim fills the entities, places, times and numbers of a sentence.
func (b *builder) claim(a *art, s *sentence) {
	an := a.Analysis
	s.ents = map[string]float64{}
	a.mentions.Within(s.span, func(i int) {
		m := &an.Mentions[i]
		if dl := a.Doc.Dateline; dl != nil && dl.Span.Contains(m.Span) {
			return // the dateline places the reporter, not the claim
		}
		if m.Entity >= 0 {
			s.ents[b.entityKey(an.Entities[m.Entity])] = 1
		}
	})
	a.places.Within(s.span, func(i int) { s.places = append(s.places, an.Places[i]) })
	a.times.Within(s.span, func(i int) { s.times = append(s.times, an.Times[i]) })
	a.quants.Within(s.span, func(i int) { s.quants = append(s.quants, an.Quantities[i]) })
	// A sentence mostly inside a direct quotation is the speaker's, not
	// the outlet's.
	inQuote := 0
	a.quotes.Overlapping(s.span, func(i int) {
		if q := &an.Quotes[i]; q.Kind == "direct" {
			inQuote += min(q.Span.End, s.span.End) - max(q.Span.Start, s.span.Start)
		}
	})
	s.quoted = inQuote*2 > s.span.Len()
	a.quotes.Overlapping(s.span, func(i int) {
		if q := &an.Quotes[i]; q.Cue.Len() > 0 && s.span.Contains(q.Cue) {
			s.attributed = true
		}
	})
}

// entityKey names an entity across articles: a person by surname, else
// the lower-cased name.
// entityKey is the story-wide key of an entity: an acronym the story
// spells out somewhere ("IRS", "Internal Revenue Service") is the full
// name's.
func (b *builder) entityKey(e *nlp.Entity) string {
	k := entityKey(e)
	if full, ok := b.acronyms[k]; ok {
		return full
	}
	return k
}

// acronymKeys maps the keys of organisations named by an acronym to the
// key of an organisation of the story whose initials it is, and the keys
// of spelling variants to the first of them.
func acronymKeys(arts []*art) map[string]string {
	full := map[string]string{} // initials → key of the full name
	names := map[string]bool{}  // keys of multi-word names
	var short []*nlp.Entity
	for _, a := range arts {
		for _, e := range a.Analysis.Entities {
			if e.Type != "ORG" {
				continue
			}
			name := strings.ReplaceAll(e.Name, ".", "")
			if f := strings.Fields(name); len(f) == 1 && isUpperWord(f[0]) && len(f[0]) >= 2 {
				short = append(short, e)
				continue
			}
			if in := initials(name); len(in) >= 2 {
				full[in] = entityKey(e)
			}
			if len(strings.Fields(name)) > 1 {
				names[entityKey(e)] = true
			}
		}
	}
	out := surnameKeys(arts)
	for _, e := range short {
		if k, ok := full[strings.ReplaceAll(e.Name, ".", "")]; ok {
			out[entityKey(e)] = k
		}
	}
	// Spellings of one name ("Defense", "Defence"; "Organization",
	// "Organisation") are one organisation: the first seen is the key.
	var seen []string
	for k := range names {
		seen = append(seen, k)
	}
	sort.Strings(seen)
	// Names that differ in one word share the rest: bucket each name
	// under every way of blanking one of its words, and compare only
	// names that share a bucket (a long page names thousands).
	blanked := make([][]string, len(seen))
	buckets := map[string][]int{}
	for i, k := range seen {
		f := strings.Fields(k)
		for w := range f {
			key := strings.Join(f[:w], " ") + "\x00" + strings.Join(f[w+1:], " ")
			blanked[i] = append(blanked[i], key)
			buckets[key] = append(buckets[key], i)
		}
	}
	for i, k := range seen {
		var cands []int
		for _, key := range blanked[i] {
			for _, j := range buckets[key] {
				if j < i {
					cands = append(cands, j)
				}
			}
		}
		sort.Ints(cands)
		for _, j := range cands {
			if _, done := out[seen[j]]; !done && spellingVariant(k, seen[j]) {
				out[k] = seen[j]
				break
			}
		}
	}
	return out
}

// surnameKeys maps the keys of one-word organisations and other names
// that are the surname of a person the story names ("Trump" tagged ORG in
// "the Trump campaign" or "Trump said") to that person's key: they are
// one participant, not two.
func surnameKeys(arts []*art) map[string]string {
	surnames := map[string]bool{}
	for _, a := range arts {
		for _, e := range a.Analysis.Entities {
			if f := strings.Fields(e.Name); e.Type == "PER" && len(f) >= 2 {
				surnames[entityKey(e)] = true
			}
		}
	}
	out := map[string]string{}
	for _, a := range arts {
		for _, e := range a.Analysis.Entities {
			if (e.Type == "ORG" || e.Type == "MISC") && !strings.Contains(e.Name, " ") {
				if per := "per:" + strings.ToLower(e.Name); surnames[per] {
					out[entityKey(e)] = per
				}
			}
		}
	}
	return out
}

// spellingVariant reports whether two multi-word names differ in one word
// only, by at most two letters in a word of five or more.
func spellingVariant(a, b string) bool {
	fa, fb := strings.Fields(a), strings.Fields(b)
	if len(fa) != len(fb) || len(fa) < 2 {
		return false
	}
	diff := 0
	for i := range fa {
		if fa[i] == fb[i] {
			continue
		}
		diff++
		if diff > 1 || len(fa[i]) < 5 || editDistance(fa[i], fb[i]) > 2 {
			return false
		}
	}
	return diff == 1
}

// editDistance is the Levenshtein distance between two words.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// initials are the capitals starting a name's words, small words skipped:
// "Internal Revenue Service" → "IRS", "Federal Bureau of Investigation" →
// "FBI".
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if smallWords[strings.ToLower(w)] {
			continue
		}
		if r := w[0]; r >= 'A' && r <= 'Z' {
			b.WriteByte(r)
		} else {
			return ""
		}
	}
	return b.String()
}

var smallWords = words.Set(`of and the for on in to`)

func isUpperWord(w string) bool {
	for _, r := range w {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func entityKey(e *nlp.Entity) string {
	// "F.B.I." is "FBI", "the Senate" is "Senate".
	f := strings.Fields(strings.ReplaceAll(strings.ToLower(e.Name), ".", ""))
	if len(f) > 1 && f[0] == "the" {
		f = f[1:]
	}
	if len(f) == 0 {
		return ""
	}
	if e.Type == "PER" {
		return "per:" + f[len(f)-1]
	}
	return strings.ToLower(e.Type) + ":" + strings.Join(f, " ")
}

// similarity scores how nearly two sentences make the same claim.
// Both sides are weighted by rarity in the story, so that sharing the one
// sentence that names Witkoff and Moscow counts for more than sharing
// Rubio, whom every sentence names.
func similarity(s, t *sentence) float64 {
	var lex, ent float64
	for _, w := range s.termKeys {
		lex += s.terms[w] * t.terms[w]
	}
	for _, k := range s.entKeys {
		if _, ok := t.ents[k]; ok {
			ent += s.ents[k]
		}
	}
	score := 0.6*lex + 0.4*math.Min(1, ent)
	if lex < minLexical && ent < 0.6 {
		// The same well-known people saying different things; two rare
		// names together (Witkoff and Moscow) are a claim of their own.
		score = 0
	}
	// Wording shared word for word (a quotation, a wire sentence) states
	// the same thing whatever else the sentences hold.
	if run := commonRun(s.norm, t.norm); run >= 8 {
		score = math.Max(score, 0.45+0.02*float64(run))
	}
	return score
}

// minLexical is the least content-word similarity for two sentences to
// state one fact.
const minLexical = 0.15

// commonRun is the length of the longest run of words two word lists
// share.
func commonRun(a, b []string) int {
	best := 0
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
				best = max(best, cur[j+1])
			} else {
				cur[j+1] = 0
			}
		}
		prev, cur = cur, prev
	}
	return best
}

// maxFactsPerSentence bounds the facts one sentence is part of.
const maxFactsPerSentence = 2

// align groups sentences of different reports that state one fact, most
// probable pairs first. A fact holds at most one sentence per article; a
// sentence whose partner cannot join its fact (the fact has a sentence
// of the partner's article already) starts another with it.
// Copies of one text are one report: their sentences are not aligned
// with each other.
func (b *builder) align() {
	b.pairProb = map[[2]*sentence]float64{}
	for _, p := range b.scorePairs() {
		b.pairProb[[2]*sentence{p.s, p.t}] = p.p
		p.s.carried = math.Max(p.s.carried, p.p)
		p.t.carried = math.Max(p.t.carried, p.p)
		if p.p < b.model.Threshold {
			continue
		}
		fs, ft := p.s.fact, p.t.fact
		switch {
		case fs == nil && ft == nil:
			b.newFact(p)
		case fs != nil && ft == nil && !fs.has(p.t.art):
			fs.add(p.t, p.p)
		case ft != nil && fs == nil && !ft.has(p.s.art):
			ft.add(p.s, p.p)
		case fs != ft && len(p.s.facts) < maxFactsPerSentence && len(p.t.facts) < maxFactsPerSentence:
			b.newFact(p)
		}
	}
	for _, f := range b.facts {
		sort.Slice(f.sents, func(i, j int) bool { return f.sents[i].art < f.sents[j].art })
	}
}

// prob is the model's probability that two sentences state one fact.
func (b *builder) prob(s, t *sentence) float64 {
	if p, ok := b.pairProb[[2]*sentence{s, t}]; ok {
		return p
	}
	if p, ok := b.pairProb[[2]*sentence{t, s}]; ok {
		return p
	}
	return b.model.Prob(pairFeatures(s, t))
}

// newFact starts a fact of two sentences.
func (b *builder) newFact(p scoredPair) {
	f := &fact{}
	f.add(p.s, 0)
	f.add(p.t, p.p)
	f.links = 1
	b.facts = append(b.facts, f)
}

func (f *fact) has(art int) bool {
	for _, s := range f.sents {
		if s.art == art {
			return true
		}
	}
	return false
}

func (f *fact) add(s *sentence, score float64) {
	f.sents = append(f.sents, s)
	if s.fact == nil {
		s.fact = f
	}
	s.facts = append(s.facts, f)
	f.score += score
	f.links++
}

// reportGroups numbers the independent reports: articles linked as
// verbatim or edited copies are one report.
func (b *builder) reportGroups() []int {
	parent := make([]int, len(b.arts))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	index := map[string]int{}
	for i, a := range b.arts {
		index[a.ID] = i
	}
	for _, c := range b.copies {
		x, okx := index[c.ArticleID]
		y, oky := index[c.OfID]
		if okx && oky && c.Relation != "shares passages" {
			parent[find(x)] = find(y)
		}
	}
	out := make([]int, len(b.arts))
	for i := range out {
		out[i] = find(i)
	}
	return out
}

// sharedFacts lists the facts, most widely carried and best aligned first.
func (b *builder) sharedFacts() []Fact {
	sort.SliceStable(b.facts, func(i, j int) bool {
		a, c := b.facts[i], b.facts[j]
		if len(a.sents) != len(c.sents) {
			return len(a.sents) > len(c.sents)
		}
		return a.score/float64(a.links) > c.score/float64(c.links)
	})
	out := []Fact{}
	for _, f := range b.facts {
		var arts []int
		fo := Fact{Similarity: round3(f.score / float64(f.links)), Spans: []text.Citation{}}
		for _, s := range f.sents {
			arts = append(arts, s.art)
			c := b.cited(s.art, s.span)
			fo.Sentences = append(fo.Sentences, c)
			fo.Spans = append(fo.Spans, c.Spans...)
		}
		fo.Outlets = b.outlets(arts)
		out = append(out, fo)
	}
	return out
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
