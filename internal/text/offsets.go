package text

import "unicode/utf8"

// Offsets converts byte offsets of one string to Unicode code-point offsets
// and back. JSON output speaks code points (what Python and JavaScript index
// by); Go code speaks bytes. All conversions go through here.
type Offsets struct {
	s     string
	ascii bool
	// runeAt[i] is the code-point index of byte i; only built for non-ASCII.
	runeAt []int32
	byteAt []int32
}

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
		return o
	}
	o.runeAt = make([]int32, len(s)+1)
	o.byteAt = make([]int32, 0, len(s)+1)
	r := int32(0)
	for i := 0; i < len(s); {
		_, n := utf8.DecodeRuneInString(s[i:])
		for k := 0; k < n; k++ {
			o.runeAt[i+k] = r
		}
		o.byteAt = append(o.byteAt, int32(i))
		i += n
		r++
	}
	o.runeAt[len(s)] = r
	o.byteAt = append(o.byteAt, int32(len(s)))
	return o
}

// Rune returns the code-point offset of byte offset b. Offsets inside a
// multi-byte character map to that character's index.
func (o *Offsets) Rune(b int) int {
	if b < 0 {
		return 0
	}
	if b > len(o.s) {
		b = len(o.s)
	}
	if o.ascii {
		return b
	}
	return int(o.runeAt[b])
}

// Byte returns the byte offset of code-point offset r.
func (o *Offsets) Byte(r int) int {
	if r < 0 {
		return 0
	}
	if o.ascii {
		if r > len(o.s) {
			return len(o.s)
		}
		return r
	}
	if r >= len(o.byteAt) {
		return len(o.s)
	}
	return int(o.byteAt[r])
}

// RuneLen returns the length of the string in code points.
func (o *Offsets) RuneLen() int { return o.Rune(len(o.s)) }
