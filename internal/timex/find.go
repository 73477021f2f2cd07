package timex

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Options guide the reading of a date.
type Options struct {
	// Country (ISO alpha-2) disambiguates zone abbreviations such as IST.
	Country string
	// Ref is a nearby known time, used to complete dates written without a
	// year ("Dec 1") with the year that puts them closest to Ref.
	Ref time.Time
}

// Match is a date or date-time found in a string.
type Match struct {
	Moment
	Start, End int // byte offsets of the whole expression
}

const monthAlt = `jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?`

var (
	// A weekday written before a date: "Sunday, 30 November 2025".
	weekdayBefore = regexp.MustCompile(`(?i)\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?,?\s+$`)
	// Dates with a year, in the orders news sites print.
	isoRe  = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?`)
	dmyRe  = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?((?i:` + monthAlt + `))\.?,?\s+(\d{4})\b`)
	mdyRe  = regexp.MustCompile(`\b((?i:` + monthAlt + `))\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	numRe  = regexp.MustCompile(`\b(\d{1,2})([./])(\d{1,2})([./])(\d{4})\b`)
	timeRe = regexp.MustCompile(`^\s*(?:,|at|@|\||-|–|—|/)?\s*(\d{1,2})(?:[:.](\d{2}))(?::(\d{2}))?\s*([AaPp]\.?\s?[Mm]\.?)?(?:\s*(?:hrs|hours|h)\b)?`)
	zoneRe = regexp.MustCompile(`^\s*\(?\s*((?:GMT|UTC)\s?[+\-−]\s?\d{1,2}(?::?\d{2})?|[+\-−]\d{2}:?\d{2}|[A-Z]{1,5})\s*\)?`)
	// A time that comes before its date: "08:34 AM IST, 01 Dec 2025".
	timeBeforeRe = regexp.MustCompile(`(\d{1,2})[:.](\d{2})\s*([AaPp]\.?\s?[Mm]\.?)?\s*(\(?\s*[A-Z]{2,5}\s*\)?)?\s*(?:,|on|\||-)?\s*$`)
	// Year-less dates in datelines: "Dec 1", "1 December". Capitalised month only.
	yearlessMDY = regexp.MustCompile(`\b((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b`)
	yearlessDMY = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*)\b`)
)

// MonthNumber returns 1–12 for an English month name or abbreviation, or 0.
func MonthNumber(name string) int {
	name = strings.ToLower(strings.TrimSuffix(name, "."))
	if len(name) < 3 {
		return 0
	}
	months := []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
	full := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	for i, m := range months {
		if strings.HasPrefix(name, m) && strings.HasPrefix(full[i], name) || name == "sept" && i == 8 {
			return i + 1
		}
	}
	return 0
}

// Find returns the first date or date-time in s, with the time and zone
// that follow or precede it when present.
func Find(s string, opt Options) (Match, bool) {
	all := FindAll(s, opt)
	if len(all) == 0 {
		return Match{}, false
	}
	return all[0], true
}

// FindAll returns every non-overlapping date or date-time in s, in order.
func FindAll(s string, opt Options) []Match {
	if !strings.ContainsAny(s, "0123456789") {
		return nil // every date form has a digit
	}
	var out []Match
	taken := func(a, b int) bool {
		for _, m := range out {
			if a < m.End && m.Start < b {
				return true
			}
		}
		return false
	}
	add := func(m Match, ok bool) {
		if ok && !taken(m.Start, m.End) {
			out = append(out, m)
		}
	}
	// The patterns with a year need four digits in a row, and most
	// sentences with a number have none: skip the regular expressions then.
	withYear := hasDigitRun(s, 4)
	// The word forms need a month name, the others their separators.
	withMonth := withYear && hasMonthName(s)
	for _, loc := range findAll(isoRe, s, withYear && strings.Contains(s, "-")) {
		add(readISO(s, loc, opt))
	}
	for _, loc := range findAll(dmyRe, s, withMonth) {
		add(readWithTime(s, loc[0], loc[1], atoi(s[loc[6]:loc[7]]), MonthNumber(s[loc[4]:loc[5]]), atoi(s[loc[2]:loc[3]]), opt))
	}
	for _, loc := range findAll(mdyRe, s, withMonth) {
		add(readWithTime(s, loc[0], loc[1], atoi(s[loc[6]:loc[7]]), MonthNumber(s[loc[2]:loc[3]]), atoi(s[loc[4]:loc[5]]), opt))
	}
	for _, loc := range findAll(numRe, s, withYear && strings.ContainsAny(s, "./")) {
		if s[loc[4]:loc[5]] != s[loc[8]:loc[9]] {
			continue // mixed separators are not a date
		}
		// Day first, as nearly everywhere outside the US; if the first
		// number cannot be a day-of-month pairing, swap.
		d, mo := atoi(s[loc[2]:loc[3]]), atoi(s[loc[6]:loc[7]])
		if mo > 12 && d <= 12 {
			d, mo = mo, d
		}
		add(readWithTime(s, loc[0], loc[1], atoi(s[loc[10]:loc[11]]), mo, d, opt))
	}
	if !opt.Ref.IsZero() && hasMonthAbbreviation(s) {
		for _, loc := range yearlessMDY.FindAllStringSubmatchIndex(s, -1) {
			add(readYearless(s, loc[0], loc[1], MonthNumber(s[loc[2]:loc[3]]), atoi(s[loc[4]:loc[5]]), opt))
		}
		for _, loc := range yearlessDMY.FindAllStringSubmatchIndex(s, -1) {
			add(readYearless(s, loc[0], loc[1], MonthNumber(s[loc[4]:loc[5]]), atoi(s[loc[2]:loc[3]]), opt))
		}
	}
	for i := range out {
		// Widen each match over a weekday written just before it.
		if loc := weekdayBefore.FindStringIndex(s[max(0, out[i].Start-12):out[i].Start]); loc != nil {
			out[i].Start = max(0, out[i].Start-12) + loc[0]
		}
	}
	sortMatches(out)
	return out
}

// findAll is re.FindAllStringSubmatchIndex(s, -1), or nothing when the
// caller knows re cannot match.
func findAll(re *regexp.Regexp, s string, possible bool) [][]int {
	if !possible {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, -1)
}

// hasDigitRun reports whether s has n ASCII digits in a row.
func hasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			if run++; run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// monthAbbreviations are what every year-less date pattern starts its
// month with.
var monthAbbreviations = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// hasMonthName reports whether s has the first three letters of a month
// in any case, as every month of monthAlt starts.
func hasMonthName(s string) bool { return containsAny(strings.ToLower(s), monthPrefixes) }

var monthPrefixes = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

func hasMonthAbbreviation(s string) bool { return containsAny(s, monthAbbreviations) }

// containsAny reports whether s contains one of the words.
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func sortMatches(ms []Match) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Start < ms[j-1].Start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func validDate(y, mo, d int) bool {
	if y < 1800 || y > 2200 || mo < 1 || mo > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func readISO(s string, loc []int, opt Options) (Match, bool) {
	y, mo, d := atoi(s[loc[2]:loc[3]]), atoi(s[loc[4]:loc[5]]), atoi(s[loc[6]:loc[7]])
	if !validDate(y, mo, d) {
		return Match{}, false
	}
	if loc[8] < 0 {
		return readWithTime(s, loc[0], loc[1], y, mo, d, opt)
	}
	h, mi := atoi(s[loc[8]:loc[9]]), atoi(s[loc[10]:loc[11]])
	sec, p := 0, Minute
	if loc[12] >= 0 {
		sec, p = atoi(s[loc[12]:loc[13]]), Second
	}
	wall := time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC)
	m := Match{Start: loc[0], End: loc[1], Moment: Moment{UTC: wall, Precision: p}}
	if loc[14] >= 0 {
		setZone(&m.Moment, s[loc[14]:loc[15]], opt)
		return m, true
	}
	if z, end, ok := zoneAfter(s, loc[1]); ok {
		setZone(&m.Moment, z, opt)
		m.End = end
	}
	return m, true
}

// readWithTime builds a match for a date at s[start:end], extending it with
// a time (and zone) written right after or right before it.
func readWithTime(s string, start, end, y, mo, d int, opt Options) (Match, bool) {
	if !validDate(y, mo, d) {
		return Match{}, false
	}
	m := Match{Start: start, End: end, Moment: Moment{UTC: time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), Precision: Day}}
	if t := timeRe.FindStringSubmatchIndex(s[end:]); t != nil {
		if h, mi, sec, p, ok := clock(s[end:], t); ok {
			m.UTC = m.UTC.Add(time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute + time.Duration(sec)*time.Second)
			m.Precision = p
			m.End = end + t[1]
			if z, zend, ok := zoneAfter(s, m.End); ok {
				setZone(&m.Moment, z, opt)
				m.End = zend
			}
			return m, true
		}
	}
	if t := timeBeforeRe.FindStringSubmatchIndex(s[:start]); t != nil {
		h, mi := atoi(s[t[2]:t[3]]), atoi(s[t[4]:t[5]])
		if t[6] >= 0 {
			h = meridiem(h, s[t[6]:t[7]])
		}
		if h < 24 && mi < 60 {
			m.UTC = m.UTC.Add(time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute)
			m.Precision = Minute
			m.Start = t[0]
			if t[8] >= 0 {
				setZone(&m.Moment, s[t[8]:t[9]], opt)
			}
		}
	}
	if m.Precision == Day {
		// "Dec 1, 2025 (IST)" is rare; a zone alone after a date is not read.
		return m, true
	}
	return m, true
}

func readYearless(s string, start, end, mo, d int, opt Options) (Match, bool) {
	if mo == 0 {
		return Match{}, false
	}
	best := 0
	for _, y := range []int{opt.Ref.Year() - 1, opt.Ref.Year(), opt.Ref.Year() + 1} {
		if !validDate(y, mo, d) {
			continue
		}
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if best == 0 || absDur(t.Sub(opt.Ref)) < absDur(time.Date(best, time.Month(mo), d, 0, 0, 0, 0, time.UTC).Sub(opt.Ref)) {
			best = y
		}
	}
	if best == 0 {
		return Match{}, false
	}
	return readWithTime(s, start, end, best, mo, d, opt)
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func clock(s string, t []int) (h, mi, sec int, p Precision, ok bool) {
	h, mi, p = atoi(s[t[2]:t[3]]), atoi(s[t[4]:t[5]]), Minute
	if t[6] >= 0 {
		sec, p = atoi(s[t[6]:t[7]]), Second
	}
	if t[8] >= 0 {
		h = meridiem(h, s[t[8]:t[9]])
	}
	return h, mi, sec, p, h < 24 && mi < 60 && sec < 60
}

func meridiem(h int, ampm string) int {
	pm := strings.ContainsAny(ampm[:1], "Pp")
	switch {
	case pm && h < 12:
		return h + 12
	case !pm && h == 12:
		return 0
	}
	return h
}

// zoneAfter reads a zone abbreviation or offset written at s[at:].
func zoneAfter(s string, at int) (string, int, bool) {
	z := zoneRe.FindStringSubmatchIndex(s[at:])
	if z == nil {
		return "", 0, false
	}
	name := s[at+z[2] : at+z[3]]
	if _, ok := ZoneFor(name, time.Time{}, ""); !ok {
		return "", 0, false
	}
	// A lone capital letter ("A", "I") is a word, not military time.
	if len(name) == 1 && name != "Z" {
		return "", 0, false
	}
	return name, at + z[1], true
}

// setZone turns the wall-clock reading in m into an instant in zone name.
func setZone(m *Moment, name string, opt Options) {
	name = strings.Trim(name, "() ")
	off, ok := ZoneFor(name, m.UTC, opt.Country)
	if !ok {
		return
	}
	m.UTC = m.UTC.Add(-time.Duration(off) * time.Second)
	m.Offset, m.Zone, m.ZoneKnown = off, name, true
}

// InZone returns m re-read as a wall clock in the zone with the given
// offset; used when a dateline or outlet supplies the zone a page omitted.
func InZone(m Moment, name string, offset int) Moment {
	if m.ZoneKnown || m.Precision <= Day {
		return m
	}
	m.UTC = m.UTC.Add(-time.Duration(offset) * time.Second)
	m.Offset, m.Zone, m.ZoneKnown = offset, name, true
	return m
}
