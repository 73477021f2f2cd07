package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	stdunicode "unicode"

	"github.com/gogs/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Errors for inputs that are not text at all.
var (
	ErrEmpty  = errors.New("empty input")
	ErrBinary = errors.New("binary data, not text")
)

// Decode turns input bytes into UTF-8 text and names the encoding it used.
// In order: a byte-order mark decides; UTF-16 without a mark is recognised
// by its zero bytes; bytes that are valid UTF-8 are UTF-8 whatever a page
// declares (mis-declared pages are common); then the declared charset, if it
// decodes cleanly; then statistical detection; Windows-1252 last, since it
// maps every byte.
func Decode(b []byte, declared string) (string, string, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return "", "", ErrEmpty
	}
	if enc, name, skip := bomEncoding(b); enc != nil {
		return decodeWith(enc, b[skip:], name)
	} else if name == "utf-8" {
		return finishUTF8(string(b[skip:]))
	}
	if enc, name := utf16WithoutBOM(b); enc != nil {
		return decodeWith(enc, b, name)
	}
	if err := sniffBinary(b); err != nil {
		return "", "", err
	}
	if utf8.Valid(b) {
		return finishUTF8(string(b))
	}
	if declared != "" {
		if enc, name := charset.Lookup(declared); enc != nil && name != "utf-8" {
			if s, n, err := decodeWith(enc, b, name); err == nil && !strings.ContainsRune(s, utf8.RuneError) {
				return s, n, nil
			}
		}
	}
	return guessLegacy(b)
}

// legacyCandidates are the single-byte code pages tried for text that is
// not UTF-8 and declares nothing usable.
var legacyCandidates = []string{"windows-1252", "windows-1251", "koi8-r", "windows-1250", "iso-8859-7"}

// guessLegacy decodes b with the statistical detector's guess and the
// common single-byte code pages, and keeps the reading that looks most like
// text: letters rather than symbols, and no case flips inside words (KOI8-R
// read as Windows-1252 gives "ðÅÒÅÇÏ×ÏÒÙ").
func guessLegacy(b []byte) (string, string, error) {
	names := legacyCandidates
	if r, err := chardet.NewTextDetector().DetectBest(b); err == nil && r.Confidence >= 30 {
		names = append([]string{r.Charset}, names...)
	}
	best, bestName, bestScore := "", "", -1<<31
	for _, n := range names {
		enc, name := charset.Lookup(n)
		if enc == nil || name == "utf-8" {
			continue
		}
		s, _, err := decodeWith(enc, b, name)
		if err != nil {
			continue
		}
		if sc := textScore(s); sc > bestScore {
			best, bestName, bestScore = s, name, sc
		}
	}
	if bestName == "" {
		return decodeWith(charmap.Windows1252, b, "windows-1252")
	}
	return best, bestName, nil
}

// textScore rewards non-ASCII letters and punishes non-ASCII symbols and
// lower-to-upper case flips inside a word.
func textScore(s string) int {
	score := 0
	var prev rune
	for _, r := range s {
		if r >= 0x80 {
			if stdunicode.IsLetter(r) {
				score++
			} else if r != 0xA0 && !stdunicode.IsPunct(r) {
				score -= 2
			}
		}
		if stdunicode.IsUpper(r) && stdunicode.IsLower(prev) {
			score -= 3
		}
		if stdunicode.IsLetter(r) && stdunicode.IsLetter(prev) && letterScript(r) != letterScript(prev) {
			score -= 4 // "Cafй": a Cyrillic letter inside a Latin word
		}
		if r == utf8.RuneError {
			score -= 5
		}
		prev = r
	}
	return score
}

func finishUTF8(s string) (string, string, error) {
	return strings.ToValidUTF8(s, "\uFFFD"), "utf-8", nil
}

func bomEncoding(b []byte) (encoding.Encoding, string, int) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return nil, "utf-8", 3
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", 2
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", 2
	}
	return nil, "", 0
}

// utf16WithoutBOM recognises ASCII-heavy UTF-16: every other byte is zero.
func utf16WithoutBOM(b []byte) (encoding.Encoding, string) {
	n := min(len(b), 4096) &^ 1
	if n < 8 {
		return nil, ""
	}
	var evenZero, oddZero int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			evenZero++
		}
		if b[i+1] == 0 {
			oddZero++
		}
	}
	half := n / 2
	switch {
	case oddZero > half*6/10 && evenZero < half/10:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le"
	case evenZero > half*6/10 && oddZero < half/10:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be"
	}
	return nil, ""
}

// sniffBinary refuses data with NUL bytes or many control characters, and
// names the file type when the magic number is a common one.
func sniffBinary(b []byte) error {
	head := b[:min(len(b), 8192)]
	ctrl := 0
	for _, c := range head {
		if c == 0 {
			ctrl += 100
		} else if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			ctrl++
		}
	}
	if ctrl*100 <= len(head) {
		return nil
	}
	kind := http.DetectContentType(head)
	if kind != "application/octet-stream" && !strings.HasPrefix(kind, "text/") {
		return fmt.Errorf("%w (looks like %s)", ErrBinary, kind)
	}
	return ErrBinary
}

func decodeWith(enc encoding.Encoding, b []byte, name string) (string, string, error) {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", "", fmt.Errorf("decode as %s: %w", name, err)
	}
	if err := sniffBinary(out); err != nil {
		return "", "", err
	}
	return string(out), name, nil
}

func letterScript(r rune) int {
	switch {
	case r < 0x250:
		return 0
	case stdunicode.Is(stdunicode.Cyrillic, r):
		return 1
	case stdunicode.Is(stdunicode.Greek, r):
		return 2
	}
	return 3
}
