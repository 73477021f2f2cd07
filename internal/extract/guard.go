package extract

import "regexp"

// guarded is a regular expression with the words one of which every match
// contains: most lines hold none of them, and looking for a word is far
// cheaper than running an unanchored, case-folded expression over a line.
type guarded struct {
	re    *regexp.Regexp
	words []string // lower case; matched ignoring the case of ASCII letters
}

// MatchString reports whether s matches the expression.
func (g guarded) MatchString(s string) bool { return g.mayMatch(s) && g.re.MatchString(s) }

// FindStringSubmatchIndex is the expression's, nil when s holds none of
// the words.
func (g guarded) FindStringSubmatchIndex(s string) []int {
	if !g.mayMatch(s) {
		return nil
	}
	return g.re.FindStringSubmatchIndex(s)
}

func (g guarded) mayMatch(s string) bool {
	for _, w := range g.words {
		if containsFoldASCII(s, w) {
			return true
		}
	}
	return false
}

// containsFoldASCII reports whether s contains sub (lower case), ASCII
// letters compared without case.
func containsFoldASCII(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && lowerASCII(s[i+j]) == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}
