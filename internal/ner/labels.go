// Package ner finds named entities — people (PER), organisations (ORG),
// places (LOC) and other names (MISC) — in tokenised text, with an averaged
// structured perceptron trained on CoNLL-2003. The weights ship in the
// repository (model.bin.gz); `parallax train ner` rebuilds them.
package ner

// Entity types.
const (
	PER  = "PER"
	ORG  = "ORG"
	LOC  = "LOC"
	MISC = "MISC"
)

// Types lists the entity types in label order.
var Types = []string{PER, ORG, LOC, MISC}

// Labels are BILOU tags: Begin, Inside, Last, Unit (one-token entity) and
// O (outside). BILOU decodes better than BIO for multi-token names.
const nLabels = 1 + 4*len4

const len4 = 4

// label is an index into labelNames.
type label uint8

var labelNames = func() []string {
	out := []string{"O"}
	for _, t := range []string{PER, ORG, LOC, MISC} {
		for _, p := range []string{"B-", "I-", "L-", "U-"} {
			out = append(out, p+t)
		}
	}
	return out
}()

const labelO label = 0

func (l label) String() string { return labelNames[l] }

// part returns the BILOU part ('B','I','L','U' or 'O') and the type index.
func (l label) part() (byte, int) {
	if l == labelO {
		return 'O', -1
	}
	i := int(l) - 1
	return "BILU"[i%4], i / 4
}

func makeLabel(part byte, typ int) label {
	k := map[byte]int{'B': 0, 'I': 1, 'L': 2, 'U': 3}[part]
	return label(1 + typ*4 + k)
}

// allowed reports whether label b may follow label a in a valid BILOU
// sequence (a == nLabels stands for the sentence start).
func allowed(a, b label) bool {
	ap, at := byte('O'), -1
	if int(a) < nLabels {
		ap, at = a.part()
	}
	bp, bt := b.part()
	switch ap {
	case 'B', 'I':
		return (bp == 'I' || bp == 'L') && bt == at
	}
	return bp == 'O' || bp == 'B' || bp == 'U'
}

// Name is a name found in a sentence: its tokens [Start, End) and the
// kind of thing it names (PER, ORG, LOC, MISC).
type Name struct {
	Start, End int
	Type       string
}

// spans decodes a label sequence into entity spans.
func spans(ls []label) []Name {
	var out []Name
	start := -1
	for i, l := range ls {
		p, t := l.part()
		switch p {
		case 'U':
			out = append(out, Name{i, i + 1, Types[t]})
			start = -1
		case 'B':
			start = i
		case 'L':
			if start >= 0 {
				out = append(out, Name{start, i + 1, Types[t]})
			}
			start = -1
		case 'O':
			start = -1
		}
	}
	return out
}

// fromSpans encodes entity spans as BILOU labels.
func fromSpans(n int, ss []Name) []label {
	ls := make([]label, n)
	for _, s := range ss {
		t := typeIndex(s.Type)
		if s.End-s.Start == 1 {
			ls[s.Start] = makeLabel('U', t)
			continue
		}
		ls[s.Start] = makeLabel('B', t)
		for i := s.Start + 1; i < s.End-1; i++ {
			ls[i] = makeLabel('I', t)
		}
		ls[s.End-1] = makeLabel('L', t)
	}
	return ls
}

func typeIndex(t string) int {
	for i, x := range Types {
		if x == t {
			return i
		}
	}
	return 3
}
