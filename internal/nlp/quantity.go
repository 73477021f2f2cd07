package nlp

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax/internal/text"
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
	approxRe   = regexp.MustCompile(`(?i)(?:roughly|about|around|nearly|almost|some|approximately|more than|over|at least|up to|fewer than|less than|under)\s+$`)
	moneyRe    = regexp.MustCompile(`(?i)(?:(US\$|\$|€|£|¥|₹|Rs\.?\s?|USD\s?|EUR\s?)(\d[\d,]*(?:\.\d+)?)` + scalePat + `|\b(\d[\d,]*(?:\.\d+)?)` + scalePat + `\s?(dollars|euros|pounds|rupees|yuan|roubles|rubles|hryvnias|yen)\b)`)
	percentRe  = regexp.MustCompile(`(?i)\b(\d[\d,]*(?:\.\d+)?)\s?(%|percent\b|per cent\b|percentage points?\b)`)
	durationRe = regexp.MustCompile(`(?i)\b(` + numberPat + `)(?:-plus)?[- ](second|minute|hour|day|week|month|year|decade)s?(?:-long)?\b`)
	countRe    = regexp.MustCompile(`(?i)\b(` + numberPat + scalePat + `)(?: of)?\s+((?:[a-z][a-z-]+\s){0,2}[a-z][a-z-]*s)\b`)
)

var currencies = map[string]string{"$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "€": "EUR", "eur": "EUR", "euros": "EUR",
	"£": "GBP", "pounds": "GBP", "¥": "JPY", "yen": "JPY", "yuan": "CNY", "₹": "INR", "rs": "INR", "rs.": "INR", "rupees": "INR",
	"roubles": "RUB", "rubles": "RUB", "hryvnias": "UAH"}

// FindQuantities finds the numbers a text states, with their kind and
// normalised value.
func FindQuantities(s string) []Quantity {
	var out []Quantity
	taken := func(a, b int) bool {
		for _, q := range out {
			if q.Span.Start < b && a < q.Span.End {
				return true
			}
		}
		return false
	}
	add := func(a, b int, q Quantity) {
		if taken(a, b) {
			return
		}
		q.Span, q.Text = text.Span{Start: a, End: b}, s[a:b]
		q.Approx = approxRe.MatchString(s[max(0, a-20):a])
		out = append(out, q)
	}
	for _, m := range moneyRe.FindAllStringSubmatchIndex(s, -1) {
		var num, cur string
		if m[2] >= 0 {
			cur, num = s[m[2]:m[3]], s[m[4]:m[5]]
		} else {
			num, cur = s[m[6]:m[7]], s[m[8]:m[9]]
		}
		v := parseNumber(num) * scaleOf(s[m[0]:m[1]])
		add(m[0], m[1], Quantity{Kind: "money", Value: v, Unit: currencies[strings.ToLower(strings.TrimSpace(cur))]})
	}
	for _, m := range percentRe.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], m[1], Quantity{Kind: "percent", Value: parseNumber(s[m[2]:m[3]]), Unit: "%"})
	}
	for _, m := range durationRe.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], m[1], Quantity{Kind: "duration", Value: numberWord(strings.ToLower(s[m[2]:m[3]])), Unit: strings.ToLower(s[m[4]:m[5]])})
	}
	for _, m := range countRe.FindAllStringSubmatchIndex(s, -1) {
		noun := strings.ToLower(s[m[4]:m[5]])
		if isUnitWord(noun) || notNouns[lastWord(noun)] {
			continue
		}
		v := numberWord(strings.ToLower(strings.Fields(s[m[2]:m[3]])[0])) * scaleOf(s[m[2]:m[3]])
		add(m[0], m[1], Quantity{Kind: "count", Value: v, Unit: lastWord(noun)})
	}
	sortQuantities(out)
	return out
}

// notNouns end in s without being plural nouns.
var notNouns = toSet(`was is has does his this its us as yes thus across whereas perhaps unless always`)

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
	"thousands": 2000, "millions": 2e6, "several": 3, "a few": 3}

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

func sortQuantities(qs []Quantity) {
	for i := 1; i < len(qs); i++ {
		for j := i; j > 0 && qs[j].Span.Start < qs[j-1].Span.Start; j-- {
			qs[j], qs[j-1] = qs[j-1], qs[j]
		}
	}
}
