package compare

import (
	"math"

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
		a, o := b.arts[i], b.arts[j]
		sa, so := dedup.Sign(a.Doc.Text), dedup.Sign(o.Doc.Text)
		common, _, _ := dedup.Aligned(&sa, &so)
		co := Copy{Article: a.ID, Of: o.ID, Relation: c.Relation, Overlap: round3(math.Max(c.Contained, c.Contains)),
			EditWords: len(sa.Words) + len(so.Words) - 2*common, Passages: []text.Citation{}}
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
