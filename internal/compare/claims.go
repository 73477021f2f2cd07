package compare

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/internal/diff"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/words"
)

// The rules here compare what two aligned sentences assert — the value
// in a slot both fill (one number of a kind and unit, one day, one year
// after the same preposition), the status of the action (planned or
// done), the name of the person both mention — and judge a difference.
// Each rule stays silent when it cannot tell which values correspond: a
// sentence giving two numbers of a kind, two dates, or two people of
// one surname is not compared, and values far apart are taken to
// measure different things. A false conflict costs a reader's trust more
// than a missed one.

// numberConflicts compares the one number of each kind and unit that
// both sentences give.
func (b *builder) numberConflicts(s, t *sentence) []Conflict {
	var out []Conflict
	for _, p := range s.quants {
		q, ok := onlyOf(t.quants, p)
		if !ok || p.Value == q.Value || !onlyOne(s.quants, p) || vague(p) || vague(q) {
			continue
		}
		if math.Max(p.Value, q.Value) > maxSameRatio*math.Min(p.Value, q.Value) {
			continue // far apart: most likely two different quantities
		}
		verdict, reason := numberVerdict(p, q)
		out = append(out, Conflict{Kind: "number", Verdict: verdict, Reason: reason, Values: []ConflictValue{
			{Outlet: b.arts[s.art].Outlet, Value: p.Text, Spans: []text.Citation{b.cite(s.art, p.Span)}},
			{Outlet: b.arts[t.art].Outlet, Value: q.Text, Spans: []text.Citation{b.cite(t.art, q.Span)}},
		}})
	}
	return out
}

// maxSameRatio is how far apart two values can be and still be two
// readings of one quantity.
const maxSameRatio = 1.5

// onlyOf returns the single quantity of qs of p's kind and unit.
func onlyOf(qs []nlp.Quantity, p nlp.Quantity) (nlp.Quantity, bool) {
	var found nlp.Quantity
	n := 0
	for _, q := range qs {
		if q.Kind == p.Kind && q.Unit == p.Unit {
			found = q
			n++
		}
	}
	return found, n == 1
}

func onlyOne(qs []nlp.Quantity, p nlp.Quantity) bool {
	_, ok := onlyOf(qs, p)
	return ok
}

// vague reports a quantity written without digits that is no exact
// number: "dozens", "hundreds of thousands", "several".
func vague(q nlp.Quantity) bool {
	if strings.ContainsAny(q.Text, "0123456789") {
		return false
	}
	lower := strings.ToLower(q.Text)
	for _, w := range []string{"dozen", "hundreds", "thousands", "millions", "billions", "several", "scores"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// numberVerdict judges two values of one quantity.
func numberVerdict(p, q nlp.Quantity) (string, string) {
	switch {
	case roundsTo(p, q) || roundsTo(q, p):
		return VerdictCompatible, "the same value at different precision"
	case (p.Approx || q.Approx) && math.Abs(p.Value-q.Value) <= 0.15*math.Max(p.Value, q.Value):
		return VerdictCompatible, "within the approximation one of them states"
	}
	return VerdictConflict, "different values for the same quantity"
}

// roundsTo reports whether x, rounded to the precision y is written at,
// is y: 3,100 is "3,000" to the thousand, $140,937,785 is "$141 million".
func roundsTo(x, y nlp.Quantity) bool {
	step := precision(y.Text, y.Value)
	if step <= 0 {
		return false
	}
	return math.Abs(math.Round(x.Value/step)*step-y.Value) < step/1000
}

var numeralRe = regexp.MustCompile(`\d[\d,]*(?:\.(\d+))?`)

// precision is the step a written value is given to: "5.7 billion" is to
// the 0.1 billion, "3,000" to the thousand, "141" to the unit.
func precision(written string, value float64) float64 {
	m := numeralRe.FindStringSubmatch(written)
	if m == nil {
		return 0
	}
	digits := strings.ReplaceAll(m[0], ",", "")
	n, err := strconv.ParseFloat(digits, 64)
	if err != nil || n == 0 {
		return 0
	}
	scale := value / n // "billion", "million", or 1
	if m[1] != "" {
		return scale * math.Pow(10, -float64(len(m[1])))
	}
	step := 1.0
	for i := len(digits) - 1; i > 0 && digits[i] == '0'; i-- {
		step *= 10
	}
	return scale * step
}

// yearRe finds a year after a preposition that says what it anchors:
// "since 2002", "in 1979".
var yearRe = regexp.MustCompile(`\b(since|in|until|from|by|before|after)\s+((?:19|20)\d\d)\b`)

// yearConflicts compares the one year each sentence gives after the same
// preposition ("since 2002", "since 2003").
func (b *builder) yearConflicts(s, t *sentence) []Conflict {
	ys, yt := yearRe.FindAllStringSubmatchIndex(s.text, -1), yearRe.FindAllStringSubmatchIndex(t.text, -1)
	if len(ys) != 1 || len(yt) != 1 {
		return nil
	}
	ps, pt := s.text[ys[0][2]:ys[0][3]], t.text[yt[0][2]:yt[0][3]]
	vs, vt := s.text[ys[0][4]:ys[0][5]], t.text[yt[0][4]:yt[0][5]]
	if !strings.EqualFold(ps, pt) || vs == vt {
		return nil
	}
	ns, _ := strconv.Atoi(vs)
	nt, _ := strconv.Atoi(vt)
	if ns-nt > 3 || nt-ns > 3 {
		return nil // decades apart: two different things
	}
	span := func(x *sentence, m []int) text.Span {
		return text.Span{Start: x.span.Start + m[0], End: x.span.Start + m[1]}
	}
	return []Conflict{{Kind: "date", Verdict: VerdictConflict, Reason: fmt.Sprintf("different years (%s %s, %s %s)", ps, vs, pt, vt),
		Values: []ConflictValue{
			{Outlet: b.arts[s.art].Outlet, Value: s.text[ys[0][0]:ys[0][1]], Spans: []text.Citation{b.cite(s.art, span(s, ys[0]))}},
			{Outlet: b.arts[t.art].Outlet, Value: t.text[yt[0][0]:yt[0][1]], Spans: []text.Citation{b.cite(t.art, span(t, yt[0]))}},
		}}}
}

// A status is whether a sentence tells its action as done or as ahead:
// "was indicted" or "is expected to be indicted", "voted to override" or
// "is set to override".
type status struct {
	verb    string    // the stem of the action
	passive bool      // "to be indicted", "was indicted"
	marker  text.Span // the words that tell it (in the article)
}

// aheadMarkers are the words that put an action ahead: "expected to",
// "plans to", "will".
var aheadMarkers = words.Set(`expected set plans planned plan plans poised scheduled slated intends intended intend likely
going preparing prepared will`)

// aheadOf reads the actions a sentence puts ahead: each marker followed by
// "to" (or, for "will", directly) and a verb, "be" skipped ("expected to
// be indicted" is about "indicted").
func aheadOf(s *sentence) []status {
	var out []status
	toks := words.Tokenize(s.text)
	for i := 0; i < len(toks); i++ {
		w := strings.ToLower(toks[i].Text)
		if !aheadMarkers[w] {
			continue
		}
		j := i + 1
		if w != "will" {
			if j >= len(toks) || strings.ToLower(toks[j].Text) != "to" {
				continue
			}
			j++
		}
		passive := false
		for j < len(toks) && (strings.EqualFold(toks[j].Text, "be") || strings.EqualFold(toks[j].Text, "formally")) {
			passive = passive || strings.EqualFold(toks[j].Text, "be")
			j++
		}
		if j >= len(toks) || !words.IsWord(toks[j].Text) {
			continue
		}
		out = append(out, status{verb: verbStem(toks[j].Text), passive: passive,
			marker: text.Span{Start: s.span.Start + toks[i].Span.Start, End: s.span.Start + toks[j].Span.End}})
	}
	return out
}

// doneOf finds the action verb in a sentence told as done: a past form
// of the verb, in the same voice, not itself put ahead by a marker.
func doneOf(s *sentence, st status, ahead []status) (text.Span, bool) {
	verb := st.verb
	toks := words.Tokenize(s.text)
	for k, tok := range toks {
		if k > 0 && passiveAux[strings.ToLower(toks[k-1].Text)] != st.passive {
			continue
		}
		if !words.IsWord(tok.Text) || verbStem(tok.Text) != verb {
			continue
		}
		sp := text.Span{Start: s.span.Start + tok.Span.Start, End: s.span.Start + tok.Span.End}
		inMarker := false
		for _, a := range ahead {
			inMarker = inMarker || a.marker.Contains(sp)
		}
		lower := strings.ToLower(tok.Text)
		if !inMarker && (strings.HasSuffix(lower, "ed") || irregularPast[lower] != "") {
			return sp, true
		}
	}
	return text.Span{}, false
}

// passiveAux are the forms of "be" before a passive participle.
var passiveAux = words.Set(`was were been is are be being`)

// irregularPast maps common irregular past forms to their verb.
var irregularPast = map[string]string{"began": "begin", "begun": "begin", "took": "take", "taken": "take", "went": "go",
	"gone": "go", "met": "meet", "made": "make", "held": "hold", "won": "win", "ran": "run", "left": "leave", "gave": "give",
	"given": "give", "came": "come", "became": "become", "brought": "bring", "sought": "seek", "told": "tell", "sent": "send",
	"spoke": "speak", "spoken": "speak", "wrote": "write", "written": "write", "chose": "choose", "chosen": "choose",
	"struck": "strike", "fell": "fall", "fallen": "fall", "rose": "rise", "risen": "rise", "paid": "pay", "sold": "sell",
	"bought": "buy", "sworn": "swear", "swore": "swear", "withdrew": "withdraw", "withdrawn": "withdraw", "stood": "stand",
	"quit": "quit", "set": "set", "put": "put", "cut": "cut", "hit": "hit", "shut": "shut", "led": "lead", "signed": "sign"}

// verbStem is the stem of a verb form, irregular pasts undone.
func verbStem(w string) string {
	lower := strings.ToLower(w)
	if base, ok := irregularPast[lower]; ok {
		lower = base
	}
	return words.Stem(lower)
}

// statusConflicts flags an action one sentence tells as ahead and the
// other as done.
func (b *builder) statusConflicts(s, t *sentence) []Conflict {
	for _, pair := range [][2]*sentence{{s, t}, {t, s}} {
		x, y := pair[0], pair[1]
		aheadX, aheadY := aheadOf(x), aheadOf(y)
		for _, st := range aheadX {
			if statusNoise[st.verb] {
				continue
			}
			done, ok := doneOf(y, st, aheadY)
			if !ok || !b.sameActor(x, st.marker.Start, y, done.Start) {
				continue
			}
			reason := "one report tells the action as expected or planned, the other as done"
			if earlier(b.arts[x.art].Published, b.arts[y.art].Published) {
				reason += " (the first was published earlier: it may predate the event)"
			}
			return []Conflict{{Kind: "status", Verdict: VerdictConflict, Reason: reason, Values: []ConflictValue{
				{Outlet: b.arts[x.art].Outlet, Value: st.marker.Of(b.arts[x.art].Doc.Text), Spans: []text.Citation{b.cite(x.art, st.marker)}},
				{Outlet: b.arts[y.art].Outlet, Value: done.Of(b.arts[y.art].Doc.Text), Spans: []text.Citation{b.cite(y.art, done)}},
			}}}
		}
	}
	return nil
}

// sameActor reports whether the same entity acts at two places of two
// sentences: the entity each names (or refers to) first before them.
// "Congress is set to vote" and "the Senate voted" are two actors;
// "Lerner plans to invoke" and "she invoked" one.
func (b *builder) sameActor(s *sentence, at int, t *sentence, at2 int) bool {
	x, y := b.actorBefore(s, at), b.actorBefore(t, at2)
	return x != "" && x == y
}

// actorBefore is the key of the entity a sentence names first before a
// position — its subject, most often — "" when it names none there.
func (b *builder) actorBefore(s *sentence, at int) string {
	a := b.arts[s.art]
	key := ""
	a.mentions.Within(text.Span{Start: s.span.Start, End: at}, func(i int) {
		m := &a.Analysis.Mentions[i]
		if m.Entity >= 0 && key == "" {
			key = b.entityKey(a.Analysis.Entities[m.Entity])
		}
	})
	return key
}

// statusNoise are verbs too general to carry a status: "expected to
// say" and "said" are two reports of talk, not of an event.
var statusNoise = words.Set(`say said tell ask be have do make get continu need want tri`)

// nameConflicts compares the names two sentences give one person: the
// same surname with another first name ("Loretta" and "Linda"), or the
// same names spelled a letter or two apart. A surname two people of an
// article share (two Cheneys) is left alone: which one is meant is then
// a reading, not a fact.
func (b *builder) nameConflicts(s, t *sentence) []Conflict {
	var out []Conflict
	for _, p := range b.peopleIn(s) {
		for _, q := range b.peopleIn(t) {
			verdict, reason, ok := nameVerdict(p.name, q.name)
			if !ok {
				continue
			}
			if b.sharedSurname(s.art, p.name) || b.sharedSurname(t.art, q.name) {
				continue
			}
			out = append(out, Conflict{Kind: "name", Verdict: verdict, Reason: reason, Values: []ConflictValue{
				{Outlet: b.arts[s.art].Outlet, Value: p.span.Of(b.arts[s.art].Doc.Text), Spans: []text.Citation{b.cite(s.art, p.span)}},
				{Outlet: b.arts[t.art].Outlet, Value: q.span.Of(b.arts[t.art].Doc.Text), Spans: []text.Citation{b.cite(t.art, q.span)}},
			}})
		}
	}
	return out
}

type personName struct {
	name []string // the name as the mention writes it, folded, honorifics dropped
	span text.Span
}

// peopleIn lists the full names (two words or more) of people a sentence
// names.
func (b *builder) peopleIn(s *sentence) []personName {
	a := b.arts[s.art]
	var out []personName
	a.mentions.Within(s.span, func(i int) {
		m := &a.Analysis.Mentions[i]
		if m.Type != "PER" || m.Kind != "name" {
			return
		}
		if n := nameWords(m.Text); len(n) >= 2 {
			out = append(out, personName{name: n, span: m.Span})
		}
	})
	return out
}

// nameWords are a name's words, lower-cased, accents folded, honorifics
// and initials dropped.
func nameWords(name string) []string {
	var out []string
	for _, w := range strings.Fields(name) {
		w = strings.Trim(strings.ToLower(foldAccents(w)), ".,'’")
		if len(w) <= 1 || honorifics[w] || nameSuffixes[w] || len(out) == 0 && nameTitles[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

var nameSuffixes = words.Set(`jr sr ii iii iv`)

// nameTitles are titles written before a name ("Representative Barbara
// Lee", "Justice Ruth Bader Ginsburg").
var nameTitles = words.Set(`representative senator governor president vice secretary justice judge chief speaker leader
minister mayor general attorney former sheriff rev reverend pastor father sister brother saint st dame lord lady prince
princess king queen sergeant officer detective professor coach ambassador chairman chairwoman commissioner director
congressman congresswoman councilman councilwoman lt col capt sgt adm`)

// nicknames pairs the common short forms of English first names with
// the full forms: "Jim" and "James" are one first name.
var nicknames = map[string]string{"jim": "james", "jimmy": "james", "bill": "william", "billy": "william", "will": "william",
	"bob": "robert", "bobby": "robert", "rob": "robert", "mike": "michael", "mick": "michael", "joe": "joseph", "dick": "richard",
	"rick": "richard", "rich": "richard", "liz": "elizabeth", "beth": "elizabeth", "betsy": "elizabeth", "tom": "thomas",
	"tommy": "thomas", "chris": "christopher", "dan": "daniel", "danny": "daniel", "dave": "david", "ed": "edward", "ted": "edward",
	"eddie": "edward", "steve": "steven", "tony": "anthony", "andy": "andrew", "drew": "andrew", "matt": "matthew",
	"pat": "patrick", "nick": "nicholas", "sam": "samuel", "ben": "benjamin", "jeff": "jeffrey", "greg": "gregory",
	"larry": "lawrence", "jerry": "gerald", "chuck": "charles", "charlie": "charles", "hank": "henry", "harry": "henry",
	"jack": "john", "johnny": "john", "jon": "jonathan", "ken": "kenneth", "ron": "ronald", "don": "donald", "al": "albert",
	"alex": "alexander", "fred": "frederick", "frank": "francis", "gene": "eugene", "jake": "jacob", "joshua": "josh",
	"kate": "katherine", "kathy": "katherine", "katie": "katherine", "cathy": "catherine", "sue": "susan", "susie": "susan",
	"peggy": "margaret", "maggie": "margaret", "meg": "margaret", "jenny": "jennifer", "jen": "jennifer", "debbie": "deborah",
	"deb": "deborah", "becky": "rebecca", "vicky": "victoria", "nancy": "ann", "hillary": "hillary", "mitch": "mitchell",
	"newt": "newton", "rudy": "rudolph", "abe": "abraham", "gabby": "gabrielle", "barb": "barbara", "pam": "pamela",
	"tim": "timothy", "zach": "zachary", "phil": "philip", "ray": "raymond", "walt": "walter", "stan": "stanley"}

// sameFirstName reports whether two first names can be one person's:
// equal, an initial or prefix of the other, or a nickname of it.
func sameFirstName(a, b string) bool {
	full := func(n string) string {
		if f, ok := nicknames[n]; ok {
			return f
		}
		return n
	}
	return a == b || strings.HasPrefix(a, b) || strings.HasPrefix(b, a) || full(a) == full(b)
}

// nameVerdict judges two full names of a person: same surname and another
// first name, or the same name spelled differently.
func nameVerdict(p, q []string) (string, string, bool) {
	ps, qs := p[len(p)-1], q[len(q)-1]
	pf, qf := p[0], q[0]
	switch {
	case ps == qs && !sameFirstName(pf, qf) && len(pf) >= 4 && editDistance(pf, qf) <= 1:
		return VerdictConflict, "the first name is spelled differently", true
	case ps == qs && !sameFirstName(pf, qf):
		return VerdictConflict, "the same surname with another first name", true
	case pf == qf && ps != qs && len(ps) >= 4 && editDistance(ps, qs) <= 2:
		return VerdictConflict, "the name is spelled differently", true
	}
	return "", "", false
}

// sharedSurname reports whether article i names two people with the
// surname of name.
func (b *builder) sharedSurname(i int, name []string) bool {
	surname := name[len(name)-1]
	firsts := map[string]bool{}
	for _, e := range b.arts[i].Analysis.Entities {
		if e.Type != "PER" {
			continue
		}
		n := nameWords(e.Name)
		if len(n) >= 2 && n[len(n)-1] == surname {
			firsts[n[0]] = true
		}
	}
	return len(firsts) > 1
}

// foldAccents drops the accents of Latin letters: "Sánchez" is
// "Sanchez".
func foldAccents(s string) string {
	var b strings.Builder
	for _, r := range s {
		if f, ok := accentFold[r]; ok {
			b.WriteRune(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var accentFold = func() map[rune]rune {
	m := map[rune]rune{}
	for base, list := range map[rune]string{'a': "áàâäãåā", 'e': "éèêëē", 'i': "íìîïī", 'o': "óòôöõøō", 'u': "úùûüū",
		'n': "ñ", 'c': "ç", 'y': "ýÿ", 'A': "ÁÀÂÄÃÅ", 'E': "ÉÈÊË", 'I': "ÍÌÎÏ", 'O': "ÓÒÔÖÕØ", 'U': "ÚÙÛÜ", 'N': "Ñ", 'C': "Ç"} {
		for _, r := range list {
			m[r] = base
		}
	}
	return m
}()

// sameAction reports whether the words around two values of aligned
// sentences share a content word other than a name: "passed Tuesday"
// and "voted on Wednesday … the resolution" date one vote; "urged
// Wednesday" and "signed on Thursday" date two things.
func (b *builder) sameAction(s *sentence, p text.Span, t *sentence, q text.Span) bool {
	ws, wt := b.nearWords(s, p), b.nearWords(t, q)
	for w := range ws {
		if wt[w] {
			return true
		}
	}
	return false
}

// nearWords are the content words (stems) within six words of a span of
// the sentence, names and the span's own words left out.
func (b *builder) nearWords(s *sentence, v text.Span) map[string]bool {
	const window = 6
	pred := predicateText(b.arts[s.art], s.span) // names blanked, offsets kept
	toks := words.Tokenize(pred)
	at := -1
	for i, t := range toks {
		if s.span.Start+t.Span.Start >= v.Start {
			at = i
			break
		}
	}
	if at < 0 {
		return nil
	}
	var near []string
	for i := max(0, at-window); i < min(len(toks), at+window); i++ {
		sp := text.Span{Start: s.span.Start + toks[i].Span.Start, End: s.span.Start + toks[i].Span.End}
		if !v.Contains(sp) {
			near = append(near, toks[i].Text)
		}
	}
	return termsOf(strings.Join(near, " "))
}

// quoteConflicts flags two transcriptions of one remark that put
// different words in the speaker's mouth: a word or two replaced ("they
// destroyed his life", "it destroyed his life"). Spelling and punctuation
// ("don't", "don’t"; "FBI", "F.B.I."), cuts ("…"), editorial brackets and
// a wording that quotes only part of the other are not differences of
// words; a wording that differs in more than two places is taken to be
// another remark grouped by mistake, and is left alone.
func quoteConflicts(q QuoteGroup) []Conflict {
	var out []Conflict
	first := q.Wordings[0]
	for _, w := range q.Wordings[1:] {
		if w.Partial || w.Outlet == first.Outlet {
			continue
		}
		subs := substitutions(w.Diff)
		if len(subs) == 0 || len(subs) > 2 {
			continue
		}
		var said []string
		for _, sb := range subs {
			said = append(said, "“"+sb[0]+"” / “"+sb[1]+"”")
		}
		out = append(out, Conflict{Kind: "quote", Verdict: VerdictConflict,
			Reason: "two transcriptions of one remark differ: " + strings.Join(said, ", "),
			Values: []ConflictValue{
				{Outlet: first.Outlet, Value: first.Words, Spans: first.Spans},
				{Outlet: w.Outlet, Value: w.Words, Spans: w.Spans},
			}})
	}
	return out
}

// substitutions lists the words a diff replaces, as [removed, added]
// pairs of one or two words each that differ in more than spelling.
func substitutions(d []diff.Part) [][2]string {
	var out [][2]string
	for i := 1; i+2 < len(d); i++ {
		if d[i].Op != "-" || d[i+1].Op != "+" {
			continue
		}
		// Only a replacement inside words both quote alike: at an end, or
		// next to a cut, the wordings may quote different sentences.
		if !solidContext(d[i-1]) || !solidContext(d[i+2]) {
			continue
		}
		a, b := d[i].Text, d[i+1].Text
		if strings.ContainsAny(a+b, "…[]") || strings.Contains(a+b, "...") {
			continue
		}
		wa, wb := spellingFree(a), spellingFree(b)
		if len(wa) == 0 || len(wb) == 0 || len(wa) > 2 || len(wb) > 2 || sameWords(wa, wb) {
			continue
		}
		if strings.ContainsAny(a+b, "0123456789") {
			continue // "one-in-three" and "1 in 3": a number written two ways
		}
		out = append(out, [2]string{strings.TrimSpace(a), strings.TrimSpace(b)})
	}
	return out
}

// solidContext reports whether a diff part is two or more words quoted
// alike, without a cut.
func solidContext(p diff.Part) bool {
	return p.Op == "=" && len(strings.Fields(p.Text)) >= 2 && !strings.ContainsAny(p.Text, "…[]")
}

// sameWords reports whether two runs of words say the same but for
// contractions ("we'll", "we will"), a leading "and", or inflection
// ("running", "run").
func sameWords(a, b []string) bool {
	norm := func(ws []string) string {
		var out []string
		for _, w := range ws {
			out = append(out, strings.Fields(expandContraction(w))...)
		}
		if len(out) > 0 && out[0] == "and" {
			out = out[1:]
		}
		for i, w := range out {
			out[i] = words.Stem(w)
		}
		return strings.Join(out, " ")
	}
	return norm(a) == norm(b)
}

// expandContraction writes out a contraction whose apostrophe
// spellingFree dropped: "well" from "we'll" is not told apart from the
// word, so only the unambiguous endings are expanded.
func expandContraction(w string) string {
	for _, c := range [][2]string{{"nt", " not"}, {"ll", " will"}, {"re", " are"}, {"ve", " have"}} {
		if base, ok := strings.CutSuffix(w, c[0]); ok && contracted[base] {
			return base + c[1]
		}
	}
	return w
}

// contracted are the pronouns and verbs that take contractions.
var contracted = words.Set(`we you they i he she it that there who do does did is are was were have has had could would
should wo ca must`)

// spellingFree is a wording's words without case, punctuation,
// apostrophe styles and the dots of abbreviations: "F.B.I.," is "fbi",
// "don’t" is "dont".
func spellingFree(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '—' }) {
		var b strings.Builder
		for _, r := range strings.ToLower(w) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			}
		}
		if b.Len() > 0 {
			out = append(out, b.String())
		}
	}
	return out
}
