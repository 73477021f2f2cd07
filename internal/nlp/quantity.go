package nlp

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/words"
)

// Quantity is a number the text states: a count, a duration, a sum of
// money or a percentage, normalised.
type Quantity struct {
	Span   text.Span `json:"span"`
	Text   string    `json:"text"`
	Kind   string    `json:"kind"` // count, duration, money, percent
	Value  float64   `json:"value"`
	Unit   string    `json:"unit,omitempty"` // hour, day, USD, EUR, the counted noun…
	Approx bool      `json:"approx,omitempty"`
}

const numberPat = `(?:\d[\d,]*(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a dozen|dozens|hundreds|thousands|millions|several)`
const scalePat = `(?:\s?(?:million|billion|trillion|thousand|bn|mn|crore|lakh))?`

var (
	moneyRe    = regexp.MustCompile(`(?i)(?:(US\$|\$|€|£|¥|₹|Rs\.?\s?|USD\s?|EUR\s?)(\d[\d,]*(?:\.\d+)?)` + scalePat + `|\b(\d[\d,]*(?:\.\d+)?)` + scalePat + `\s?(dollars|euros|pounds|rupees|yuan|roubles|rubles|hryvnias|yen)\b)`)
	percentRe  = regexp.MustCompile(`(?i)\b(\d[\d,]*(?:\.\d+)?)\s?(%|percent\b|per cent\b|percentage points?\b)`)
	durationRe = regexp.MustCompile(`(?i)\b(` + numberPat + `)(?:-plus)?[- ](second|minute|hour|day|week|month|year|decade)s?(?:-long)?\b`)
	countRe    = regexp.MustCompile(`(?i)\b(` + numberPat + scalePat + `)(?: of)?\s+((?:[a-z][a-z-]+\s){0,2}(?:[a-z][a-z-]*s|people|children|men|women|police|personnel|staff|troops|cattle))\b`)
)

var currencies = map[string]string{"$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "€": "EUR", "eur": "EUR", "euros": "EUR",
	"£": "GBP", "pounds": "GBP", "¥": "JPY", "yen": "JPY", "yuan": "CNY", "₹": "INR", "rs": "INR", "rs.": "INR", "rupees": "INR",
	"roubles": "RUB", "rubles": "RUB", "hryvnias": "UAH"}

// anchored compiles a pattern to match only at the start of its input.
func anchored(re *regexp.Regexp) *regexp.Regexp {
	return regexp.MustCompile(`^(?:` + re.String() + `)`)
}

var (
	moneyAt    = anchored(moneyRe)
	percentAt  = anchored(percentRe)
	durationAt = anchored(durationRe)
	countAt    = anchored(countRe)
)

// approxWords are the words that, before a number, make it approximate.
var approxWords = []string{"roughly", "about", "around", "nearly", "almost", "some", "approximately",
	"more than", "over", "at least", "up to", "fewer than", "less than", "under"}

// approximate reports whether before (the text just before a number)
// ends in one of approxWords and white space.
func approximate(before string) bool {
	t := strings.TrimRight(before, " \t\n\f\r")
	if len(t) == len(before) {
		return false
	}
	for _, w := range approxWords {
		if len(t) >= len(w) && strings.EqualFold(t[len(t)-len(w):], w) {
			return true
		}
	}
	return false
}

// quantityWindow is how far past its start a quantity may run.
const quantityWindow = 80

// FindQuantities finds the numbers a text states, with their kind and
// normalised value. Every quantity starts with a digit, a currency sign or
// a number word; the patterns are tried only there, which keeps the
// search linear in the text and fast on text with few numbers.
func FindQuantities(s string) []Quantity {
	var out []Quantity
	add := func(a, b int, q Quantity) {
		q.Span, q.Text = text.Span{Start: a, End: b}, s[a:b]
		q.Approx = approximate(s[max(0, a-20):a])
		out = append(out, q)
	}
	for pos := 0; pos < len(s); {
		if !quantityStart(s, pos) {
			pos++
			continue
		}
		w := s[pos:min(len(s), pos+quantityWindow)]
		if end, q, ok := quantityAt(w); ok {
			add(pos, pos+end, q)
			pos += end
			continue
		}
		pos++
	}
	return out
}

// quantityAt reads the quantity at the start of w, trying the kinds in
// order of specificity.
func quantityAt(w string) (int, Quantity, bool) {
	// Each pattern needs a word of its own somewhere in the window (a
	// currency, "%" or "per", a unit of time): skip those that cannot
	// match rather than run them at every number.
	lower := strings.ToLower(w)
	if couldBeMoney(lower) {
		if m := moneyAt.FindStringSubmatchIndex(w); m != nil {
			var num, cur string
			if m[2] >= 0 {
				cur, num = w[m[2]:m[3]], w[m[4]:m[5]]
			} else {
				num, cur = w[m[6]:m[7]], w[m[8]:m[9]]
			}
			v := parseNumber(num) * scaleOf(w[m[0]:m[1]])
			return m[1], Quantity{Kind: "money", Value: v, Unit: currencies[strings.ToLower(strings.TrimSpace(cur))]}, true
		}
	}
	if strings.Contains(lower, "%") || strings.Contains(lower, "per") {
		if m := percentAt.FindStringSubmatchIndex(w); m != nil {
			return m[1], Quantity{Kind: "percent", Value: parseNumber(w[m[2]:m[3]]), Unit: "%"}, true
		}
	}
	if containsAny(lower, timeUnits) {
		if m := durationAt.FindStringSubmatchIndex(w); m != nil {
			return m[1], Quantity{Kind: "duration", Value: numberWord(strings.ToLower(w[m[2]:m[3]])), Unit: strings.ToLower(w[m[4]:m[5]])}, true
		}
	}
	return countAtStart(w)
}

// timeUnits are the units durationRe counts in.
var timeUnits = []string{"second", "minute", "hour", "day", "week", "month", "year", "decade"}

// currencySigns start moneyRe's first form; currencyWords end its second.
var (
	currencySigns = []string{"us$", "$", "€", "£", "¥", "₹", "rs", "usd", "eur"}
	currencyWords = []string{"dollars", "euros", "pounds", "rupees", "yuan", "roubles", "rubles", "hryvnias", "yen"}
)

// couldBeMoney reports whether moneyRe can match at the start of a
// lower-cased window.
func couldBeMoney(lower string) bool {
	for _, c := range currencySigns {
		if strings.HasPrefix(lower, c) {
			return true
		}
	}
	return containsAny(lower, currencyWords)
}

// countAtStart reads a count ("1,200 people") at the start of w.
func countAtStart(w string) (int, Quantity, bool) {
	if m := countAt.FindStringSubmatchIndex(w); m != nil {
		noun := strings.ToLower(w[m[4]:m[5]])
		if isUnitWord(noun) || notNouns[lastWord(noun)] {
			return 0, Quantity{}, false
		}
		fields := strings.Fields(strings.ToLower(w[m[2]:m[3]]))
		first := fields[0]
		if first == "a" && len(fields) > 1 {
			first += " " + fields[1] // "a dozen" is twelve, not one
		}
		v := numberWord(first) * scaleOf(w[m[2]:m[3]])
		return m[1], Quantity{Kind: "count", Value: v, Unit: lastWord(noun)}, true
	}
	return 0, Quantity{}, false
}

// quantityStart reports whether a quantity may start at byte i: a digit
// or currency sign beginning a word, or a number word.
func quantityStart(s string, i int) bool {
	c := s[i]
	if i > 0 {
		if p := s[i-1]; p >= '0' && p <= '9' || p >= 'a' && p <= 'z' || p >= 'A' && p <= 'Z' || p == '.' || p == ',' || p == '$' {
			return false
		}
	}
	switch {
	case c >= '0' && c <= '9', c == '$':
		return true
	case c >= 0x80:
		return strings.HasPrefix(s[i:], "€") || strings.HasPrefix(s[i:], "£") || strings.HasPrefix(s[i:], "¥") || strings.HasPrefix(s[i:], "₹")
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		end := i
		for end < len(s) && (s[end] >= 'a' && s[end] <= 'z' || s[end] >= 'A' && s[end] <= 'Z') {
			end++
		}
		if end-i > 9 {
			return false // longer than any number word
		}
		var buf [9]byte
		w := buf[:end-i]
		for k := range w {
			w[k] = s[i+k] | 0x20 // ASCII letters to lower case
		}
		switch string(w) {
		case "a":
			// The patterns' only number phrase with "a" is "a dozen"; the
			// article is too common a word to try them all after it.
			return len(s) >= end+6 && strings.EqualFold(s[end:end+6], " dozen")
		case "us":
			return end < len(s) && s[end] == '$' // "US$"
		case "usd", "eur", "rs":
			return true
		}
		return numberStarts[string(w)]
	}
	return false
}

// numberStarts are the words a spelled-out quantity begins with.
var numberStarts = words.Set(`one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred a dozens
hundreds thousands millions several`)

// notNouns end in s without being plural nouns.
var notNouns = words.Set(`was is has does his this its us as yes thus across whereas perhaps unless always`)

func isUnitWord(noun string) bool {
	w := lastWord(noun)
	switch strings.TrimSuffix(w, "s") {
	case "second", "minute", "hour", "day", "week", "month", "year", "decade", "percent", "dollar", "euro", "pound", "time":
		return true
	}
	return false
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return s
	}
	return f[len(f)-1]
}

func scaleOf(s string) float64 {
	l := strings.ToLower(s)
	switch {
	case strings.Contains(l, "trillion"):
		return 1e12
	case strings.Contains(l, "billion") || strings.HasSuffix(l, "bn"):
		return 1e9
	case strings.Contains(l, "million") || strings.HasSuffix(l, "mn"):
		return 1e6
	case strings.Contains(l, "crore"):
		return 1e7
	case strings.Contains(l, "lakh"):
		return 1e5
	case strings.Contains(l, "thousand"):
		return 1e3
	}
	return 1
}

func parseNumber(s string) float64 {
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return numberWord(strings.ToLower(s))
	}
	return v
}

var numberWords = map[string]float64{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozens": 24, "hundreds": 200,
	"thousands": 2000, "millions": 2e6, "several": 3, "a few": 3,
	"a couple": 2, "a couple of": 2}

func numberWord(s string) float64 {
	if v, ok := numberWords[s]; ok {
		return v
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return 0
	}
	return v
}
