package nlp

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/quotes"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/wire"
	"github.com/parallax-news/parallax/internal/words"
)

// Attribution is a source the article credits: the wire agency of the
// copy, a news organisation or document it cites, the channel a statement
// was made on, the agency of a photo.
type Attribution struct {
	Kind   string    `json:"kind"` // wire, cites, channel, photo
	Source string    `json:"source"`
	Cue    string    `json:"cue,omitempty"`
	Span   text.Span `json:"span"`
	// Quote is the index of the quote the attribution qualifies, or -1.
	Quote int `json:"quote"`
}

const sourceName = `((?:[A-Z][\p{L}\p{N}&.'’-]*|of|the|de)(?:\s+(?:[A-Z][\p{L}\p{N}&.'’-]*|of|the|de|and|&)){0,5})`

var (
	accordingRe = regexp.MustCompile(`\baccording to (?:an? |the )?(?:(?:new|latest|recent|local|exclusive|separate) )?` + sourceName)
	reportedRe  = regexp.MustCompile(sourceName + `\s+(?:(?:news )?agency|newspaper|daily|broadcaster|channel|outlet|website|magazine|television|TV|radio|news service|wire service)?\s*(reported|reports|said|cited|quoted|wrote|published|announced)\b`)
	channelRe   = regexp.MustCompile(`\b(wrote|posted|said|announced|tweeted|shared|stated|declared|added|published)(?:\s+\w+){0,3}?\s+(?:on|in|via)\s+(?:his |her |their |its |an? |the )?(Facebook|Twitter|X|Telegram|Instagram|YouTube|TikTok|LinkedIn|Truth Social|Weibo|WhatsApp|Threads|Bluesky|statement|post|interview|video|blog|letter|email|op-ed|press release|press conference|briefing|tweet)\b`)
	publishedRe = regexp.MustCompile(`\b(?:published|posted|released|aired|broadcast|carried|shared)\s+(?:by\s+)?` + sourceName + `\s+(resource|website|outlet|channel|agency|newspaper|network|portal|site|page)\b`)
	toldRe      = regexp.MustCompile(`\btold\s+(?:the\s+)?` + sourceName)
)

// The patterns above start or end with a verb from a short list. Rather
// than run them over the whole text, where a pattern that starts with a
// capitalised name is tried at every capital, they run on a window at
// each occurrence of one of their verbs.
var (
	reportedBefore   = regexp.MustCompile(`(?:` + reportedRe.String() + `)$`)
	publishedAt      = anchored(publishedRe)
	channelAt        = anchored(channelRe)
	reportVerbWords  = words.Set(`reported reports said cited quoted wrote published announced`)
	publishVerbWords = words.Set(`published posted released aired broadcast carried shared`)
	channelVerbWords = words.Set(`wrote posted said announced tweeted shared stated declared added published`)
	accordingAt      = anchored(accordingRe)
	accordingWords   = words.Set(`according`)
	toldAt           = anchored(toldRe)
	toldWords        = words.Set(`told`)
)

// attributionWindow bounds how far a pattern reaches from its verb.
const attributionWindow = 160

// Which patterns a word can start or end, as bits of a mask.
const (
	byReport uint8 = 1 << iota
	byPublish
	byChannel
	byAccording
	byTold
)

// triggerWords maps each verb of the patterns to its patterns.
var triggerWords = func() map[string]uint8 {
	m := map[string]uint8{}
	for bit, set := range map[uint8]map[string]bool{byReport: reportVerbWords, byPublish: publishVerbWords,
		byChannel: channelVerbWords, byAccording: accordingWords, byTold: toldWords} {
		for w := range set {
			m[w] |= bit
		}
	}
	return m
}()

// trigger is one occurrence of a pattern verb in the text.
type trigger struct {
	a, b int
	mask uint8
}

// findTriggers lists the pattern verbs of s in text order, in one pass:
// each pattern then looks only at its own.
func findTriggers(s string) []trigger {
	var out []trigger
	eachWord(s, func(a, b int) {
		// The verbs are lower case, four to nine letters.
		if n := b - a; n < 4 || n > 9 || s[a] < 'a' {
			return
		}
		if m := triggerWords[s[a:b]]; m != 0 {
			out = append(out, trigger{a, b, m})
		}
	})
	return out
}

// matchesEndingAt runs re (anchored at its end) on the text before and
// including each trigger of the pattern, and returns the matches as
// offsets into s.
// A match of re spans at most maxWords runs of non-space: the window
// starts no further back, since Go's regular expressions cannot search
// backwards and try every start in it.
func matchesEndingAt(s string, ts []trigger, bit uint8, re *regexp.Regexp, maxWords int, gate func(s string, a int) bool) [][]int {
	var out [][]int
	lastEnd := 0
	for _, t := range ts {
		if t.mask&bit == 0 || !gate(s, t.a) {
			continue
		}
		from := max(lastEnd, t.a-attributionWindow, wordsBack(s, t.b, maxWords))
		if m := re.FindStringSubmatchIndex(s[from:t.b]); m != nil {
			out = append(out, shift(m, from))
			lastEnd = t.b
		}
	}
	return out
}

// wordsBack returns the start of the n-th run of non-space (as \s sees
// space) that ends at or before end, counting back.
func wordsBack(s string, end, n int) int {
	i := end
	for k := 0; k < n && i > 0; k++ {
		for i > 0 && isRegexpSpace(s[i-1]) {
			i--
		}
		for i > 0 && !isRegexpSpace(s[i-1]) {
			i--
		}
	}
	return i
}

// isRegexpSpace reports whether c is in the regular expressions' \s.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// reportedWords bounds a match of reportedBefore: a source name of up to
// six words, a description of up to two, the verb.
const reportedWords = 6 + 2 + 1

// namedBefore reports whether the word before offset a can end a source
// name or its description ("Xinhua", "the Journal", "news agency"), the
// only way reportedRe can match there. Most verbs of saying follow a
// pronoun or a lower-case noun, and the regular expression is not run.
func namedBefore(s string, a int) bool {
	j := a
	for j > 0 && isSpaceBefore(s, j) {
		j -= spaceWidth(s, j)
	}
	i := j
	for i > 0 && !isSpaceBefore(s, i) {
		i--
	}
	w := s[i:j]
	if k := strings.LastIndexAny(w, `"“”‘([«,;:`); k >= 0 {
		_, n := utf8.DecodeRuneInString(w[k:])
		w = w[k+n:] // "a,”Clinton said": the name after the marks
	}
	w = strings.TrimLeft(w, "'’")
	if w == "" {
		return false
	}
	if c := w[0]; c >= 'A' && c <= 'Z' || c >= 0x80 {
		return true
	}
	return sourceDescriptors[w] || w == "of" || w == "the" || w == "de" || w == "and" || w == "&"
}

// isSpaceBefore reports whether s has white space (ASCII or a no-break
// space) just before offset j; spaceWidth is its length in bytes.
func isSpaceBefore(s string, j int) bool { return spaceWidth(s, j) > 0 }

func spaceWidth(s string, j int) int {
	switch {
	case s[j-1] == ' ' || s[j-1] == '\t' || s[j-1] == '\n' || s[j-1] == '\r':
		return 1
	case j >= 2 && s[j-2] == 0xC2 && s[j-1] == 0xA0:
		return 2
	}
	return 0
}

// sourceDescriptors are the last words of reportedRe's descriptions.
var sourceDescriptors = words.Set(`agency newspaper daily broadcaster channel outlet website magazine television radio service`)

// matchesStartingAt runs re (anchored at its start) from each trigger of
// the pattern.
func matchesStartingAt(s string, ts []trigger, bit uint8, re *regexp.Regexp) [][]int {
	var out [][]int
	lastEnd := 0
	for _, t := range ts {
		if t.a < lastEnd || t.mask&bit == 0 {
			continue
		}
		if m := re.FindStringSubmatchIndex(s[t.a:min(len(s), t.a+attributionWindow)]); m != nil {
			out = append(out, shift(m, t.a))
			lastEnd = t.a + m[1]
		}
	}
	return out
}

// eachWord calls fn with the byte range of every run of ASCII letters.
func eachWord(s string, fn func(a, b int)) {
	for i := 0; i < len(s); {
		if !isASCIILetter(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isASCIILetter(s[j]) {
			j++
		}
		if i == 0 || s[i-1] < 0x80 {
			fn(i, j)
		}
		i = j
	}
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func shift(m []int, by int) []int {
	out := make([]int, len(m))
	for i, v := range m {
		out[i] = v
		if v >= 0 {
			out[i] = v + by
		}
	}
	return out
}

// IsMediaName reports whether a name is a news organisation, agency or
// platform ("The Washington Post", "NBC", "AP", "YouTube"): a source an
// article cites or a channel it quotes, rather than a party to the event.
func IsMediaName(name string) bool {
	if _, agency := wire.Lookup(name); agency {
		return true
	}
	lower := strings.ToLower(strings.TrimPrefix(name, "The "))
	if platforms[lower] || mediaWords[lower] {
		return true
	}
	words := strings.Fields(lower)
	for i, w := range words {
		// "Post", "Times", "Press" end a paper's name ("The Washington
		// Post"), "Daily" starts one; elsewhere they are other things
		// ("press secretary", "Times Square").
		last, first := i == len(words)-1 && len(words) > 1, i == 0 && len(words) > 1
		switch {
		case w == "agency":
			if i > 0 && (words[i-1] == "news" || words[i-1] == "press") {
				return true
			}
		case genericMediaWords[w]:
			if w == "daily" && first || w != "daily" && last {
				return true
			}
		case mediaWords[w]:
			return true
		}
	}
	return false
}

// platforms are the social networks and video sites statements are made on.
var platforms = words.Set(`facebook twitter x telegram instagram youtube tiktok linkedin weibo whatsapp threads bluesky reddit`)

// genericMediaWords are media words that also name other things ("press
// secretary", "the Times Square"): alone they do not make a name a medium.
var genericMediaWords = words.Set(`press daily post times agency radio`)

// mediaWords mark a "told X" as naming a news organisation.
var mediaWords = words.Set(`news times post journal tribune guardian telegraph herald cnn bbc nbc cbs abc fox msnbc
reuters ap afp politico axios bloomberg npr pbs sky press agency television radio magazine daily`)

// FindAttributions finds the sources a text credits, with their spans.
// orgs are the organisations the text names: a source "said" something
// only when it is one of them (otherwise it is a speaker, not a source).
func FindAttributions(s string, quotes []quotes.Quote, orgs map[string]bool) []Attribution {
	var out []Attribution
	var add func(kind, source, cue string, a, b int)
	add = func(kind, source, cue string, a, b int) {
		source = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(untilSentenceEnd(source), "'s"), "’s"))
		if source == "" || strings.EqualFold(source, "the") {
			return
		}
		// "according to NBC and the AP" credits two sources.
		if l, r, ok := strings.Cut(source, " and "); ok && isSourceName(l, orgs) && isSourceName(strings.TrimPrefix(r, "the "), orgs) {
			add(kind, l, cue, a, b)
			add(kind, strings.TrimPrefix(r, "the "), cue, a, b)
			return
		}
		for _, x := range out {
			if x.Span.Start < b && a < x.Span.End && x.Source == source {
				return
			}
		}
		out = append(out, Attribution{Kind: kind, Source: source, Cue: cue, Span: text.Span{Start: a, End: b}, Quote: quoteAt(quotes, a)})
	}
	ts := findTriggers(s)
	for _, m := range matchesStartingAt(s, ts, byAccording, accordingAt) {
		add("cites", trimSourceTail(s[m[2]:m[3]]), "according to", m[0], m[1])
	}
	for _, m := range matchesEndingAt(s, ts, byReport, reportedBefore, reportedWords, namedBefore) {
		src := trimSourceTail(s[m[2]:m[3]])
		described := strings.TrimSpace(s[m[3]:m[4]]) != ""
		if !described && !orgs[strings.ToLower(strings.TrimPrefix(src, "the "))] && !looksLikeOrg(src) {
			continue // "Rubio said" is a quote, not a cited source
		}
		add("cites", src, s[m[4]:m[5]], m[0], m[1])
	}
	for _, m := range matchesStartingAt(s, ts, byPublish, publishedAt) {
		add("cites", s[m[2]:m[3]], "published", m[0], m[1])
	}
	for _, m := range matchesStartingAt(s, ts, byChannel, channelAt) {
		add("channel", s[m[4]:m[5]], s[m[2]:m[3]]+" on", m[0], m[1])
	}
	for _, m := range matchesStartingAt(s, ts, byTold, toldAt) {
		src := s[m[2]:m[3]]
		for _, w := range strings.Fields(strings.ToLower(src)) {
			if mediaWords[w] {
				add("channel", trimSourceTail(src), "told", m[0], m[1])
				break
			}
		}
	}
	sortAttributions(out)
	return out
}

// untilSentenceEnd cuts a source name where its sentence ends: "the AP.
// Christie" is "the AP". A word ending in a period ends the sentence
// unless it is an abbreviation with periods inside ("U.S.") or an initial.
func untilSentenceEnd(s string) string {
	f := strings.Fields(s)
	for i, w := range f {
		if !strings.HasSuffix(w, ".") {
			continue
		}
		if inner := strings.TrimSuffix(w, "."); strings.Contains(inner, ".") || len([]rune(inner)) == 1 {
			continue
		}
		f[i] = strings.TrimSuffix(w, ".")
		return strings.Join(f[:i+1], " ")
	}
	return strings.Join(f, " ")
}

// isSourceName reports whether s names an organisation the text names, an
// acronym or a news agency: one side of "NBC and the AP".
func isSourceName(s string, orgs map[string]bool) bool {
	_, agency := wire.Lookup(s)
	return agency || orgs[strings.ToLower(s)] || isAcronym(s) && len(s) >= 2
}

// trimSourceTail drops words that end a source name without being part
// of it ("Wall Street Journal report" → "Wall Street Journal").
func trimSourceTail(s string) string {
	f := strings.Fields(s)
	for len(f) > 0 {
		last := strings.ToLower(f[len(f)-1])
		if last == "of" || last == "the" || last == "and" || last == "&" || last == "de" {
			f = f[:len(f)-1]
			continue
		}
		break
	}
	return strings.Join(f, " ")
}

// looksLikeOrg: an all-caps acronym or a name with a news word.
func looksLikeOrg(s string) bool {
	if isAcronym(s) && len(s) >= 2 {
		return true
	}
	return mediaWords[strings.ToLower(s)]
}

func quoteAt(qs []quotes.Quote, pos int) int {
	for i, q := range qs {
		if pos >= q.Span.Start-200 && pos <= q.Span.End+200 {
			if q.Cue.Len() > 0 && pos >= q.Cue.Start-60 && pos <= q.Cue.End+120 {
				return i
			}
		}
	}
	return -1
}

func sortAttributions(as []Attribution) {
	for i := 1; i < len(as); i++ {
		for j := i; j > 0 && as[j].Span.Start < as[j-1].Span.Start; j-- {
			as[j], as[j-1] = as[j-1], as[j]
		}
	}
}
