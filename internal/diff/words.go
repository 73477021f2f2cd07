// Package diff tells what changed between two texts: word by word for two
// wordings (a quote as two outlets give it), and sentence by sentence,
// with word diffs of the sentences edited, for two revisions of an
// article.
package diff

import (
	"strings"
	"unicode"
)

// Part is a run of words: "=" in both texts, "-" only in the first, "+"
// only in the second.
type Part struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// Norm is how words compare: without case and surrounding punctuation.
func Norm(w string) string {
	return strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
}

// lcsTable is the longest-common-subsequence table of two word lists.
func lcsTable(a, b []string) [][]int {
	t := make([][]int, len(a)+1)
	for i := range t {
		t[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	return t
}

// Common is the number of words two lists share in order.
func Common(a, b []string) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	return lcsTable(a, b)[0][0]
}

// Words diffs two wordings word by word. Words compare by Norm and are
// shown as the second wording writes them (or the first, for "-").
func Words(a, b []string) []Part {
	na, nb := make([]string, len(a)), make([]string, len(b))
	for i, w := range a {
		na[i] = Norm(w)
	}
	for i, w := range b {
		nb[i] = Norm(w)
	}
	t := lcsTable(na, nb)
	var out []Part
	push := func(op, w string) {
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += " " + w
			return
		}
		out = append(out, Part{Op: op, Text: w})
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case na[i] == nb[j]:
			push("=", b[j])
			i, j = i+1, j+1
		case t[i+1][j] >= t[i][j+1]:
			push("-", a[i])
			i++
		default:
			push("+", b[j])
			j++
		}
	}
	for ; i < len(a); i++ {
		push("-", a[i])
	}
	for ; j < len(b); j++ {
		push("+", b[j])
	}
	return out
}
