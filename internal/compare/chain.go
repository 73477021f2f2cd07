package compare

import (
	"math"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/text"
)

// copiesOut lists the copy relations between the story's articles, with
// the passages they share (cited in both) and how many content words
// differ.
func (b *builder) copiesOut() []Copy {
	index := map[string]int{}
	for i, a := range b.arts {
		index[a.ID] = i
	}
	out := []Copy{}
	for _, c := range b.copies {
		i, ok1 := index[c.ArticleID]
		j, ok2 := index[c.OfID]
		if !ok1 || !ok2 {
			continue
		}
		if b.credits(j, i) && !b.credits(i, j) {
			// The earlier-stamped article credits the other ("as the
			// Times reported"): it is the copy, whatever the time stamps.
			i, j = j, i
		}
		a, o := b.arts[i], b.arts[j]
		co := Copy{Article: a.ID, Of: o.ID, Relation: c.Relation, Overlap: round3(math.Max(c.Contained, c.Contains)), Passages: []text.Citation{}}
		if a.Listed || o.Listed {
			// Texts not read: the link as copy detection made it.
			out = append(out, co)
			continue
		}
		sa, so := dedup.Sign(a.Doc.Text), dedup.Sign(o.Doc.Text)
		common, _, _ := dedup.Aligned(&sa, &so)
		co.EditWords = len(sa.Words) + len(so.Words) - 2*common
		if w := b.wire(i); w != "" {
			co.Wire = w
		} else {
			co.Wire = b.wire(j)
		}
		ps, _ := dedup.Passages(a.Doc.Text, o.Doc.Text)
		for _, p := range ps {
			co.Passages = append(co.Passages, b.cite(i, p.A), b.cite(j, p.B))
		}
		out = append(out, co)
	}
	return out
}

// credits reports whether article i names article j's outlet as a
// source ("according to the Times", "as The New York Times reported").
func (b *builder) credits(i, j int) bool {
	for _, at := range b.arts[i].Analysis.Attributions {
		if at.Kind != "photo" && namesOutlet(at.Source, b.arts[j].Outlet) {
			return true
		}
	}
	return false
}

// namesOutlet reports whether a source as a text cites it names an
// outlet: "The New York Times", "the Times" and "New York Times" are one.
func namesOutlet(source, outlet string) bool {
	src, out := outletKey(source), outletKey(outlet)
	if src == "" || out == "" {
		return false
	}
	return src == out || strings.HasSuffix(out, " "+src) || strings.HasSuffix(src, " "+out)
}

// outletKey is an outlet's name for matching: lower case, without "the"
// and punctuation ("The New York Times" → "new york times").
func outletKey(name string) string {
	f := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(f) > 0 && f[0] == "the" {
		f = f[1:]
	}
	return strings.Join(f, " ")
}

// chain builds the attribution tree: each outlet, the wire agency whose
// copy it runs (which then holds what the copy cites), the sources cited
// (agencies, newspapers, social media posts) and photo credits.
func (b *builder) chain() []ChainNode {
	out := []ChainNode{}
	for i, a := range b.arts {
		root := ChainNode{Name: a.Outlet, Kind: "outlet", Spans: []text.Citation{}}
		var cited []ChainNode
		var wire *ChainNode
		for _, at := range a.Analysis.Attributions {
			n := ChainNode{Name: at.Source, Kind: at.Kind, Spans: []text.Citation{b.cite(i, at.Span)}}
			switch at.Kind {
			case "wire":
				if wire == nil {
					wire = &n
				}
			default:
				if !hasNode(cited, n) {
					cited = append(cited, n)
				}
			}
		}
		if wire != nil {
			// The wire wrote the text: what the text cites, it cites.
			wire.Children = cited
			root.Children = []ChainNode{*wire}
		} else {
			root.Children = cited
		}
		out = append(out, root)
	}
	return out
}

func hasNode(ns []ChainNode, n ChainNode) bool {
	for _, x := range ns {
		if x.Name == n.Name && x.Kind == n.Kind {
			return true
		}
	}
	return false
}
