package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"time"
)

// readWARC reads a WARC 1.0/1.1 file (news crawls such as CC-NEWS): every
// "response" record holding an HTML page, and every "resource" record of
// type text/html, becomes an article. Other records are skipped.
func (r *reader) readWARC(name string, in *bufio.Reader) {
	for n := 1; r.failed == nil; n++ {
		rec, err := nextWARCRecord(in, r.opt.maxBytes())
		if err == io.EOF {
			return
		}
		where := fmt.Sprintf("%s: record %d", name, n)
		if err != nil {
			r.fail(where, err)
			var skip *skippedRecord
			if errors.As(err, &skip) {
				continue
			}
			return // framing lost: the rest of the file cannot be trusted
		}
		page, pageType, charset, err := rec.page(r.opt.maxBytes())
		if err != nil {
			r.fail(where, err)
			continue
		}
		if page == nil || !strings.Contains(pageType, "html") {
			continue
		}
		a, err := pageArticle(page, FormatHTML, charset)
		if err != nil {
			r.fail(fmt.Sprintf("%s (%s)", where, rec.uri), err)
			continue
		}
		a.Source, a.Container = where, "warc"
		if rec.uri != "" {
			a.URL = rec.uri
		}
		if t, err := time.Parse(time.RFC3339, rec.header.Get("WARC-Date")); err == nil {
			a.Fetched = t
		}
		r.setOutlet(&a, "")
		a.finish(Identity{})
		r.emit(a, nil)
	}
}

type warcRecord struct {
	header textproto.MIMEHeader
	uri    string
	block  []byte
}

// skippedRecord is a well-framed record that could not be used; the reader
// goes on with the next one.
type skippedRecord struct{ reason string }

func (s *skippedRecord) Error() string { return s.reason }

// nextWARCRecord reads one record: the version line, the named fields, a
// blank line, Content-Length bytes of block, and the two CRLFs after it.
func nextWARCRecord(in *bufio.Reader, max int64) (*warcRecord, error) {
	var version string
	for {
		line, err := in.ReadString('\n')
		if err == io.EOF && strings.TrimSpace(line) == "" {
			return nil, io.EOF
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		if strings.TrimSpace(line) != "" {
			version = strings.TrimSpace(line)
			break
		}
	}
	if !strings.HasPrefix(version, "WARC/") {
		return nil, fmt.Errorf("not a WARC record: expected a WARC/1.x line, found %q", clip(version, 40))
	}
	header, err := textproto.NewReader(in).ReadMIMEHeader()
	if err != nil && !(err == io.EOF && len(header) > 0) {
		return nil, fmt.Errorf("malformed WARC header: %w", err)
	}
	length, err := strconv.ParseInt(header.Get("Content-Length"), 10, 64)
	if err != nil || length < 0 {
		return nil, fmt.Errorf("WARC record has no valid Content-Length (%q)", header.Get("Content-Length"))
	}
	rec := &warcRecord{header: header, uri: strings.Trim(header.Get("WARC-Target-URI"), "<>")}
	if length > max {
		if _, err := io.CopyN(io.Discard, in, length); err != nil {
			return nil, fmt.Errorf("WARC record truncated: %w", err)
		}
		return nil, &skippedRecord{fmt.Sprintf("record of %s is larger than the %s limit; skipped (raise --max-bytes)", humanBytes(length), humanBytes(max))}
	}
	rec.block = make([]byte, length)
	if _, err := io.ReadFull(in, rec.block); err != nil {
		return nil, fmt.Errorf("WARC record truncated: expected %d bytes of content", length)
	}
	return rec, nil
}

// page returns the HTML payload of a record, its media type and charset.
// A compressed payload is inflated up to max bytes and refused beyond.
func (rec *warcRecord) page(max int64) ([]byte, string, string, error) {
	kind := rec.header.Get("WARC-Type")
	ctype := rec.header.Get("Content-Type")
	switch {
	case kind == "resource":
		mt, params, _ := mime.ParseMediaType(ctype)
		return rec.block, mt, params["charset"], nil
	case kind != "response" || !strings.HasPrefix(ctype, "application/http"):
		return nil, "", "", nil
	}
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(rec.block)), nil)
	if err != nil {
		return nil, "", "", fmt.Errorf("malformed HTTP response in WARC record for %s: %w", rec.uri, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", "", nil
	}
	mt, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt != "" && !strings.Contains(mt, "html") {
		return nil, "", "", nil
	}
	body, err := decodeContent(resp.Body, resp.Header.Get("Content-Encoding"), max)
	if err != nil {
		return nil, "", "", fmt.Errorf("HTTP body of %s: %w", rec.uri, err)
	}
	if mt == "" {
		mt = "text/html"
	}
	return body, mt, params["charset"], nil
}

// decodeContent undoes an HTTP Content-Encoding, inflating at most max
// bytes: a small compressed body can inflate to gigabytes.
func decodeContent(body io.Reader, encoding string, max int64) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		body = zr
	case "deflate":
		body = flate.NewReader(body)
	default:
		return nil, fmt.Errorf("unsupported content encoding %q", encoding)
	}
	b, err := io.ReadAll(io.LimitReader(body, max+1))
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, errors.New("compressed body is truncated")
	}
	if err == nil && int64(len(b)) > max {
		return nil, fmt.Errorf("the body inflates to more than the %s limit per article (a decompression bomb, or raise --max-bytes)", humanBytes(max))
	}
	return b, err
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
