package timex

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// clockRe is a time of day: "7:19 p.m.", "7 pm", "7.30am", "19:19", with
// an optional zone after it ("7:19 p.m. ET", "14:02 (GMT)").
var clockRe = regexp.MustCompile(`(?i)\b((\d{1,2})(?:([:.])(\d{2}))?(?:\s*([ap])\.?\s?m\b\.?)?)(?:\s+\(?([a-z]{2,5}|[+-]\d{2}:?\d{2})\)?)?`)

// FindClock finds a time of day written without a date and places it on
// day (a date known from elsewhere, such as the article's publication
// date). A 24-hour time needs a colon and minutes ("19:19"); a 12-hour one
// its a.m. or p.m. A zone after it is read when it is one ("ET", "GMT",
// "+05:30"); without one the moment's zone is unknown.
func FindClock(s string, day time.Time) (Match, bool) {
	if day.IsZero() {
		return Match{}, false
	}
	group := func(m []int, k int) string {
		if m[2*k] < 0 {
			return ""
		}
		return s[m[2*k]:m[2*k+1]]
	}
	for _, m := range clockRe.FindAllStringSubmatchIndex(s, -1) {
		hour, _ := strconv.Atoi(group(m, 2))
		minute, _ := strconv.Atoi(group(m, 4))
		sep, ampm := group(m, 3), strings.ToLower(group(m, 5))
		switch {
		case ampm == "" && sep != ":", minute > 59, hour > 23, ampm != "" && (hour < 1 || hour > 12):
			continue
		case ampm == "p" && hour < 12:
			hour += 12
		case ampm == "a" && hour == 12:
			hour = 0
		}
		wall := time.Date(day.Year(), day.Month(), day.Day(), hour, minute, 0, 0, time.UTC)
		match := Match{Moment: Moment{UTC: wall, Precision: Minute}, Start: m[0], End: m[3]}
		if zone := group(m, 6); zone != "" {
			if off, ok := ZoneFor(zone, wall, ""); ok {
				match.Moment = Moment{UTC: wall.Add(-time.Duration(off) * time.Second), Offset: off, Zone: strings.ToUpper(zone), ZoneKnown: true, Precision: Minute}
				match.End = m[1]
			}
		}
		return match, true
	}
	return Match{}, false
}
