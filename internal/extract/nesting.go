package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// maxNesting is how deep limitNesting lets elements nest: well below the
// HTML parser's limit of 512, with room for the elements it adds itself
// (a table's body, the paragraphs it reopens).
const maxNesting = 128

// voidElements have no end tag and hold nothing.
var voidElements = toSet(`area base br col embed hr img input link meta param source track wbr`)

// textBlocks hold the text itself (paragraphs, headings, list items):
// limitNesting always keeps them, and they do not count towards the
// depth, since the parser closes each when the next one opens.
var textBlocks = toSet(`p h1 h2 h3 h4 h5 h6 li dt dd`)

// limitNesting returns the markup without the start and end tags of
// elements nested deeper than max (text blocks aside), keeping all text:
// broken pages open thousands of elements they never close, and the
// parser gives up on them. The lines of text are found in the original
// markup by their words, so their spans stay exact.
func limitNesting(raw string, max int) string {
	z := html.NewTokenizer(strings.NewReader(raw))
	var sb strings.Builder
	sb.Grow(len(raw))
	type open struct {
		name             string
		written, counted bool // its start tag was written; it counts towards depth
	}
	var stack []open
	depth := 0 // how many open elements count
	for {
		switch z.Next() {
		case html.ErrorToken:
			return sb.String()
		case html.StartTagToken:
			name, _ := z.TagName()
			switch {
			case voidElements[string(name)]:
				sb.Write(z.Raw())
			case textBlocks[string(name)]:
				sb.Write(z.Raw())
				stack = append(stack, open{string(name), true, false})
			default:
				keep := depth < max
				if keep {
					sb.Write(z.Raw())
					depth++
				}
				stack = append(stack, open{string(name), keep, keep})
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].name != string(name) {
					continue
				}
				for _, o := range stack[i:] {
					if o.counted {
						depth--
					}
				}
				if stack[i].written {
					sb.Write(z.Raw())
				}
				stack = stack[:i]
				break
			}
		default:
			sb.Write(z.Raw())
		}
	}
}
