package text

import (
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
