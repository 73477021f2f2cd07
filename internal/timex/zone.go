// Package timex reads the dates and times that news pages print ("01 Dec
// 2025 08:34 AM (IST)", "Nov. 30, 2025 7:15 p.m. ET", "2025-11-30T21:00Z")
// and normalises them to UTC, keeping the precision and the zone they were
// written in.
package timex

import (
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // zone rules ship in the binary: no dependency on the host
)

// zoneRule is what a zone abbreviation means: a fixed offset, or a location
// whose daylight-saving rules decide the offset on the day.
type zoneRule struct {
	offset   int    // seconds east of UTC, used when location is empty
	location string // IANA name, e.g. "America/New_York"
}

// zoneAbbrevs maps abbreviations seen in datelines and bylines to zones.
// Ambiguous ones (IST, CST, BST, AST) carry their most common news reading;
// ZoneFor lets a country hint pick another.
var zoneAbbrevs = map[string]zoneRule{
	"UTC": {0, ""}, "GMT": {0, ""}, "Z": {0, ""}, "UT": {0, ""},
	"IST":  {19800, ""}, // India; Ireland and Israel via hint
	"PKT":  {18000, ""},
	"NPT":  {20700, ""},
	"BST":  {3600, ""}, // British Summer Time; Bangladesh via hint
	"WET":  {0, ""},
	"WEST": {3600, ""},
	"CET":  {3600, ""},
	"CEST": {7200, ""},
	"EET":  {7200, ""},
	"EEST": {10800, ""},
	"MSK":  {10800, ""},
	"TRT":  {10800, ""},
	"GST":  {14400, ""},
	"AST":  {10800, ""}, // Arabia; Atlantic via hint
	"EAT":  {10800, ""},
	"WAT":  {3600, ""},
	"CAT":  {7200, ""},
	"SAST": {7200, ""},
	"ICT":  {25200, ""},
	"WIB":  {25200, ""},
	"SGT":  {28800, ""},
	"HKT":  {28800, ""},
	"PHT":  {28800, ""},
	"AWST": {28800, ""},
	"JST":  {32400, ""},
	"KST":  {32400, ""},
	"ACST": {34200, ""},
	"AEST": {36000, ""},
	"AEDT": {39600, ""},
	"NZST": {43200, ""},
	"NZDT": {46800, ""},
	"HST":  {-36000, ""},
	"AKST": {-32400, ""},
	"AKDT": {-28800, ""},
	"PST":  {-28800, ""},
	"PDT":  {-25200, ""},
	"MST":  {-25200, ""},
	"MDT":  {-21600, ""},
	"CST":  {-21600, ""}, // US Central; China via hint
	"CDT":  {-18000, ""},
	"EST":  {-18000, ""},
	"EDT":  {-14400, ""},
	"ET":   {0, "America/New_York"},
	"CT":   {0, "America/Chicago"},
	"MT":   {0, "America/Denver"},
	"PT":   {0, "America/Los_Angeles"},
}

// hintedZones overrides an ambiguous abbreviation for a country (ISO 3166
// alpha-2) known from the article's context.
var hintedZones = map[string]map[string]zoneRule{
	"IST": {"IE": {0, "Europe/Dublin"}, "IL": {7200, ""}},
	"BST": {"BD": {21600, ""}},
	"CST": {"CN": {28800, ""}, "TW": {28800, ""}},
	"AST": {"CA": {-14400, ""}, "PR": {-14400, ""}},
}

// ZoneFor returns the UTC offset in seconds that abbreviation abbr had at
// the wall-clock time t, and whether abbr is known. country, if not empty,
// disambiguates abbreviations such as IST.
func ZoneFor(abbr string, t time.Time, country string) (int, bool) {
	abbr = strings.ToUpper(strings.Trim(abbr, "() .[]"))
	if off, ok := parseOffset(abbr); ok {
		return off, true
	}
	rule, ok := zoneAbbrevs[abbr]
	if h, found := hintedZones[abbr][strings.ToUpper(country)]; found {
		rule, ok = h, true
	}
	if !ok {
		return 0, false
	}
	if rule.location == "" {
		return rule.offset, true
	}
	loc, err := time.LoadLocation(rule.location)
	if err != nil {
		return 0, false
	}
	local := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc)
	_, off := local.Zone()
	return off, true
}

// parseOffset reads "+05:30", "+0530", "-04", "GMT+3", "UTC-05:00".
func parseOffset(s string) (int, bool) {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "GMT"), "UTC")
	s = strings.ReplaceAll(strings.TrimSpace(s), "\u2212", "-")
	if len(s) < 2 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	sign := 1
	if s[0] != '+' {
		sign = -1
	}
	digits := strings.ReplaceAll(strings.TrimLeft(s, "+-"), ":", "")
	var h, m int
	var err error
	switch len(digits) {
	case 1, 2:
		h, err = strconv.Atoi(digits)
	case 3, 4:
		h, err = strconv.Atoi(digits[:len(digits)-2])
		if err == nil {
			m, err = strconv.Atoi(digits[len(digits)-2:])
		}
	default:
		return 0, false
	}
	if err != nil || h > 14 || m > 59 {
		return 0, false
	}
	return sign * (h*3600 + m*60), true
}

// IsZoneAbbrev reports whether s names a zone this package understands.
func IsZoneAbbrev(s string) bool {
	_, ok := ZoneFor(s, time.Now(), "")
	return ok
}
