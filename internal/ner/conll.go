package ner

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strings"
)

// CoNLLFile is a CoNLL-2003 column file: its lines (kept for writing
// predictions next to them) and its documents.
type CoNLLFile struct {
	Lines []string
	Docs  []Document
	// TokenLine maps document/sentence/token to the index of its line.
	TokenLine [][][]int
}

// ReadCoNLL reads a CoNLL-2003 file (gzip accepted): one token per line,
// the word first and the tag last, blank lines between sentences,
// -DOCSTART- between documents. Tags may be IOB1 or IOB2.
func ReadCoNLL(path string) (*CoNLLFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		r = zr
	}
	out := &CoNLLFile{}
	var doc Document
	var docLines [][]int
	var words, tags []string
	var lines []int
	endSentence := func() {
		if len(words) > 0 {
			doc = append(doc, Sentence{Tokens: words, Spans: tagSpans(tags)})
			docLines = append(docLines, lines)
		}
		words, tags, lines = nil, nil, nil
	}
	endDoc := func() {
		endSentence()
		if len(doc) > 0 {
			out.Docs = append(out.Docs, doc)
			out.TokenLine = append(out.TokenLine, docLines)
		}
		doc, docLines = nil, nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		out.Lines = append(out.Lines, line)
		cols := strings.Fields(line)
		switch {
		case len(cols) == 0:
			endSentence()
		case cols[0] == "-DOCSTART-":
			endDoc()
		default:
			if len(cols) < 2 {
				return nil, fmt.Errorf("%s:%d: want a word and a tag, got %q", path, len(out.Lines), line)
			}
			words = append(words, cols[0])
			tags = append(tags, cols[len(cols)-1])
			lines = append(lines, len(out.Lines)-1)
		}
	}
	endDoc()
	return out, sc.Err()
}

// tagSpans reads IOB1 or IOB2 tags into spans (conlleval's chunking).
func tagSpans(tags []string) []Name {
	var out []Name
	start, typ := -1, ""
	for i := 0; i <= len(tags); i++ {
		t := "O"
		if i < len(tags) {
			t = tags[i]
		}
		kind, ty, _ := strings.Cut(t, "-")
		begins := kind == "B" || kind == "I" && ty != typ
		if start >= 0 && (t == "O" || begins) {
			out = append(out, Name{start, i, typ})
			start, typ = -1, ""
		}
		if (kind == "B" || kind == "I") && start < 0 {
			start, typ = i, ty
		}
	}
	return out
}

// IOB2 writes spans as IOB2 tags.
func IOB2(n int, ss []Name) []string {
	tags := make([]string, n)
	for i := range tags {
		tags[i] = "O"
	}
	for _, s := range ss {
		tags[s.Start] = "B-" + s.Type
		for i := s.Start + 1; i < s.End; i++ {
			tags[i] = "I-" + s.Type
		}
	}
	return tags
}
