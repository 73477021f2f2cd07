package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The patterns below recognise page chrome by its wording, the same way on
// every site. Each is tried on one line (or one "|"-separated part of it).
var (
	syndicationRe = regexp.MustCompile(`(?i)(syndicat(?:e|ed|ion)\b.{0,60}\b(?:feed|wire|copy|service)|auto-?generated\b.{0,40}\bfeed|\bwire feed\b|\bagency feed\b|\b(?:no|without) edit(?:ing|s)?\b.{0,30}\b(?:done|made)\b|\bha(?:s|ve) not been edited\b|\bwas not edited\b|\bunedited\b|published from a (?:syndicated|wire|news agency) feed|\b(?:except|apart) (?:for|from) the headline|sourced (?:directly )?from (?:a |the )?(?:wire|news agency|agency))`)
	verbatimRe    = regexp.MustCompile(`(?i)\b(?:no edit(?:ing|s)?|not been edited|was not edited|unedited|without edit)`)
	copyrightRe   = guarded{regexp.MustCompile(`(?i)^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b`), []string{"©", "(c)", "copyright", "all rights reserved"}}
	tagsRe        = regexp.MustCompile(`(?i)^(?:tags?|topics?|filed under|keywords?|related topics|more about|more on|categories|category|also tagged)\s*[:|–-]\s*(.+)$`)
	adRe          = regexp.MustCompile(`(?i)^(?:advertisement|advertisment|advert|ad|sponsored(?: content)?|story continues below(?: this)?(?: ad(?:vertisement)?)?|scroll (?:down )?to continue(?: reading)?(?: with content)?|continue reading(?: below| the main story)?|skip (?:to (?:main )?content|ad)|article continues (?:below|after (?:this )?(?:ad|advertisement)))\W*$`)
	teaserRe      = regexp.MustCompile(`(?i)^(?:most read|most popular|most viewed|explore further|further reading|more stories|recommended reading|top headlines|also read|read also|read more|more:|see also|related(?: stories| news| articles?| coverage| content| topics)?|explore more(?: on (?:these|this) topics?)?|more on (?:this|these) (?:story|stories|topics?)|recommended(?: stories| for you)?|you may also like|you might also like|trending(?: now| stories)?|must read|don'?t miss|watch(?: video)?|also watch|top stories|latest news|more from [\w ]{1,30}|read the (?:rest|full (?:story|article))(?: here)?|click here to read more|read next|up next|popular now|most read)\b\s*(?:[:|–—-]|$|\.)`)
	promoRe       = regexp.MustCompile(`(?i)^(?:(?:follow|join) (?:us|[\w.'’]+(?: [\w.'’]+){0,6}) on\b|follow (?:[\w.'’]+ )?(?:full |latest )?coverage|(?:reach|email|contact) (?:the )?(?:reporters?|writers?|authors?|editors?|us)\b|like this (?:story|article)\b|if you (?:enjoyed|liked|like|value|appreciate)\b|you must (?:log|sign) in\b|thanks? (?:you )?for (?:signing up|subscribing|registering)|error processing your (?:subscription|request)|keep an eye on your inbox|[\w'’ ]{1,30} newsletter$|.{0,60}\bby clicking here\b|subscribe\b|sign up\b|get (?:our|the) (?:latest|best|top|free)\b|get the .{0,40}\b(?:app|newsletter|alerts?)\b|download (?:the|our)\b|click here\b|tap here\b|get the latest\b|catch (?:all )?the latest\b|for (?:more|the latest) (?:news|updates|stories)|stay (?:updated|informed|connected)\b|don'?t miss out|newsletter\b|enter your email|like us on facebook|have a (?:news )?tip\??|send us (?:a|your) tip|we'?re on whatsapp|add .{1,40} as (?:a |your )?(?:preferred|trusted) source|save (?:this |articles?\b|for later)|read later\b|sign in\b|log in\b|create (?:a free |an |your )?account|if you (?:notice|see|find|spot) (?:an? )?(?:error|mistake|typo)|press ctrl|catch all the\b|for all the latest\b|report an? (?:error|correction)|share (?:this|your) (?:story|article|thoughts))`)
	contributedRe = guarded{regexp.MustCompile(`(?i)\bcontributed (?:reporting|to (?:this|the) (?:report|story|article))\b|\b(?:reporting|writing) (?:by|from) [A-Z]`), []string{"contributed ", "reporting ", "writing "}}
	readingTimeRe = regexp.MustCompile(`(?i)^(?:reading time|read time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|tempo di lettura|время чтения|czas czytania)\s*:?\s*\d+\s*\p{L}*\.?$`)
	contactRe     = regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.]+|https?://\S+|(?:^|\s)@\w{2,}|\b(?:twitter|facebook|instagram)\.com/\S+`)
	shortcodeRe   = regexp.MustCompile(`^\[[a-z_]+(?:\s[^\]]*)?\].*\[/[a-z_]+\]$`)
	creditLineRe  = regexp.MustCompile(`(?i)^\(?\s*(?:(?:with )?inputs? from|(?:additional )?reporting by|writing by|editing by|edited by|compiled by|produced by|translated by|translation by|contributed by|(?:with|from) (?:agency reports|agencies|wires))\b.*$`)
	captionLabel  = regexp.MustCompile(`(?i)^(?:image caption|caption|photo caption|file photo|file image|file picture)\s*[,:]\s*`)
	// A credit label late in a caption: "… on Sunday. Photograph: Pedro Nunes/Reuters".
	labelAtEndRe  = regexp.MustCompile(`[\s(]((?i:photograph|photo|picture|image|pic|photo credit|image credit|credit))\s*:\s*([^:()]{2,80})\)?\s*$`)
	creditParenRe = regexp.MustCompile(`\(\s*((?i:photos?|images?|pictures?|pics?|photographs?|graphics?|videos?|file photo|file image|credits?|courtesy)(?:\s+(?i:credits?|by|courtesy|source))?)\s*[:\-–]?\s*([^()]{1,100})\)`)
	creditLineLbl = regexp.MustCompile(`^((?i:photos?|images?|pictures?|pics?|photographs?|graphics?|photo credits?|image credits?|credits?|courtesy|image source|photo source|picture source))(?:\s+(?i:credits?|by))?\s*[:,\-–]\s*(.{1,120})$`)
	sourceLineRe  = regexp.MustCompile(`(?i)^sources?\s*:\s*\S.{0,80}$`)
	pipeCreditRe  = regexp.MustCompile(`\|\s*((?i:photo credit|image credit|credit|photo|image|picture|pic))\s*:\s*(.{1,100})$`)
	slashCreditRe = regexp.MustCompile(`(?:^|[.:;]\s+|\(|\s)((?:\p{Lu}[\p{L}.'-]*(?:\s+via\s+|\s*/\s*|\s+)){1,7}\p{Lu}[\p{L}.'-]*)\)?\s*$`)
	bylineStartRe = regexp.MustCompile(`^(?i:by|written by|reported by|posted by|post by|story by|words by|authors?|edited by|compiled by|text by|reporter)\s*[:\-–]?\s*`)
	timeLabelRe   = regexp.MustCompile(`(?i)^(?:(first\s+)?(published|updated|last\s+updated|last\s+modified|modified|posted|created|uploaded|released|dated|date|edited|on))\b(?:\s+(?:at|on))?\s*[:\-–|,]?\s*`)
	timeOnlyRe    = regexp.MustCompile(`(?i)^(?:updated|published|posted|last updated|modified)(?: at| on)?:?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?\s*(?:\(?[a-z]{2,4}\)?)?\.?$`)
	// A credit in brackets closing a caption glued to the next paragraph:
	// "… 18 years after the invasion [File: Reuters] Two service members…".
	bracketCreditRe = guarded{regexp.MustCompile(`^(.{10,400}?)\s*\[((?:File|Photo|Image|Picture)?(?:\s*photo)?:?\s*[^\[\]]{2,60})\]\s+\p{Lu}`), []string{"["}}
	representRe     = regexp.MustCompile(`(?i)^\(?\s*(?:representational|representative|file|symbolic|illustrative)\s+(?:image|photo|picture|pic)\s*\)?\.?$`)
)

// newsletterWords mark newsletter and subscription prompts when two of
// them appear in one short line.
var newsletterWords = []string{"newsletter", "subscrib", "sign up", "inbox", "delivered", "free daily", "sign-up", "membership"}

// isNewsletterPrompt reports whether s is a short plea to subscribe.
func isNewsletterPrompt(s string) bool {
	if len(words(s)) > 45 {
		return false
	}
	lower := strings.ToLower(s)
	hits := 0
	for _, w := range newsletterWords {
		if strings.Contains(lower, w) {
			hits++
		}
	}
	return hits >= 2
}

// isContactLine reports whether s is an author's contact details: e-mail
// addresses, links and handles with at most a few other words.
func isContactLine(s string) bool {
	n := len(words(s))
	if n > 14 || isProse(s) && n > 8 {
		return false
	}
	found := contactRe.FindAllStringIndex(s, -1)
	if len(found) == 0 {
		return false
	}
	covered := 0
	for _, m := range found {
		covered += m[1] - m[0]
	}
	return covered*3 >= len(s) || n <= 6
}

// widgetWords are the words of share bars and reading widgets. A short line
// made only of them is chrome.
var widgetWords = toSet(`share shares shared sharing tweet email e-mail mail print copy link copied url whatsapp
facebook twitter x linkedin telegram reddit pinterest messenger threads bluesky instagram youtube save saved
bookmark bookmarks comment comments listen audio play pause follow us on google news subscribe subscribed
preferred source sources font size text a- a+ aa reading mode gift article this story post via zoom more read
min mins minute minutes to the our app apps download notifications notification alerts alert
| · • - – — / : more`)

// navWords start breadcrumbs ("Home > World", "HomeNewsWorld").
var navWords = toSet(`home homepage start main news latest index front frontpage`)

// sectionNames are the section names sites put in breadcrumbs. A glued
// breadcrumb whose last crumb continues into one of them ends after it
// ("HomeMarketsStock Markets Sensex…" → crumbs end after "Stock Markets").
var sectionNames = toSet(`markets stock_markets business economy companies industry money personal_finance
mutual_funds world news india us uk europe asia africa americas middle_east politics elections opinion
sports sport cricket football tennis entertainment bollywood hollywood movies music tv television
technology tech science health lifestyle culture arts books travel food education jobs careers cities
city local national nation international latest breaking_news trending video videos photos gallery
auto autos gadgets mobile climate environment weather crime real_estate startups analysis explainers
fact_check features interviews web_stories religion astrology`)

// isWidget reports whether a short line consists only of widget words and
// counts ("Share Facebook Twitter", "5 min read", "Preferred Sources").
func isWidget(s string) bool {
	ws := words(s)
	if len(ws) == 0 || len(ws) > 8 {
		return false
	}
	for _, w := range ws {
		w = strings.ToLower(strings.Trim(w, `.,:;!?()[]"'`))
		if w == "" || isNumber(w) {
			continue
		}
		if !widgetWords[w] {
			return false
		}
	}
	return true
}

func isNumber(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '.' && r != ',' && r != 'k' && r != 'K' {
			return false
		}
	}
	return s != ""
}

// gluedBreadcrumb finds crumbs glued to each other and to the headline,
// as scraped menus lose their spacing: "HomeNewsWorld'Ukraine Talks…".
// It returns where the headline starts, or -1. The first token must split
// at lower-to-upper (or lower-to-quote) joins into at least three parts,
// or two when the first is a navigation word such as "Home".
func gluedBreadcrumb(s string) int {
	tokEnd := strings.IndexFunc(s, unicode.IsSpace)
	if tokEnd < 0 {
		tokEnd = len(s)
	}
	tok := s[:tokEnd]
	var cuts []int
	var prev rune
	for i, r := range tok {
		if i > 0 && unicode.IsLower(prev) && (unicode.IsUpper(r) || strings.ContainsRune(`'"‘“«`, r)) {
			cuts = append(cuts, i)
		}
		prev = r
	}
	if len(cuts) == 0 {
		return -1
	}
	first := tok[:cuts[0]]
	if !(len(cuts) >= 2 || navWords[strings.ToLower(first)]) {
		return -1
	}
	// Every crumb is a capitalised word; mixed-case brands have one join
	// and are not breadcrumbs ("YouTube", "DeSantis").
	for k := 0; k < len(cuts)-1; k++ {
		part := tok[cuts[k]:cuts[k+1]]
		if r, _ := utf8.DecodeRuneInString(part); !unicode.IsUpper(r) {
			return -1
		}
	}
	if r, _ := utf8.DecodeRuneInString(first); !unicode.IsUpper(r) {
		return -1
	}
	last := cuts[len(cuts)-1]
	// The last crumb may run on into a multi-word section name.
	ws := wordSpans(s[last:])
	for n := min(3, len(ws)); n >= 1; n-- {
		name := strings.ToLower(s[last : last+ws[n-1].end])
		if sectionNames[name] && n < len(ws) {
			return last + ws[n-1].end
		}
	}
	return last
}

// separatedBreadcrumb recognises "Home > World > Europe" and similar. It
// returns where a glued headline starts (the last crumb when it is long),
// len(s) when the whole line is crumbs, or -1.
func separatedBreadcrumb(s string) int {
	for _, sep := range []string{" > ", " » ", " › ", " / ", " → ", " | ", ">", "»", "›"} {
		parts := strings.Split(s, sep)
		if len(parts) < 2 {
			continue
		}
		first := strings.ToLower(strings.TrimSpace(parts[0]))
		strongSep := sep != " / " && sep != " | "
		if !navWords[first] && !(strongSep && len(parts) >= 3) {
			continue
		}
		for i, p := range parts[:len(parts)-1] {
			if n := len(words(p)); n == 0 || n > 4 || endsSentence(p) {
				return -1
			}
			_ = i
		}
		last := parts[len(parts)-1]
		if len(words(last)) >= 5 {
			return len(s) - len(last)
		}
		if len(words(last)) <= 4 {
			return len(s)
		}
	}
	return -1
}

// languageMenuPrefix returns where text starts after a language menu glued
// at the start of a line, or -1 when the line does not start with one.
func languageMenuPrefix(s string) int {
	if len(s) > 1200 {
		return -1
	}
	if isLanguageMenu(s) {
		return len(s)
	}
	if countScriptChanges(s[:min(len(s), 400)]) < 3 {
		return -1
	}
	// A menu glued to the next line's text: a multi-script run of short
	// pieces followed by a space and ordinary words.
	cut := strings.IndexFunc(s, unicode.IsSpace)
	for cut > 0 {
		if isLanguageMenu(s[:cut]) && len(scriptRuns(s[:cut])) >= 4 {
			return cut
		}
		next := strings.IndexFunc(s[cut+1:], unicode.IsSpace)
		if next < 0 {
			break
		}
		cut += 1 + next
	}
	return -1
}

// nameLike reports whether s reads as a list of names (a byline value):
// short, capitalised words and connectors, no sentence ending.
func nameLike(s string) bool {
	ws := words(s)
	if len(ws) == 0 || len(ws) > 12 {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(s); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	for _, w := range ws {
		lw := strings.ToLower(strings.Trim(w, ",;"))
		if lw == "and" || lw == "&" || lw == "with" || smallWords[lw] || lw == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !strings.HasPrefix(lw, "al-") && !strings.HasPrefix(lw, "el-") {
			return false
		}
	}
	return !strings.HasSuffix(strings.TrimSpace(s), ".") || len(ws) <= 4
}

// splitParts splits a chrome line on the separators sites put between
// byline, date and reading time.
func splitParts(s string) []partRange {
	var out []partRange
	start := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '|' || r == '•' || r == '·' {
			out = append(out, partRange{start, i})
			start = i + n
		} else if strings.HasPrefix(s[i:], " / ") {
			out = append(out, partRange{start, i})
			start, n = i+3, 3
		}
		i += n
	}
	out = append(out, partRange{start, len(s)})
	var trimmed []partRange
	for _, p := range out {
		seg := s[p.start:p.end]
		lead := len(seg) - len(strings.TrimLeftFunc(seg, unicode.IsSpace))
		t := strings.TrimSpace(seg)
		if t != "" {
			trimmed = append(trimmed, partRange{p.start + lead, p.start + lead + len(t)})
		}
	}
	return trimmed
}

type partRange struct{ start, end int }

// countScriptChanges counts switches between scripts, a cheap test before
// looking for a menu.
func countScriptChanges(s string) int {
	changes, last := 0, -1
	for _, r := range s {
		if sc := scriptOf(r); sc >= 0 {
			if last >= 0 && sc != last {
				changes++
			}
			last = sc
		}
	}
	return changes
}
