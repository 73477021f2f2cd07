package ingest

import (
	"regexp"
	"strings"

	"github.com/parallax-news/parallax/internal/wire"
)

// sitePatterns find a publication naming itself in page text: copyright
// lines, syndication notices, "Add X as a preferred source", "X staff".
// Each pattern's first group is the name.
var sitePatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?i:no editing has been done in the copy by|not been edited by|has been edited by|first (?:appeared|published) (?:on|in)|originally (?:appeared|published) (?:on|in))\s+((?:[A-Z0-9][\w&'.-]*\s?){1,4}?)(?:\s+(?i:staff|team|editors?|desk))?[.)\n,]`),
	regexp.MustCompile(`(?:©|\([cC]\)|(?i:copyright))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*((?:[A-Z0-9][\w&'.-]*\s?){1,4}?)\s*(?:[.,|]|\n|$|(?i:all rights))`),
	regexp.MustCompile(`(?i:add|set|make)\s+((?:[A-Z0-9][\w&'.-]*\s?){1,4}?)\s+(?i:as (?:a |your )?(?:preferred|trusted) source)`),
}

// notSiteNames are words the patterns may catch that are not publications.
var notSiteNames = map[string]bool{
	"the": true, "this": true, "all": true, "google": true, "reuters": false,
	"it": true, "our": true, "we": true, "us": true, "you": true,
}

// siteKeywords gate the patterns: a line holds a site name only if it has
// one of these (lower-cased) words, which is cheap to test.
var siteKeywords = []string{"edit", "appeared", "published", "©", "(c)", "copyright", "preferred", "trusted"}

// OutletFromText returns a publication name the text gives for itself, or "".
// Only short lines are read: self-references sit in notices, not in prose.
func OutletFromText(raw string) string {
	for len(raw) > 0 {
		line := raw
		if i := strings.IndexByte(raw, '\n'); i >= 0 {
			line, raw = raw[:i+1], raw[i+1:]
		} else {
			raw = ""
		}
		if len(line) > 600 || !hasKeyword(strings.ToLower(line)) {
			continue
		}
		if name := siteName(line); name != "" {
			return name
		}
	}
	return ""
}

func hasKeyword(lower string) bool {
	for _, k := range siteKeywords {
		if strings.Contains(lower, k) {
			return true
		}
	}
	return false
}

func siteName(line string) string {
	for _, re := range sitePatterns {
		for _, m := range re.FindAllStringSubmatch(line, -1) {
			name := strings.TrimSpace(strings.Trim(m[1], " .,"))
			if name == "" || notSiteNames[strings.ToLower(name)] || len(name) > 40 {
				continue
			}
			if _, isAgency := wire.Lookup(name); isAgency {
				continue // a wire agency's copyright names the source, not the outlet
			}
			return name
		}
	}
	return ""
}
