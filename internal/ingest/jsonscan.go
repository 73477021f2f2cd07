package ingest

import (
	"bufio"
	"errors"
	"io"
)

// jsonScanner finds the extent of one JSON value in a stream without
// decoding it, copying at most a limit of its bytes.
type jsonScanner struct {
	in *bufio.Reader
}

func (s *jsonScanner) skipSpace() {
	for {
		c, err := s.in.ReadByte()
		if err != nil {
			return
		}
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0xEF && c != 0xBB && c != 0xBF {
			s.in.UnreadByte()
			return
		}
	}
}

// value reads the next value (object, array, string or scalar) and
// returns its bytes, or tooBig when it has more than max bytes (then it
// is read to its end but not kept).
func (s *jsonScanner) value(max int64) (rec []byte, tooBig bool, err error) {
	var n int64
	keep := func(c byte) {
		n++
		if n > max {
			tooBig, rec = true, nil
		}
		if !tooBig {
			rec = append(rec, c)
		}
	}
	depth, inString, escaped := 0, false, false
	for {
		c, err := s.in.ReadByte()
		if err == io.EOF {
			if depth == 0 && !inString && n > 0 {
				return rec, tooBig, nil
			}
			return nil, false, errors.New("invalid JSON: a record is cut off (the file ends early)")
		}
		if err != nil {
			return nil, false, err
		}
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth == 0 {
				// The end of the enclosing array: a scalar ended here.
				s.in.UnreadByte()
				return rec, tooBig, nil
			}
			depth--
		case depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n'):
			s.in.UnreadByte()
			return rec, tooBig, nil
		}
		keep(c)
		if depth == 0 && !inString && (c == '}' || c == ']' || c == '"') {
			return rec, tooBig, nil
		}
	}
}
