package text

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestOffsetsRoundTrip(t *testing.T) {
	for _, s := range []string{
		"plain ASCII text",
		"हिन्दी मराठी and English",
		"Київ, 30 листопада — «переговори»",
		"emoji 👍🏽 inside 🇺🇦 flags",
		"",
	} {
		o := NewOffsets(s)
		if got := o.RuneLen(); got != utf8.RuneCountInString(s) {
			t.Errorf("%q: RuneLen %d, want %d", s, got, utf8.RuneCountInString(s))
		}
		runes := []rune(s)
		for b := range s {
			r := o.Rune(b)
			if string(runes[:r]) != s[:b] {
				t.Fatalf("%q: byte %d -> rune %d disagrees", s, b, r)
			}
			if o.Byte(r) != b {
				t.Fatalf("%q: rune %d -> byte %d, want %d", s, r, o.Byte(r), b)
			}
		}
		if o.Rune(len(s)) != len(runes) || o.Byte(len(runes)) != len(s) {
			t.Errorf("%q: end offsets wrong", s)
		}
	}
}

func TestCiterSlicesExactly(t *testing.T) {
	text := "Київ: «Мир» 👍 peace"
	raw := "menu हिन्दी\n" + text
	c := NewCiter("a1", text, raw)
	start := len("Київ: ")
	end := start + len("«Мир»")
	j := c.Span(Span{Start: start, End: end})
	if got := string([]rune(text)[j.Start:j.End]); got != j.Text || j.Text != "«Мир»" {
		t.Errorf("text span %+v slices %q", j, got)
	}
	r := c.Span(Span{Start: 5, End: len("menu हिन्दी"), InRaw: true})
	if got := string([]rune(raw)[r.Start:r.End]); got != r.Text || r.In != "raw" || r.Text != "हिन्दी" {
		t.Errorf("raw span %+v slices %q", r, got)
	}
}

func TestTrim(t *testing.T) {
	s := "  \u00a0hello world\t\n"
	got := Trim(s, Span{Start: 0, End: len(s)})
	if got.Of(s) != "hello world" {
		t.Errorf("Trim = %q", got.Of(s))
	}
}

// The checkpoints must give what a table of every byte gives, invalid
// UTF-8 included, on strings longer than the distance between them.
func TestOffsetsAgreeWithATable(t *testing.T) {
	pieces := []string{"a", "é", "हि", "👍🏽", "\xff", "\xe2\x82", " ", "Київ"}
	r := rand.New(rand.NewSource(5))
	for trial := 0; trial < 50; trial++ {
		var sb strings.Builder
		for n := r.Intn(400); n > 0; n-- {
			sb.WriteString(pieces[r.Intn(len(pieces))])
		}
		s := sb.String()
		// the table: code-point index of each byte, byte of each index
		runeAt := make([]int, len(s)+1)
		var byteAt []int
		c := 0
		for i := 0; i < len(s); {
			_, n := utf8.DecodeRuneInString(s[i:])
			for k := 0; k < n; k++ {
				runeAt[i+k] = c
			}
			byteAt = append(byteAt, i)
			i += n
			c++
		}
		runeAt[len(s)] = c
		byteAt = append(byteAt, len(s))
		o := NewOffsets(s)
		for b := -1; b <= len(s)+1; b++ {
			want := runeAt[min(max(b, 0), len(s))]
			if b < 0 {
				want = 0
			}
			if got := o.Rune(b); got != want {
				t.Fatalf("%q: Rune(%d) = %d, want %d", s, b, got, want)
			}
		}
		for k := -1; k <= c+1; k++ {
			want := byteAt[min(max(k, 0), c)]
			if got := o.Byte(k); got != want {
				t.Fatalf("%q: Byte(%d) = %d, want %d", s, k, got, want)
			}
		}
	}
}
