package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/timex"
)

// Field names accepted in JSON records, first match wins. The documented
// shape is {"id","url","source","date","title","text"}; the aliases cover
// common crawl and dataset exports.
var jsonFields = map[string][]string{
	"id":       {"id", "uuid"},
	"url":      {"url", "link", "canonical_url"},
	"outlet":   {"source", "outlet", "publisher", "site", "site_name"},
	"date":     {"date", "published", "published_at", "pubDate", "date_publish", "datetime"},
	"title":    {"title", "headline"},
	"text":     {"text", "body", "content", "articleBody", "maintext"},
	"html":     {"html", "raw_html"},
	"language": {"lang", "language"},
	"author":   {"author", "byline", "authors"},
}

// readJSON reads JSON lines, or one JSON array of records, or one record.
func (r *reader) readJSON(name string, in *bufio.Reader) {
	head, _ := in.Peek(64)
	if t := bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf"); len(t) > 0 && t[0] == '[' {
		r.readJSONArray(name, in)
		return
	}
	max := r.opt.maxBytes()
	line := 0
	for r.failed == nil {
		b, err := readLine(in, max)
		line++
		where := fmt.Sprintf("%s:%d", name, line)
		switch {
		case errors.Is(err, errLineTooLong):
			r.fail(where, recordTooLarge(max))
		case len(bytes.TrimSpace(b)) > 0 && (err == nil || err == io.EOF):
			r.jsonRecord(name, where, b)
		}
		if err == io.EOF {
			return
		}
		if err != nil && !errors.Is(err, errLineTooLong) {
			r.fail(fmt.Sprintf("%s:%d", name, line), err)
			return
		}
	}
}

// recordTooLarge is the failure of one record over the per-record limit.
func recordTooLarge(max int64) error {
	return fmt.Errorf("record larger than the %s limit per article; raise --max-bytes to read it", humanBytes(max))
}

// readJSONArray reads a JSON array of records one element at a time, so
// that the per-record limit holds here as for JSON lines: an element over
// it is skipped and reported, and never held in memory whole.
func (r *reader) readJSONArray(name string, in *bufio.Reader) {
	max := r.opt.maxBytes()
	s := &jsonScanner{in: in}
	s.skipSpace()
	if c, err := s.in.ReadByte(); err != nil || c != '[' {
		r.fail(name, errors.New("invalid JSON: expected an array"))
		return
	}
	for i := 0; r.failed == nil; i++ {
		where := fmt.Sprintf("%s[%d]", name, i)
		s.skipSpace()
		c, err := s.in.ReadByte()
		switch {
		case err != nil:
			r.fail(where, errors.New("invalid JSON: the array is not closed (the file ends early)"))
			return
		case c == ']' && i == 0:
			return
		case i > 0 && c == ']':
			return
		case i > 0 && c != ',':
			r.fail(where, fmt.Errorf("invalid JSON: expected ',' or ']' between records, found %q", c))
			return
		case i == 0:
			s.in.UnreadByte()
		}
		s.skipSpace()
		rec, tooBig, err := s.value(max)
		if err != nil {
			r.fail(where, err)
			return
		}
		if tooBig {
			r.fail(where, recordTooLarge(max))
			continue
		}
		r.jsonRecord(name, where, rec)
	}
}

var errLineTooLong = errors.New("line too long")

// readLine returns the next line without its newline; a line longer than
// max is skipped whole and reported as errLineTooLong.
func readLine(in *bufio.Reader, max int64) ([]byte, error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := in.ReadSlice('\n')
		if !tooLong {
			buf = append(buf, chunk...)
			if int64(len(buf)) > max {
				tooLong, buf = true, nil
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if tooLong && (err == nil || err == io.EOF) {
			return nil, errLineTooLong
		}
		return bytes.TrimRight(buf, "\r\n"), err
	}
}

// jsonRecord turns one JSON object into an article.
func (r *reader) jsonRecord(name, where string, b []byte) {
	var rec map[string]any
	if err := json.Unmarshal(b, &rec); err != nil {
		r.fail(where, fmt.Errorf("invalid JSON: %s", jsonErrorText(err)))
		return
	}
	get := func(field string) (string, error) { return stringField(rec, field) }
	fields := map[string]string{}
	for key := range jsonFields {
		v, err := get(key)
		if err != nil {
			r.fail(where, err)
			return
		}
		fields[key] = v
	}
	body, format := fields["text"], FormatText
	if fields["html"] != "" && strings.TrimSpace(body) == "" {
		body, format = fields["html"], FormatHTML
	}
	if strings.TrimSpace(body) == "" {
		r.fail(where, errors.New(`no article text: the record needs a non-empty "text" (or "html") field`))
		return
	}
	if format == FormatText && looksLikeHTML(body) {
		format = FormatHTML
	}
	a := Article{
		URL: fields["url"], Title: strings.TrimSpace(fields["title"]), Raw: body, Format: format,
		Source: where, Container: "jsonl", Encoding: "utf-8",
		Language: fields["language"], Author: fields["author"],
	}
	if d := fields["date"]; d != "" {
		m, ok := parseDate(d)
		if !ok {
			r.fail(where, fmt.Errorf(`field "date": cannot read %q as a date (want YYYY-MM-DD or RFC 3339)`, d))
			return
		}
		a.Published = m
	}
	r.setOutlet(&a, fields["outlet"])
	a.RecordID = fields["id"]
	a.finish(Identity{FileName: name})
	r.emit(a, nil)
}

// stringField returns the first of a field's aliases present in rec. A
// list of strings (authors) is joined; any other type is an error naming
// the field.
func stringField(rec map[string]any, field string) (string, error) {
	for _, name := range jsonFields[field] {
		v, ok := rec[name]
		if !ok || v == nil {
			continue
		}
		switch v := v.(type) {
		case string:
			return v, nil
		case []any:
			var parts []string
			for _, p := range v {
				if s, ok := p.(string); ok {
					parts = append(parts, s)
				}
			}
			return strings.Join(parts, ", "), nil
		case float64:
			if field == "id" {
				return fmt.Sprint(v), nil
			}
		}
		return "", fmt.Errorf("field %q is a %s, want a string", name, jsonType(v))
	}
	return "", nil
}

func jsonType(v any) string {
	switch v.(type) {
	case float64:
		return "number"
	case bool:
		return "boolean"
	case map[string]any:
		return "object"
	case []any:
		return "list"
	}
	return "value"
}

func jsonErrorText(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v (at byte %d)", se, se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "a record must be a JSON object"
	}
	return err.Error()
}

func looksLikeHTML(s string) bool {
	head := strings.ToLower(s[:min(len(s), 2048)])
	return strings.Contains(head, "<p>") || strings.Contains(head, "<p ") || strings.Contains(head, "<div") || strings.Contains(head, "<html") || strings.Contains(head, "<br")
}

// parseDate reads the date formats JSON exports and feeds use.
func parseDate(s string) (timex.Moment, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, s); err == nil {
			return timex.At(t, timex.Second), true
		}
	}
	if m, ok := timex.Find(s, timex.Options{}); ok && m.Start == 0 {
		return m.Moment, true
	}
	return timex.Moment{}, false
}
