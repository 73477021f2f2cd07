package nlp

import (
	"slices"
	"strings"

	"github.com/parallax-news/parallax/internal/lexicon"
	"github.com/parallax-news/parallax/internal/ner"
	"github.com/parallax-news/parallax/internal/quotes"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/words"
)

// findEntities tags names with the tagger, groups the names of one
// referent, reads the roles the text gives people, and adds descriptions
// ("the top US diplomat") as mentions of the person they describe.
func findEntities(s string, sents []words.Sentence, tg *ner.Tagger, lex *lexicon.Lexicon, stop *stopper) ([]Mention, []*Entity) {
	n := 0
	for _, se := range sents {
		n += len(se.Tokens)
	}
	words := make([]string, 0, n) // one array for the whole document
	doc := make([][]string, len(sents))
	for i, se := range sents {
		from := len(words)
		for _, t := range se.Tokens {
			words = append(words, t.Text)
		}
		doc[i] = words[from:len(words):len(words)]
	}
	var mentions []Mention
	if tg != nil {
		for si, spans := range tg.TagUntil(doc, stop.every) {
			toks := sents[si].Tokens
			for _, whole := range spans {
				for _, sp := range splitPersonAfterOrg(lex, doc[si], whole) {
					span := text.Span{Start: toks[sp.Start].Span.Start, End: toks[sp.End-1].Span.End}
					typ := sp.Type
					sure := titledName(doc[si], sp.Start, sp.End)
					if sure {
						typ = "PER" // "Mr. Trump", "President Trump": a person whatever the tagger says
					}
					// A known given name before a surname is as plain.
					sure = sure || typ == "PER" && sp.End-sp.Start >= 2 && lex.Has(doc[si][sp.Start], "per.first")
					mentions = append(mentions, Mention{Span: span, Text: span.Of(s), Type: typ, Kind: "name", sent: si, tok: sp.Start, surePerson: sure})
				}
			}
		}
	}
	var ents []*Entity
	idx := entityIndex{}
	for i := range mentions {
		if stop.every() {
			return nil, nil
		}
		m := &mentions[i]
		key := nameTokens(m.Text)
		m.Entity = -1
		for _, id := range idx.candidates(m.Type, key, m.Text) {
			if e := ents[id]; sameReferent(e, m.Type, key, m.Text) {
				m.Entity = e.ID
				if len(strings.Join(key, " ")) > len(strings.Join(e.key, " ")) {
					e.Name, e.key = m.Text, key
					idx.add(e)
				}
				break
			}
		}
		if m.Entity < 0 {
			e := &Entity{ID: len(ents), Type: m.Type, Name: strings.TrimSuffix(strings.TrimSuffix(m.Text, "'s"), "’s"), key: key}
			ents = append(ents, e)
			idx.add(e)
			m.Entity = e.ID
		}
		ents[m.Entity].Mentions = append(ents[m.Entity].Mentions, i)
	}
	settleTypes(mentions, ents)
	mx := newMentionIndex(mentions, ents, len(sents))
	for i := range mentions {
		if stop.every() {
			return nil, nil
		}
		if mentions[i].Type == "PER" {
			addRoles(s, sents, &mentions[i], ents[mentions[i].Entity], mx)
		}
	}
	markPastRoles(s, ents)
	mentions = addNominals(s, sents, mentions, ents, mx)
	return mentions, ents
}

// markPastRoles marks the roles written as held before: "former" (or
// "ex-", "then") opening the role or just before it.
func markPastRoles(s string, ents []*Entity) {
	for _, e := range ents {
		for i := range e.Roles {
			r := &e.Roles[i]
			first, _, _ := strings.Cut(strings.ToLower(r.Text), " ")
			r.Past = pastRole[first] || strings.HasPrefix(first, "ex-") || pastRole[wordBefore(s, r.Span.Start)]
		}
	}
}

// pastRole are the words that make a role one held before.
var pastRole = words.Set(`former ex then late onetime one-time erstwhile retired`)

// tokenRange returns the token indexes [a, b) of a mention in its sentence.
func tokenRange(se words.Sentence, m *Mention) (int, int) {
	a := m.tok
	b := a
	for b < len(se.Tokens) && se.Tokens[b].Span.End <= m.Span.End {
		b++
	}
	return a, b
}

// addRoles reads the title before a person's name ("US Secretary of State
// Marco Rubio"), an apposition after it (", secretary of Ukraine's
// National Security and Defence Council,") and a relative clause
// (", who heads the Ukrainian negotiating team,").
func addRoles(s string, sents []words.Sentence, m *Mention, e *Entity, mx *mentionIndex) {
	se := sents[m.sent]
	toks := se.Tokens
	a, b := tokenRange(se, m)
	// Before the name.
	j := a - 1
	hasRole := false
	for j >= 0 && a-j <= 8 {
		t := toks[j].Text
		lower := strings.ToLower(t)
		if roleWords[lower] {
			hasRole = true
		} else if !(words.StartsUpper(t) && words.IsWord(t) || lower == "of" || lower == "'s" || lower == "’s" || lower == "-" || lower == "and" || lower == "the") {
			break
		}
		// "Steve Witkoff and US President Donald Trump": another person's
		// name before "and" ends the title.
		if lower == "and" && j > 0 && mx.inMention(m.sent, toks[j-1].Span, true) {
			break
		}
		j--
	}
	start := j + 1
	for start < a && (!roleWords[strings.ToLower(toks[start].Text)] && !words.StartsUpper(toks[start].Text) || strings.EqualFold(toks[start].Text, "the")) {
		start++
	}
	if hasRole && start < a {
		addRole(e, s, text.Span{Start: toks[start].Span.Start, End: toks[a-1].Span.End})
	}
	// After the name: ", ROLE …," or ", who VERB …,".
	if b+1 < len(toks) && toks[b].Text == "," {
		k := b + 1
		first := strings.ToLower(toks[k].Text)
		if first == "who" {
			// "like Marco Rubio and Ted Cruz, who have never run a state":
			// a plural verb says the clause is about several.
			if k+1 < len(toks) && pluralVerbs[strings.ToLower(toks[k+1].Text)] {
				return
			}
			k++
		} else if first == "the" || first == "a" || first == "an" || first == "its" || first == "his" || first == "her" {
			if k+1 < len(toks) && !roleWordWithin(toks, k+1, 4) {
				return
			}
		} else if !roleWords[first] && !roleWordWithin(toks, k, 3) {
			return
		}
		end := k
		for end < len(toks) && end-k < 16 && toks[end].Text != "," && toks[end].Text != "." && toks[end].Text != ";" {
			end++
		}
		if end > k && end < len(toks) && (toks[end].Text == "," || toks[end].Text == ".") {
			addRole(e, s, text.Span{Start: toks[k].Span.Start, End: toks[end-1].Span.End})
		}
	}
}

var pluralVerbs = words.Set(`have are were do ’ve 've`)

func roleWordWithin(toks []words.Token, k, n int) bool {
	for i := k; i < len(toks) && i < k+n; i++ {
		if roleWords[strings.ToLower(toks[i].Text)] {
			return true
		}
		if !words.IsWord(toks[i].Text) {
			return false
		}
	}
	return false
}

func addRole(e *Entity, s string, sp text.Span) {
	t := sp.Of(s)
	for _, r := range e.Roles {
		if strings.EqualFold(r.Text, t) {
			return
		}
	}
	e.Roles = append(e.Roles, Role{Text: t, Span: sp})
}

// addNominals finds descriptions of people — "the top US diplomat", "the
// secretary of State", "the head of the Ukrainian delegation" — and links
// each to the person it describes: a name that follows it in apposition,
// else the last person whose roles share its head word, else, for generic
// descriptions, the person most recently mentioned.
func addNominals(s string, sents []words.Sentence, mentions []Mention, ents []*Entity, mx *mentionIndex) []Mention {
	inName := func(si, k int) bool { return mx.inMention(si, sents[si].Tokens[k].Span, false) }
	var added []Mention
	for si, se := range sents {
		toks := se.Tokens
		for k := 0; k < len(toks); k++ {
			if lw := strings.ToLower(toks[k].Text); lw != "the" {
				continue
			}
			head := -1
			for j := k + 1; j < len(toks) && j <= k+5; j++ {
				t := toks[j].Text
				if !words.IsWord(t) || inName(si, j) && !roleWords[strings.ToLower(t)] {
					if inName(si, j) {
						continue // "the top US diplomat": US is a name inside it
					}
					break
				}
				if roleWords[strings.ToLower(t)] && !genericNonPerson[strings.ToLower(t)] && !roleModifiers[strings.ToLower(t)] {
					head = j
					break
				}
			}
			if head < 0 {
				continue
			}
			end := head
			// "the secretary of State", "the head of the Ukrainian delegation".
			if end+1 < len(toks) && strings.EqualFold(toks[end+1].Text, "of") {
				e := end + 2
				for e < len(toks) && e-end < 7 && words.IsWord(toks[e].Text) && !quotes.NPStop[strings.ToLower(toks[e].Text)] &&
					quotes.IsCue(toks, e) == 0 && !quotes.SpeakerGap[strings.ToLower(toks[e].Text)] && !strings.HasSuffix(toks[e].Text, "ed") {
					e++
				}
				if e > end+2 {
					end = e - 1
				}
			}
			span := text.Span{Start: toks[k].Span.Start, End: toks[end].Span.End}
			m := Mention{Span: span, Text: span.Of(s), Type: "PER", Kind: "nominal", sent: si, tok: k, Entity: -1}
			m.Entity = resolveNominal(sents, si, end, strings.ToLower(toks[head].Text), m, mx)
			if m.Entity >= 0 {
				added = append(added, m)
			}
			k = end
		}
	}
	for _, m := range added {
		mentions = append(mentions, m)
		ents[m.Entity].Mentions = append(ents[m.Entity].Mentions, len(mentions)-1)
	}
	sortMentions(mentions, ents)
	return mentions
}

// genericNonPerson are role words that, after "the", usually name a body.
var genericNonPerson = words.Set(`council council's delegation police vice`)

// roleModifiers qualify a role without heading it ("special envoy").
var roleModifiers = words.Set(`vice deputy special presidential foreign defence defense chief general`)

func resolveNominal(sents []words.Sentence, si, end int, head string, m Mention, mx *mentionIndex) int {
	toks := sents[si].Tokens
	// A name in apposition after the description, before the clause ends.
	for j := end + 1; j < len(toks); j++ {
		if toks[j].Text == "." || toks[j].Text == ";" {
			break
		}
		if e := mx.personNamedAt(si, toks[j].Span.Start); e >= 0 {
			return e
		}
		if quotes.IsCue(toks, j) > 0 {
			break
		}
	}
	// The last person mentioned before, whose roles share the head word.
	if best := mx.lastWithRole(head, m.Span.Start); best >= 0 {
		return best
	}
	if genericRoles[head] || head == "secretary" {
		if n := mx.lastPerson(m.Span.Start); n >= 0 && sents[m.sent].Paragraph-sents[mx.mentions[n].sent].Paragraph <= 2 {
			return mx.mentions[n].Entity
		}
	}
	return -1
}

// sortMentions orders mentions by position and renumbers entity lists.
func sortMentions(ms []Mention, ents []*Entity) {
	slices.SortStableFunc(ms, func(a, b Mention) int { return a.Span.Start - b.Span.Start })
	for _, e := range ents {
		e.Mentions = e.Mentions[:0]
	}
	for i, m := range ms {
		if m.Entity >= 0 {
			ents[m.Entity].Mentions = append(ents[m.Entity].Mentions, i)
		}
	}
}

func spansOverlap(s text.Span, spans []text.Span) bool {
	for _, t := range spans {
		if s.Overlaps(t) {
			return true
		}
	}
	return false
}

// settleTypes gives each entity the type most of its mentions have; a
// country name used as an adjective ("US diplomat", tagged MISC) stays
// the same entity as the country. A name after a personal title or
// with a given name settles it: "President Trump" or "Donald Trump"
// makes the bare "Trump" of the headline, tagged as a company, a person.
func settleTypes(mentions []Mention, ents []*Entity) {
	for _, e := range ents {
		count := map[string]int{}
		for _, mi := range e.Mentions {
			count[mentions[mi].Type]++
			if mentions[mi].surePerson {
				count["PER"] += titleWeight
			}
		}
		best := e.Type
		for t, n := range count {
			if n > count[best] || n == count[best] && t == "LOC" {
				best = t
			}
		}
		e.Type = best
		if best == "PER" {
			// Every name of a person is a person's: the speaker of "Trump
			// told reporters" ranks as a person named.
			for _, mi := range e.Mentions {
				mentions[mi].Type = "PER"
			}
		}
	}
}

// splitPersonAfterOrg splits an organisation's name that runs on into the
// name of a person it introduces ("… Defense Council Rustem Umerov"): when
// the span has a word that heads organisation names ("Council",
// "Ministry") followed by two or three capitalised words that are names
// (known given names or surnames, or no dictionary word) and not places,
// those words are a person.
func splitPersonAfterOrg(lex *lexicon.Lexicon, toks []string, sp ner.Name) []ner.Name {
	if sp.Type != ner.ORG || sp.End-sp.Start < 3 {
		return []ner.Name{sp}
	}
	for j := sp.End - 3; j >= sp.Start && j >= sp.End-4; j-- {
		if !lex.Has(toks[j], "org.word") {
			continue
		}
		person := true
		for _, w := range toks[j+1 : sp.End] {
			lower := strings.ToLower(w)
			nameLike := !lex.Word(lower) || lex.Has(lower, "per")
			if !words.StartsUpper(w) || !words.IsWord(w) || !nameLike || lex.Has(lower, "org.word") {
				person = false
				break
			}
		}
		if tail := strings.ToLower(strings.Join(toks[j+1:sp.End], " ")); lex.Has(tail, "loc") {
			person = false // "… Hotel Las Vegas": a place
		}
		if person {
			return []ner.Name{{Start: sp.Start, End: j + 1, Type: ner.ORG}, {Start: j + 1, End: sp.End, Type: ner.PER}}
		}
		return []ner.Name{sp}
	}
	return []ner.Name{sp}
}

// entityIndex lists the entities a mention may be another name of, by
// what sameReferent compares: the whole key, a person's first and last
// words, an organisation's initials. Comparing a mention with every
// entity made a page with thousands of names quadratic.
type entityIndex map[string][]int

// add lists e under its key as it is now (an entity's key can grow; its
// old entries stay, and candidates are checked anyway).
func (x entityIndex) add(e *Entity) {
	if len(e.key) == 0 {
		return
	}
	put := func(k string) { x[k] = append(x[k], e.ID) }
	put("k:" + strings.Join(e.key, " "))
	if e.Type == "PER" {
		put("last:" + e.key[len(e.key)-1])
		if len(e.key) == 2 {
			put("first2:" + e.key[0])
		}
	}
	if len(e.key) == 1 && (e.Type == "PER" || e.Type == "ORG") {
		put("single:" + e.key[0])
	}
	put("ini:" + initialsOf(e.key))
}

// candidates returns, in the order the entities were made, every entity
// sameReferent could match with a mention.
func (x entityIndex) candidates(typ string, key []string, raw string) []int {
	if len(key) == 0 {
		return nil
	}
	lists := [][]int{x["k:"+strings.Join(key, " ")]}
	if typ == "ORG" && len(key) == 1 {
		lists = append(lists, x["last:"+key[0]])
	}
	if typ == "PER" {
		if len(key) == 1 {
			lists = append(lists, x["last:"+key[0]], x["first2:"+key[0]])
		} else {
			lists = append(lists, x["single:"+key[len(key)-1]], x["last:"+key[len(key)-1]])
			if len(key) == 2 {
				lists = append(lists, x["single:"+key[0]])
			}
		}
	}
	if isAcronym(raw) {
		lists = append(lists, x["ini:"+strings.ToLower(strings.ReplaceAll(raw, ".", ""))])
	}
	var out []int
	for _, l := range lists {
		out = append(out, l...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// initialsOf returns the initials sameReferent compares an acronym with,
// in lower case.
func initialsOf(key []string) string {
	var b strings.Builder
	for _, w := range key {
		if w != "of" && w != "the" && w != "and" {
			b.WriteByte(w[0])
		}
	}
	return strings.ToLower(b.String())
}

// personalTitles are titles only a person carries.
var personalTitles = words.Set(`mr mr. mrs mrs. ms ms. miss dr dr. sen sen. rep rep. gov gov.`)

// officeTitles are capitalised offices written before a person's name
// ("President Obama", "Senator Johnny Isakson"). Unlike personalTitles
// they also begin names of other things ("Governor's Island",
// "President Hotel"), so they count only outside the tagged name, or at
// its start before more than one word.
var officeTitles = words.Set(`president senator governor congressman congresswoman speaker justice judge mayor
secretary chancellor pope king queen prince princess sheikh ayatollah rabbi reverend rev rev. father cardinal bishop
lt lt. col col. sgt sgt. adm adm. gen. prof prof. vice`)

// titleWeight is how many tagger guesses one sure mention of a person
// outweighs: a title or a given name is the text saying who someone is,
// a tag a guess from the name's form, so one settles it.
const titleWeight = 1000

// titledName reports whether the name at tokens [start, end) of a
// sentence is a person's by its title: a personal title opening it
// ("Mr. Trump") or written just before it ("Mr." split off, "President
// Trump", "Sen. Rubio"). The title must be capitalised: "the president
// Trump praised" is not a title.
func titledName(toks []string, start, end int) bool {
	first := strings.ToLower(toks[start])
	if end-start > 1 && (personalTitles[first] || officeTitles[first] && toks[start] != strings.ToLower(toks[start])) {
		return true
	}
	if start == 0 {
		return false
	}
	prev := toks[start-1]
	lp := strings.ToLower(prev)
	return (personalTitles[lp] || officeTitles[lp]) && prev != lp
}
