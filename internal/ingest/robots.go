package ingest

import (
	"regexp"
	"strings"
	"time"
)

// robotsRules are the Allow/Disallow lines of the robots.txt group that
// applies to us (RFC 9309): our own group if there is one, else "*".
type robotsRules struct {
	rules   []robotsRule
	fetched time.Time // when robots.txt was read; rules are kept a day
}

type robotsRule struct {
	allow   bool
	pattern string
	re      *regexp.Regexp
}

func parseRobots(body, token string) *robotsRules {
	type group struct {
		agents []string
		rules  []robotsRule
	}
	var groups []*group
	var cur *group
	lastWasAgent := false
	for _, line := range strings.Split(body, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key, value = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(value)
		switch key {
		case "user-agent":
			if cur == nil || !lastWasAgent {
				cur = &group{}
				groups = append(groups, cur)
			}
			cur.agents = append(cur.agents, strings.ToLower(value))
			lastWasAgent = true
		case "allow", "disallow":
			lastWasAgent = false
			if cur == nil || value == "" && key == "disallow" {
				continue
			}
			cur.rules = append(cur.rules, robotsRule{allow: key == "allow", pattern: value, re: robotsPattern(value)})
		default:
			lastWasAgent = false
		}
	}
	var star, mine []robotsRule
	foundMine := false
	for _, g := range groups {
		for _, a := range g.agents {
			switch {
			case a == "*":
				star = append(star, g.rules...)
			case strings.Contains(token, a) || strings.Contains(a, token):
				mine = append(mine, g.rules...)
				foundMine = true
			}
		}
	}
	if foundMine {
		return &robotsRules{rules: mine}
	}
	return &robotsRules{rules: star}
}

// robotsPattern compiles a path pattern with * and a trailing $.
func robotsPattern(p string) *regexp.Regexp {
	anchored := strings.HasSuffix(p, "$")
	p = strings.TrimSuffix(p, "$")
	parts := strings.Split(p, "*")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	expr := "^" + strings.Join(parts, ".*")
	if anchored {
		expr += "$"
	}
	return regexp.MustCompile(expr)
}

// allows applies the longest matching rule; Allow wins a tie.
func (r *robotsRules) allows(path string) bool {
	best, allow := -1, true
	for _, rule := range r.rules {
		if !rule.re.MatchString(path) {
			continue
		}
		if n := len(rule.pattern); n > best || n == best && rule.allow {
			best, allow = n, rule.allow
		}
	}
	return allow
}
