package text

import (
	"sort"
	"unicode/utf8"
)

// Offsets converts byte offsets of one string to Unicode code-point offsets
// and back. JSON output speaks code points (what Python and JavaScript index
// by); Go code speaks bytes. All conversions go through here.
//
// For text that is not ASCII it keeps a checkpoint every 64 bytes or so
// and decodes from the nearest one: a table per byte would cost eight
// bytes of memory for each byte of a long page.
type Offsets struct {
	s     string
	ascii bool
	// marks are checkpoints at character starts, in order: the byte
	// offset and the code-point index there.
	marks []mark
	runes int // the string's length in code points
}

type mark struct{ byte, rune int32 }

// markEvery is the least distance in bytes between two checkpoints.
const markEvery = 64

// NewOffsets prepares conversions for s.
func NewOffsets(s string) *Offsets {
	o := &Offsets{s: s, ascii: true}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			o.ascii = false
			break
		}
	}
	if o.ascii {
		o.runes = len(s)
		return o
	}
	o.marks = make([]mark, 0, len(s)/markEvery+1)
	r, next := 0, 0
	for i := 0; i < len(s); {
		if i >= next {
			o.marks = append(o.marks, mark{int32(i), int32(r)})
			next = i + markEvery
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
		r++
	}
	o.runes = r
	return o
}

// Rune returns the code-point offset of byte offset b. Offsets inside a
// multi-byte character map to that character's index.
func (o *Offsets) Rune(b int) int {
	if b < 0 {
		return 0
	}
	if b >= len(o.s) {
		return o.runes
	}
	if o.ascii {
		return b
	}
	k := sort.Search(len(o.marks), func(k int) bool { return int(o.marks[k].byte) > b }) - 1
	i, r := int(o.marks[k].byte), int(o.marks[k].rune)
	for {
		_, n := utf8.DecodeRuneInString(o.s[i:])
		if b < i+n {
			return r
		}
		i += n
		r++
	}
}

// Byte returns the byte offset of code-point offset r.
func (o *Offsets) Byte(r int) int {
	if r < 0 {
		return 0
	}
	if r >= o.runes {
		return len(o.s)
	}
	if o.ascii {
		return r
	}
	k := sort.Search(len(o.marks), func(k int) bool { return int(o.marks[k].rune) > r }) - 1
	i := int(o.marks[k].byte)
	for c := int(o.marks[k].rune); c < r; c++ {
		_, n := utf8.DecodeRuneInString(o.s[i:])
		i += n
	}
	return i
}

// RuneLen returns the length of the string in code points.
func (o *Offsets) RuneLen() int { return o.Rune(len(o.s)) }
