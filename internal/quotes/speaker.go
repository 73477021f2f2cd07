package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/words"
)

// SpeakerGap are the auxiliaries and adverbs that may stand between a
// speaker and the cue ("Rubio also said", "she had told").
var SpeakerGap = words.Set(`also later then previously again recently repeatedly once has had have would will
could can may might should did does do was were is are be been being had 's ’s just further publicly
privately reportedly quickly later first earlier angrily simply flatly`)

// NPStop are the words that end a noun phrase.
var NPStop = words.Set(`that which who whom whose when where while because but and or if as than so then
there it its is are was were be been has have had will would could should can may might did do does
not no said says told`)

// speakerNP finds the noun phrase of the speaker next to the cue at token
// cue (n tokens long): before it ("Rubio told"), or after it in inverted
// tags ("said the top US diplomat", "according to a Wall Street Journal
// report"). It returns the token range [a, b], and false when there is no
// phrase there that could name who spoke.
func (p *paragraph) speakerNP(cue, n int) (int, int, bool) {
	a, b, ok := p.phraseNextToCue(cue, n)
	if !ok || !p.plausibleSpeaker(a, b) {
		return 0, 0, false
	}
	return a, b, true
}

// phraseNextToCue returns the phrase speakerNP judges, by position alone.
func (p *paragraph) phraseNextToCue(cue, n int) (int, int, bool) {
	w := p.lower(cue)
	if p.isDashCredit(cue) {
		return p.npAfter(cue + 1)
	}
	if w == "according" || p.toks[cue].Text == ":" && n == 1 {
		if w == "according" {
			return p.npAfter(cue + n)
		}
		return p.npBefore(cue)
	}
	if a, b, ok := p.npBefore(cue); ok {
		return a, b, true
	}
	// "…, telling the crowd", "… and says", "went on to say": the speaker
	// is the subject of the sentence — unless the tag is inverted after a
	// quotation ("…," said Hester).
	prev := p.prevWord(cue)
	inverted := prev >= 0 && (p.inQuote(prev) || p.toks[prev].Text == "," && prev > 0 && p.inQuote(prev-1))
	if !inverted {
		if k := p.nearestSubjectWord(cue); k >= 0 {
			return k, k, true
		}
		if a, b, ok := p.sentenceSubject(cue); ok {
			return a, b, true
		}
	}
	if tellVerbs[w] {
		return 0, 0, false
	}
	return p.npAfter(cue + n)
}

// nearestSubjectWord returns the nearest subject pronoun before the cue in
// its sentence ("When he returned he began by saying"), or -1.
func (p *paragraph) nearestSubjectWord(cue int) int {
	si := p.sentOf[cue]
	for k := cue - 1; k >= p.first[si]; k-- {
		if p.inQuote(k) {
			return -1
		}
		if subjectPronouns[p.lower(k)] {
			return k
		}
	}
	return -1
}

var subjectPronouns = words.Set(`he she they i we`)

// prevWord returns the index of the token before cue, skipping adverbs and
// auxiliaries, or -1.
func (p *paragraph) prevWord(cue int) int {
	j := cue - 1
	for j >= 0 && skippable(p.toks[j].Text) {
		j--
	}
	return j
}

// sentenceSubject returns the noun phrase that opens the sentence holding
// token k (after leading conjunctions and adverbs).
func (p *paragraph) sentenceSubject(k int) (int, int, bool) {
	si := p.sentOf[k]
	a := p.first[si]
	for a < k && (openers[p.lower(a)] || !words.IsWord(p.toks[a].Text)) {
		a++
	}
	// "In an incendiary press conference, Trump launched…": skip an
	// opening adverbial phrase to its comma.
	if a < k && leadingAdverbial[p.lower(a)] {
		for j := a; j < k; j++ {
			if p.toks[j].Text == "," {
				a = j + 1
				break
			}
		}
	}
	if a >= k || p.inQuote(a) {
		return 0, 0, false
	}
	if words.Pronouns[p.lower(a)] {
		return a, a, true
	}
	b := a
	det := determiners[p.lower(a)]
	for b+1 < k && b-a < 6 {
		t := p.toks[b+1].Text
		lower := strings.ToLower(t)
		r, _ := utf8.DecodeRuneInString(t)
		ok := unicode.IsUpper(r) || t == "'s" || t == "’s" || lower == "of"
		// After "the", "an", "his": the noun phrase's lower-case words too.
		if det && words.IsWord(t) && !NPStop[lower] && IsCue(p.toks, b+1) == 0 && !SpeakerGap[lower] && !functionWords[lower] {
			ok = true
		}
		if !ok || p.inQuote(b+1) {
			break
		}
		b++
	}
	if r, _ := utf8.DecodeRuneInString(p.toks[a].Text); !unicode.IsUpper(r) {
		return 0, 0, false
	}
	return a, b, true
}

var leadingAdverbial = words.Set(`in on at after during when while as before since for with without despite
although though if because upon from by following speaking asked regarding concerning about`)

var determiners = words.Set(`the a an this that these those his her its their our my your`)

// openers start sentences without being their subject.
var openers = words.Set(`but and so yet still then also however meanwhile instead later earlier now though
although even thus`)

func (p *paragraph) npBefore(cue int) (int, int, bool) {
	if a, b, ok := p.possessor(cue - 1); ok {
		return a, b, true
	}
	j := cue - 1
	for j >= 0 && skippable(p.toks[j].Text) && !p.inQuote(j) {
		j--
	}
	// A parenthesis ("Rep. Gwen Moore (D-Wis.) said") or an apposition
	// ("Brian Fallon, the campaign's press secretary, noted") sits between
	// the name and the cue.
	if j >= 0 && p.toks[j].Text == ")" {
		for j >= 0 && p.toks[j].Text != "(" && cue-j < 12 {
			j--
		}
		j--
	} else if j >= 1 && p.toks[j].Text == "," && !p.inQuote(j) {
		k := j - 1
		for k >= 0 && p.toks[k].Text != "," && !p.inQuote(k) && j-k < 20 && words.IsWord(p.toks[k].Text) || k >= 0 && (p.toks[k].Text == "'s" || p.toks[k].Text == "’s" || p.toks[k].Text == "-") {
			k--
		}
		if k >= 1 && p.toks[k].Text == "," && !p.inQuote(k-1) && words.IsWord(p.toks[k-1].Text) {
			j = k - 1
		}
	}
	// "who in 2010 said", "Cruz on Friday said": a time adjunct.
	if j >= 1 && (timeWords[p.lower(j)] || isYear(p.toks[j].Text)) && adjunctStarts[p.lower(j-1)] {
		j -= 2
	}
	if j < 0 || p.inQuote(j) || !words.IsWord(p.toks[j].Text) {
		return 0, 0, false
	}
	if words.Pronouns[p.lower(j)] {
		return j, j, true
	}
	end := j
	for j >= 0 {
		t := p.toks[j].Text
		lower := strings.ToLower(t)
		if p.inQuote(j) || NPStop[lower] && j != end || p.sentOf[j] != p.sentOf[end] {
			break
		}
		if !words.IsWord(t) && t != "'s" && t != "’s" && t != "-" {
			break
		}
		j--
	}
	start := j + 1
	for start < end && (strings.EqualFold(p.toks[start].Text, "and") || !words.IsWord(p.toks[start].Text)) {
		start++
	}
	if start > end || !nounish(p.toks[end].Text) {
		return 0, 0, false
	}
	// A long lower-case run before the cue is a clause, not a speaker.
	if end-start > 10 {
		start = end - 10
	}
	return start, end, true
}

// possessor reads a possessive just before a noun cue as its speaker:
// "Trump's claim that …" is Trump's, "his assertion that …" his. j is
// the token before the cue.
func (p *paragraph) possessor(j int) (int, int, bool) {
	if j < 0 || p.inQuote(j) {
		return 0, 0, false
	}
	if possessives[p.lower(j)] {
		return j, j, true
	}
	if t := p.toks[j].Text; (t == "'s" || t == "’s") && j > 0 && words.StartsUpper(p.toks[j-1].Text) {
		a := j - 1
		for a > 0 && words.StartsUpper(p.toks[a-1].Text) && words.IsWord(p.toks[a-1].Text) && !p.inQuote(a-1) && p.sentOf[a-1] == p.sentOf[j] && j-a < 6 {
			a--
		}
		return a, j - 1, true
	}
	return 0, 0, false
}

var possessives = words.Set(`his her their its our my`)

func (p *paragraph) npAfter(k int) (int, int, bool) {
	for k < len(p.toks) && skippable(p.toks[k].Text) {
		k++
	}
	if k >= len(p.toks) || p.inQuote(k) {
		return 0, 0, false
	}
	start := k
	if words.Pronouns[p.lower(k)] {
		return k, k, true
	}
	end := -1
	for k < len(p.toks) && k-start < 12 {
		t := p.toks[k].Text
		if p.inQuote(k) || !words.IsWord(t) && t != "'s" && t != "’s" && t != "-" {
			break
		}
		lower := strings.ToLower(t)
		if NPStop[lower] || timeWords[lower] || k > start && (lower == "in" || lower == "on" || lower == "at" || lower == "during" || lower == "after" || lower == "before" || lower == "to" || lower == "with") {
			break
		}
		end = k
		k++
	}
	if end < start {
		return 0, 0, false
	}
	return start, end, true
}

// nounish reports whether a word can end a noun phrase: not a function
// word.
func nounish(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) || unicode.IsDigit(r) {
		return true
	}
	return !NPStop[strings.ToLower(w)] && !functionWords[strings.ToLower(w)]
}

var functionWords = words.Set(`the a an of in on at to for from by with about as into over under after before
than this these those such some any each every all both either neither`)

// timeWords are not speakers ("said Friday").
var timeWords = words.Set(`monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
tomorrow earlier later recently previously again also last this next week month year morning afternoon
evening night`)

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// plausibleSpeaker reports whether tokens [a, b] can name who spoke: a
// noun phrase or a pronoun, not an adverbial ("forcefully", "in a box",
// "During the speech", "Meanwhile"), an object pronoun ("him") or a verb
// phrase ("called Friday for …"). The rules and the model both propose
// such spans when a sentence is not built the way they expect; saying
// nothing is better than naming a phrase that is no one.
func (p *paragraph) plausibleSpeaker(a, b int) bool {
	if a > b || a < 0 || b >= len(p.toks) {
		return false
	}
	first := p.lower(a)
	if notSpeakerStart[first] || IsCue(p.toks, a) > 0 && a == b {
		return false
	}
	if a < b && IsCue(p.toks, a) > 0 && !words.StartsUpper(p.toks[a].Text) {
		return false // "called Mr. Obama", "included one"
	}
	head := p.toks[b].Text
	lower := strings.ToLower(head)
	if !words.StartsUpper(head) && isAdverb(lower) || strings.HasSuffix(lower, "n't") || strings.HasSuffix(lower, "n’t") {
		return false
	}
	return !timeWords[lower] || a < b && !timeWords[first]
}

// trimFocus drops focus adverbs that open a speaker phrase ("Even China",
// "Only Trump") and returns its new start.
func (p *paragraph) trimFocus(a, b int) int {
	for a < b && focusAdverbs[p.lower(a)] {
		a++
	}
	return a
}

var focusAdverbs = words.Set(`even only also just both then now later`)

// skippable words stand between a speaker and the cue: auxiliaries,
// adverbs of time and manner ("Morial … forcefully told").
func skippable(w string) bool {
	lower := strings.ToLower(w)
	return SpeakerGap[lower] || !words.StartsUpper(w) && isAdverb(lower)
}

// notSpeakerStart are words a speaker's noun phrase does not begin with:
// prepositions, subordinators, sentence adverbs and object pronouns.
var notSpeakerStart = words.Set(`in on at by for with without during after before since despite from into over
under about against among between through toward towards upon within via per like unlike amid following
when while although though because if unless whereas as once until whether meanwhile however moreover
also then thus still yet instead furthermore nevertheless nonetheless otherwise indeed perhaps
him them us me whom whose to of than not`)

// isAdverb recognises the -ly adverbs of manner ("forcefully",
// "favorably") by form; the few common -ly nouns are not adverbs.
func isAdverb(w string) bool {
	return len(w) > 4 && strings.HasSuffix(w, "ly") && !lyNouns[w]
}

var lyNouns = words.Set(`family ally assembly supply rally anomaly monopoly bully homily jelly belly folly
tally gully lily melancholy reply butterfly`)
