package text

import (
	"slices"
	"sort"
)

// Index finds which of a list of spans (an article's mentions, places,
// times…) lie in or overlap a given span without reading them all: a long
// page has tens of thousands of each, and each sentence asks.
type Index struct {
	spans  []Span
	sorted bool  // ordered by start: the analysis lists are
	maxEnd []int // maxEnd[i] is the greatest end among spans[:i+1]
}

// NewIndex indexes a list of spans; it keeps the slice, which must not
// change while the index is used.
func NewIndex(spans []Span) *Index {
	x := &Index{spans: spans}
	x.sorted = slices.IsSortedFunc(spans, func(a, b Span) int { return a.Start - b.Start })
	if x.sorted {
		x.maxEnd = make([]int, len(spans))
		for i, s := range spans {
			x.maxEnd[i] = s.End
			if i > 0 {
				x.maxEnd[i] = max(x.maxEnd[i], x.maxEnd[i-1])
			}
		}
	}
	return x
}

// Within calls fn, in list order, with the index of each span inside sp.
func (x *Index) Within(sp Span, fn func(i int)) {
	from, to := 0, len(x.spans)
	if x.sorted {
		// A span inside sp starts in [sp.Start, sp.End].
		from = sort.Search(len(x.spans), func(i int) bool { return x.spans[i].Start >= sp.Start })
		to = sort.Search(len(x.spans), func(i int) bool { return x.spans[i].Start > sp.End })
	}
	x.each(from, to, sp.Contains, fn)
}

// Overlapping calls fn, in list order, with the index of each span that
// shares a byte with sp.
func (x *Index) Overlapping(sp Span, fn func(i int)) {
	from, to := 0, len(x.spans)
	if x.sorted {
		// Spans starting before sp ends, back to where none reaches sp.
		to = sort.Search(len(x.spans), func(i int) bool { return x.spans[i].Start >= sp.End })
		from = to
		for from > 0 && x.maxEnd[from-1] > sp.Start {
			from--
		}
	}
	x.each(from, to, sp.Overlaps, fn)
}

// each calls fn with the index of each span in [from, to) that keep holds.
func (x *Index) each(from, to int, keep func(Span) bool, fn func(i int)) {
	for k := from; k < to; k++ {
		if keep(x.spans[k]) {
			fn(k)
		}
	}
}

// SpansOf lists the spans of items, for NewIndex.
func SpansOf[T any](items []T, span func(*T) Span) []Span {
	out := make([]Span, len(items))
	for i := range items {
		out[i] = span(&items[i])
	}
	return out
}
