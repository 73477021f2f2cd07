package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/timex"
)

// DefaultMaxBytes is the largest single article or page accepted (16 MiB).
// Real article pages are far smaller; anything bigger is a crawl artefact
// and would only cost memory.
const DefaultMaxBytes = 16 << 20

// Options control reading.
type Options struct {
	// Outlet, when set, names the outlet of every article read.
	Outlet string
	// MaxBytes is the largest article or page accepted; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Fetcher fetches inputs given as http(s) URLs; nil refuses them.
	Fetcher *Fetcher
	// Progress, if set, is called with the bytes read so far and the total.
	Progress func(done, total int64)
	// URL, RecordID and Path identify the one article of an upload read
	// from memory (ReadBytes), as the API's url, id and key parameters
	// give them; Path is a file's full path, so that an upload and the CLI
	// reading that file agree on the article.
	URL, RecordID, Path string
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

// Result is one article read, or one failure that names its input.
type Result struct {
	Article Article
	Err     error
}

// InputError is a failure to read one input (a file, a record of a file, a
// URL). The run goes on with the other inputs.
type InputError struct {
	Input string
	Err   error
}

func (e *InputError) Error() string { return e.Input + ": " + e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// SeedHeader matches the header of the seed format: the scrape date glued
// to the first line of page text.
var SeedHeader = regexp.MustCompile(`^[ \t]*date (\d{4}-\d{2}-\d{2})[ \t]+`)

// inputExts are the file extensions of the formats Parallax reads. A file
// found in a folder with another extension, or none (.shtml, .php, a bare
// name), is read when its content is one of them.
var inputExts = map[string]bool{
	".txt": true, ".text": true, ".html": true, ".htm": true, ".xhtml": true,
	".jsonl": true, ".ndjson": true, ".json": true, ".xml": true, ".rss": true,
	".atom": true, ".warc": true,
}

// source is one input to open: a file, standard input or a URL.
type source struct {
	name string // as the user gave it, or the path inside a directory
	path string // a file's full resolved path: its identity
	size int64
	url  bool
	// found is set for files found by walking a folder: those of unknown
	// type are skipped, with the reason, rather than failed.
	found bool
}

// SkipError says that an input was passed over on purpose because it is
// not an article (an image, a style sheet, a binary file found in a
// folder). It is reported, and not counted as a failure.
type SkipError struct {
	Input, Reason string
}

func (e *SkipError) Error() string { return e.Input + ": skipped: " + e.Reason }

// Read reads every input — files, directories (recursively), "-" for
// standard input, http(s) URLs — and calls fn with each article or failure.
// It stops early only if fn returns an error or ctx is cancelled.
func Read(ctx context.Context, inputs []string, opt Options, fn func(Result) error) error {
	sources, errs := expand(inputs)
	for _, err := range errs {
		if err := fn(Result{Err: err}); err != nil {
			return err
		}
	}
	var total, done int64
	for _, s := range sources {
		total += s.size
	}
	for _, s := range sources {
		if err := ctx.Err(); err != nil {
			return err
		}
		r := &reader{opt: opt, fn: fn, ctx: ctx}
		if opt.Progress != nil {
			base := done
			r.onBytes = func(n int64) { opt.Progress(base+n, total) }
		}
		if err := r.readSource(s); err != nil {
			return err
		}
		done += s.size
		if opt.Progress != nil {
			opt.Progress(done, total)
		}
	}
	return nil
}

// expand turns the inputs into sources, walking directories in name order.
func expand(inputs []string) ([]source, []error) {
	var out []source
	var errs []error
	for _, in := range inputs {
		switch {
		case in == "-":
			out = append(out, source{name: "-"})
		case isURL(in):
			out = append(out, source{name: in, url: true})
		default:
			info, err := os.Stat(in)
			if err != nil {
				errs = append(errs, &InputError{in, friendlyOSError(err)})
				continue
			}
			if !info.IsDir() {
				out = append(out, source{name: in, path: ResolvePath(in), size: info.Size()})
				continue
			}
			found, err := walkDir(in)
			if err != nil {
				errs = append(errs, &InputError{in, err})
			}
			out = append(out, found...)
		}
	}
	return out, errs
}

func walkDir(root string) ([]source, error) {
	var out []source
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && path != root {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		info, err := os.Stat(path)
		if err != nil || info.IsDir() {
			return nil // a broken link, or a link to a folder: not walked into
		}
		out = append(out, source{name: path, path: ResolvePath(path), size: info.Size(), found: true})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, err
}

func friendlyOSError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file or directory")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	return err
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// reader reads one source and reports what it finds.
type reader struct {
	ctx     context.Context
	opt     Options
	fn      func(Result) error
	onBytes func(int64)
	failed  error  // an error returned by fn: stop everything
	size    int64  // of the file being read, when known
	path    string // the file's full resolved path, when reading a file
	found   bool   // the file was found in a folder, not named
	// nested counts the sitemaps and discovered feeds being read, one
	// inside another.
	nested int
}

func (r *reader) emit(a Article, err error) {
	if r.failed != nil {
		return
	}
	r.failed = r.fn(Result{Article: a, Err: err})
}

func (r *reader) fail(input string, err error) {
	r.emit(Article{}, &InputError{input, err})
}

func (r *reader) readSource(s source) error {
	switch {
	case s.url:
		r.readURL(s.name)
	case s.name == "-":
		r.readStream("-", "stdin", os.Stdin, time.Time{})
	default:
		f, err := os.Open(s.name)
		if err != nil {
			r.fail(s.name, friendlyOSError(err))
			return r.failed
		}
		defer f.Close()
		r.size, r.path, r.found = s.size, s.path, s.found
		r.readStream(s.name, "file", f, time.Time{})
	}
	return r.failed
}

// readStream un-gzips if needed, sniffs the format and dispatches.
func (r *reader) readStream(name, container string, in io.Reader, fetched time.Time) {
	if r.onBytes != nil {
		in = &countingReader{r: in, fn: r.onBytes}
	}
	br := bufio.NewReaderSize(in, 64<<10)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			r.fail(name, fmt.Errorf("bad gzip header: %w", err))
			return
		}
		defer zr.Close()
		br = bufio.NewReaderSize(&gzipErrors{zr}, 64<<10)
	}
	head, _ := br.Peek(4096)
	if r.found && !inputExts[extOf(name)] {
		if reason := notAnArticle(name, head); reason != "" {
			r.emit(Article{}, &SkipError{name, reason})
			return
		}
	}
	switch kind := sniff(name, head); kind {
	case "jsonl":
		r.readJSON(name, br)
	case "feed":
		r.readFeed(name, br)
	case "sitemap":
		r.readSitemap(name, br)
	case "warc":
		r.readWARC(name, br)
	default:
		r.readPage(name, container, br, kind, "", fetched)
	}
}

// extOf is a file name's extension in lower case, under a .gz.
func extOf(name string) string {
	return strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz")))
}

// sniff names the reader for a stream from its file name and first bytes.
func sniff(name string, head []byte) string {
	ext := extOf(name)
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	lower := bytes.ToLower(trimmed[:min(len(trimmed), 1024)])
	switch {
	case ext == ".warc" || bytes.HasPrefix(trimmed, []byte("WARC/")):
		return "warc"
	case ext == ".jsonl" || ext == ".ndjson" || ext == ".json" || (len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')):
		return "jsonl"
	case ext == ".rss" || ext == ".atom" || bytes.Contains(lower, []byte("<rss")) || bytes.Contains(lower, []byte("<feed")) || bytes.Contains(lower, []byte("<rdf:rdf")):
		return "feed"
	case bytes.Contains(lower, []byte("<urlset")) || bytes.Contains(lower, []byte("<sitemapindex")):
		return "sitemap"
	case ext == ".html" || ext == ".htm" || ext == ".xhtml" || bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<body")):
		return FormatHTML
	}
	return FormatText
}

// readAll reads at most max bytes and refuses anything bigger.
func readAll(in io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(in, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("larger than the %s limit per article; raise --max-bytes to read it", humanBytes(max))
	}
	return b, nil
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// readPage reads a whole stream as one text, seed-format or HTML article.
func (r *reader) readPage(name, container string, in io.Reader, kind, pageURL string, fetched time.Time) {
	if r.size > r.opt.maxBytes() && !strings.HasSuffix(strings.ToLower(name), ".gz") {
		// Refuse before reading: the file's size says enough.
		r.fail(name, fmt.Errorf("%s is larger than the %s limit per article; raise --max-bytes to read it", humanBytes(r.size), humanBytes(r.opt.maxBytes())))
		return
	}
	b, err := readAll(in, r.opt.maxBytes())
	if err != nil {
		r.fail(name, err)
		return
	}
	a, err := pageArticle(b, kind, "")
	if err != nil {
		r.fail(name, err)
		return
	}
	a.Source, a.Container, a.Fetched = name, container, fetched
	if pageURL != "" {
		a.URL = pageURL
	}
	r.setOutlet(&a, "")
	id := Identity{}
	switch base := filepath.Base(name); {
	case container == "file":
		id.Path = r.path
	case container == "upload":
		if !strings.HasPrefix(base, ".") {
			id.FileName = name
		}
		if a.URL == "" {
			a.URL = r.opt.URL
		}
		a.RecordID, id.Path = r.opt.RecordID, r.opt.Path
	}
	a.finish(id)
	r.emit(a, nil)
}

// pageArticle decodes b and reads what the page itself says about its URL
// and date: the seed header, or an HTML page's canonical link.
func pageArticle(b []byte, kind, declaredCharset string) (Article, error) {
	if kind == FormatHTML && declaredCharset == "" {
		declaredCharset = htmlCharset(b)
	}
	s, enc, err := Decode(b, declaredCharset)
	if err != nil {
		return Article{}, err
	}
	a := Article{Raw: s, Encoding: enc, Format: kind}
	switch kind {
	case FormatHTML:
		a.URL = htmlCanonical(s)
		a.Language = htmlLang(s)
	case FormatText:
		if m := SeedHeader.FindStringSubmatch(s); m != nil {
			a.Format = FormatSeed
			a.Published, _ = timex.DayOf(m[1])
		}
		if strings.TrimSpace(SeedHeader.ReplaceAllString(s, "")) == "" {
			return Article{}, errors.New("no text after the date header")
		}
	}
	return a, nil
}

func (r *reader) setOutlet(a *Article, field string) {
	switch {
	case r.opt.Outlet != "":
		a.Outlet, a.OutletFrom = r.opt.Outlet, "flag"
	case field != "":
		a.Outlet, a.OutletFrom = field, "field"
	}
}

type countingReader struct {
	r  io.Reader
	n  int64
	fn func(int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.fn(c.n)
	return n, err
}

// gzipErrors names a truncated gzip stream plainly.
type gzipErrors struct{ r io.Reader }

func (g *gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = errors.New("truncated gzip stream (the file ends early)")
	} else if err != nil && err != io.EOF && strings.Contains(err.Error(), "gzip") {
		err = fmt.Errorf("corrupt gzip stream: %w", err)
	}
	return n, err
}

var (
	metaCharsetRe = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?([\w.:-]+)`)
	canonicalRe   = regexp.MustCompile(`(?i)<link[^>]+rel\s*=\s*["']?canonical["']?[^>]*>`)
	ogURLRe       = regexp.MustCompile(`(?i)<meta[^>]+property\s*=\s*["']og:url["'][^>]*>`)
	hrefRe        = regexp.MustCompile(`(?i)\b(?:href|content)\s*=\s*["']([^"']+)["']`)
	htmlLangRe    = regexp.MustCompile(`(?i)<html[^>]*\slang\s*=\s*["']?([a-zA-Z]{2,3})`)
)

func htmlCharset(b []byte) string {
	if m := metaCharsetRe.FindSubmatch(b[:min(len(b), 8192)]); m != nil {
		return string(m[1])
	}
	return ""
}

// htmlCanonical returns the page's own URL from <link rel=canonical> or
// og:url, the key of its id.
func htmlCanonical(s string) string {
	head := s[:min(len(s), 256<<10)]
	for _, re := range []*regexp.Regexp{canonicalRe, ogURLRe} {
		if tag := re.FindString(head); tag != "" {
			if m := hrefRe.FindStringSubmatch(tag); m != nil && isURL(m[1]) {
				return m[1]
			}
		}
	}
	return ""
}

func htmlLang(s string) string {
	if m := htmlLangRe.FindStringSubmatch(s[:min(len(s), 64<<10)]); m != nil {
		return strings.ToLower(m[1])
	}
	return ""
}

// ReadFiles reads the inputs and returns the articles and failures; a
// convenience for tests and small jobs.
func ReadFiles(inputs []string, opt Options) ([]Article, []error) {
	var arts []Article
	var errs []error
	_ = Read(context.Background(), inputs, opt, func(r Result) error {
		if r.Err != nil {
			errs = append(errs, r.Err)
		} else {
			arts = append(arts, r.Article)
		}
		return nil
	})
	return arts, errs
}

// notArticleExts are extensions of files that folders of pages often hold
// beside the pages and that are never articles, with what they are.
var notArticleExts = map[string]string{
	".css": "a style sheet", ".js": "a script", ".mjs": "a script", ".map": "a source map",
	".png": "an image", ".jpg": "an image", ".jpeg": "an image", ".gif": "an image", ".webp": "an image",
	".svg": "an image", ".ico": "an icon", ".bmp": "an image", ".tif": "an image", ".tiff": "an image", ".avif": "an image",
	".mp3": "audio", ".wav": "audio", ".ogg": "audio", ".m4a": "audio",
	".mp4": "a video", ".webm": "a video", ".mov": "a video", ".avi": "a video",
	".pdf": "a PDF document (convert it to text first)", ".doc": "a word-processor file", ".docx": "a word-processor file",
	".zip": "an archive (unpack it first)", ".tar": "an archive (unpack it first)", ".7z": "an archive (unpack it first)", ".rar": "an archive (unpack it first)",
	".woff": "a font", ".woff2": "a font", ".ttf": "a font", ".otf": "a font", ".eot": "a font",
	".db": "a database", ".sqlite": "a database", ".wal": "a database journal", ".shm": "a database journal",
	".db-wal": "a database journal", ".db-shm": "a database journal", ".db-journal": "a database journal",
	".exe": "a program", ".so": "a library", ".dll": "a library", ".bin": "binary data",
	".csv": "a table (convert it to JSON lines with a text column)", ".tsv": "a table (convert it to JSON lines with a text column)",
	".yaml": "a configuration file", ".yml": "a configuration file", ".toml": "a configuration file", ".ini": "a configuration file",
	".py": "source code", ".go": "source code", ".sh": "a shell script", ".log": "a log file",
}

// notAnArticle says why a file found in a folder, whose extension names
// no format Parallax reads, is not an article; "" means read it (a page
// saved as .shtml or .php, a text file without an extension).
func notAnArticle(name string, head []byte) string {
	ext := extOf(name)
	if what, ok := notArticleExts[ext]; ok {
		return fmt.Sprintf("%s (%s), not an article", what, ext)
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return "empty file"
	}
	switch ct := http.DetectContentType(head); {
	case strings.HasPrefix(ct, "text/"), strings.HasPrefix(ct, "application/json"):
		return ""
	case strings.HasPrefix(ct, "image/"), strings.HasPrefix(ct, "audio/"), strings.HasPrefix(ct, "video/"),
		strings.HasPrefix(ct, "font/"), ct == "application/pdf", ct == "application/zip", ct == "application/x-gzip":
		return fmt.Sprintf("%s content, not an article", ct)
	}
	if enc, _ := utf16WithoutBOM(head); enc == nil && sniffBinary(head) != nil {
		return "binary data, not text"
	}
	return ""
}
