package server

import (
	"cmp"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/render"
	"github.com/parallax-news/parallax/internal/store"
)

//go:embed openapi.json
var openAPIDoc []byte

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPIDoc)
}

// storyQuery reads the story list's filters from the query string.
func storyQuery(r *http.Request) (store.StoryQuery, string, error) {
	v := r.URL.Query()
	q := store.StoryQuery{Outlet: v.Get("outlet"), Entity: v.Get("entity"), Query: v.Get("q"), Limit: 50}
	if p := v.Get("place"); p != "" && q.Entity == "" {
		q.Entity = p
	}
	var err error
	if q.Since, err = store.TimeBound(v.Get("since"), false); err != nil {
		return q, "since", fmt.Errorf("since: %w", err)
	}
	if q.Until, err = store.TimeBound(v.Get("until"), true); err != nil {
		return q, "until", fmt.Errorf("until: %w", err)
	}
	for _, f := range []struct {
		name string
		dst  *int
		max  int
	}{{"limit", &q.Limit, 500}, {"offset", &q.Offset, 1 << 30}} {
		x := v.Get(f.name)
		if x == "" {
			continue
		}
		n, err := strconv.Atoi(x)
		if err != nil || n < 0 || n > f.max {
			return q, f.name, fmt.Errorf("%s: want a whole number from 0 to %d, got %q", f.name, f.max, x)
		}
		*f.dst = n
	}
	if q.Limit == 0 {
		q.Limit = 50
	}
	if c := v.Get("cursor"); c != "" {
		last, id, err := decodeCursor(c)
		if err != nil {
			return q, "cursor", errors.New("cursor: not one this server gave (use the \"next\" of a page)")
		}
		q.After = &store.StorySummary{Last: last, ID: id}
	}
	return q, "", nil
}

// queryStories lists the stories the request's filters find; on a
// malformed filter or a store error it answers the request and reports
// false.
func (s *Server) queryStories(w http.ResponseWriter, r *http.Request) ([]store.StorySummary, store.StoryQuery, bool) {
	q, field, err := storyQuery(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, field, err.Error())
		return nil, q, false
	}
	list, err := s.stories(r, q)
	var bad groupError
	if errors.As(err, &bad) {
		writeError(w, http.StatusBadRequest, "group", err.Error())
		return nil, q, false
	}
	if err != nil {
		s.storeError(w, r, err)
		return nil, q, false
	}
	return list, q, true
}

// listStories: GET /api/stories.
func (s *Server) listStories(w http.ResponseWriter, r *http.Request) {
	list, q, ok := s.queryStories(w, r)
	if !ok {
		return
	}
	switch r.URL.Query().Get("format") {
	case "", "json":
		next := ""
		if len(list) == q.Limit {
			last := list[len(list)-1]
			next = encodeCursor(last.Last, last.ID)
		}
		writeJSON(w, http.StatusOK, map[string]any{"stories": list, "limit": q.Limit, "offset": q.Offset, "next": next})
	case "csv":
		writeCSV(w, "stories.csv", func(out io.Writer) error { return render.StoriesCSV(out, list) })
	default:
		writeError(w, http.StatusBadRequest, "format", "format: want json or csv")
	}
}

// writeCSV answers with a CSV table, named for a download.
func writeCSV(w http.ResponseWriter, name string, write func(io.Writer) error) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.WriteHeader(http.StatusOK)
	write(w)
}

// getStory: GET /api/stories/{id} — the stored report, {"stories":[…]};
// ?format=csv&section=S one section of it as CSV.
func (s *Server) getStory(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	format, section := v.Get("format"), cmp.Or(v.Get("section"), "facts")
	if format != "" && format != "json" && format != "csv" {
		writeError(w, http.StatusBadRequest, "format", "format: want json or csv")
		return
	}
	if err := render.CheckSection(section); format == "csv" && err != nil {
		writeError(w, http.StatusBadRequest, "section", "section: "+err.Error())
		return
	}
	st, err := s.report(r, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	rs := &compare.Reports{Reports: []*compare.Report{st}}
	if format == "csv" {
		writeCSV(w, st.ID+"-"+section+".csv", func(out io.Writer) error { return render.ReportsCSV(out, rs, section) })
		return
	}
	writeJSON(w, http.StatusOK, rs)
}

// report reads a story's stored report (computing it only if missing),
// with the outlet registry's names, groups and coverage.
func (s *Server) report(r *http.Request, id string) (*compare.Report, error) {
	rep, err := s.eng.Report(r.Context(), id)
	if err != nil {
		return nil, err
	}
	reg, err := s.outlets.get()
	if err != nil {
		return nil, err
	}
	reg.Label(rep)
	return rep, nil
}

// getArticle: GET /api/articles/{id}.
func (s *Server) getArticle(w http.ResponseWriter, r *http.Request) {
	rec, err := s.st.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, render.NewArticleJSON(&rec))
}

// getRevisions: GET /api/articles/{id}/revisions — every revision with
// what changed from the one before; ?text=1 adds each revision's text.
func (s *Server) getRevisions(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	revs, err := s.st.Revisions(r.Context(), id)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	h := render.NewRevisions(id, revs)
	if r.URL.Query().Get("text") == "" {
		writeJSON(w, http.StatusOK, h)
		return
	}
	type withText struct {
		render.RevisionJSON
		Text string `json:"text"`
	}
	out := struct {
		ArticleID string     `json:"article_id"`
		Revisions []withText `json:"revisions"`
	}{ArticleID: id}
	for _, rv := range h.Revisions {
		out.Revisions = append(out.Revisions, withText{rv, rv.Text})
	}
	writeJSON(w, http.StatusOK, out)
}

// listEntities: GET /api/entities?q=.
func (s *Server) listEntities(w http.ResponseWriter, r *http.Request) {
	limit := 50
	if x := r.URL.Query().Get("limit"); x != "" {
		n, err := strconv.Atoi(x)
		if err != nil || n < 1 || n > 500 {
			writeError(w, http.StatusBadRequest, "limit", "limit: want a whole number from 1 to 500")
			return
		}
		limit = n
	}
	hits, err := s.st.Entities(r.Context(), r.URL.Query().Get("q"), limit)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"entities": hits})
}

// search: GET /api/search?q= — full text over articles and quotes.
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" {
		writeError(w, http.StatusBadRequest, "q", "q: give the words to search for")
		return
	}
	arts, err := s.st.Articles(r.Context(), store.ArticleQuery{Query: q, Limit: 50})
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	quotes, err := s.st.SearchQuotes(r.Context(), q, 50)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if arts == nil {
		arts = []store.Summary{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"articles": arts, "quotes": quotes})
}

// postArticles: POST /api/articles — one JSON article, JSON lines, or any
// format the CLI reads (seed text, HTML, RSS/Atom), chosen by content.
func (s *Server) postArticles(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxBody)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "", fmt.Sprintf("body larger than the %d-byte limit; send fewer articles per request", s.opt.MaxBody))
			return
		}
		writeError(w, http.StatusBadRequest, "", "could not read the body: "+err.Error())
		return
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		writeError(w, http.StatusBadRequest, "", "empty body: send a JSON article, JSON lines, or a page")
		return
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	name := uploadName(mt, body)
	isJSON := name == ".jsonl"
	switch {
	case mt == "application/x-www-form-urlencoded" || mt == "multipart/form-data":
		writeError(w, http.StatusUnsupportedMediaType, "", "form bodies are not read: send the article itself, with its own content type (application/json, text/html, text/plain)")
		return
	case isJSON && mt != "application/json" && mt != "application/x-ndjson" && mt != "application/jsonl":
		// A browser page may send text/plain anywhere without asking
		// first; JSON must say it is JSON.
		writeError(w, http.StatusUnsupportedMediaType, "", "a JSON body needs Content-Type: application/json (or application/x-ndjson for JSON lines)")
		return
	}
	opt, field, err := identityParams(r.URL.Query())
	if err != nil {
		writeError(w, http.StatusBadRequest, field, err.Error())
		return
	}
	opt.MaxBytes, opt.Outlet = s.opt.MaxBody, r.URL.Query().Get("outlet")
	if file := dispositionName(r.Header.Get("Content-Disposition")); file != "" {
		// The client's file name, as on the command line: it picks the
		// reader by extension and names the outlet when nothing else does.
		name = file
	}
	if isJSON {
		if field, msg, ok := checkJSON(body); !ok {
			writeError(w, http.StatusBadRequest, field, msg)
			return
		}
	}
	arts, errs := ingest.ReadBytes(r.Context(), name, body, opt)
	if len(errs) > 0 && len(arts) == 0 {
		writeError(w, http.StatusBadRequest, fieldOf(errs[0]), errs[0].Error())
		return
	}
	res, err := s.run(r.Context(), engine.Articles(arts), engine.Options{})
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	added := res.Articles
	s.metrics.ingested(len(arts), time.Since(start))
	s.Publish(r.Context(), res.Reports)
	var failures []string
	for _, e := range errs {
		failures = append(failures, e.Error())
	}
	status := http.StatusOK
	if s.opt.Queue != nil {
		status = http.StatusAccepted // stored by the workers, later
	}
	writeJSON(w, status, map[string]any{"articles": added, "failed": failures})
}

// identityParams reads what identifies an uploaded page (url, id, key),
// so that an upload and the command line reading the same input agree on
// the article: key is the identity the command line gives a file (its
// full path), or any key written out ("url:…", "id:…", "path:…").
func identityParams(q url.Values) (ingest.Options, string, error) {
	opt := ingest.Options{URL: q.Get("url"), RecordID: q.Get("id")}
	key := q.Get("key")
	switch {
	case key == "":
	case strings.HasPrefix(key, "url:"):
		opt.URL = strings.TrimPrefix(key, "url:")
	case strings.HasPrefix(key, "id:"):
		opt.RecordID = strings.TrimPrefix(key, "id:")
	case strings.HasPrefix(key, "path:") || strings.HasPrefix(key, "/"):
		opt.Path = path.Clean(strings.TrimPrefix(key, "path:"))
		if !path.IsAbs(opt.Path) {
			return opt, "key", errors.New("key: a file's key is its full path, as the command line resolves it (/home/…/fox.txt)")
		}
	default:
		return opt, "key", fmt.Errorf("key: want a file's full path, or url:…, id:… or path:…, got %q", key)
	}
	if opt.URL != "" {
		if u, err := url.Parse(opt.URL); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return opt, "url", fmt.Errorf("url: want an http(s) URL, got %q", opt.URL)
		}
	}
	return opt, "", nil
}

// uploadName is the extension that tells the readers (which choose by
// name and content) what the body's media type says it is.
func uploadName(mt string, body []byte) string {
	trimmed := strings.TrimSpace(string(body[:min(len(body), 512)]))
	switch {
	case mt == "application/json" || mt == "application/x-ndjson" || strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "["):
		return ".jsonl"
	case strings.Contains(mt, "html"):
		return ".html"
	case strings.Contains(mt, "xml") || strings.Contains(mt, "rss") || strings.Contains(mt, "atom"):
		return ".xml"
	}
	return ".txt"
}

// dispositionName is the base name of the file a Content-Disposition
// header names ("attachment; filename=fox.txt"), or "".
func dispositionName(header string) string {
	if header == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(header)
	if err != nil {
		return ""
	}
	name := path.Base(strings.ReplaceAll(params["filename"], "\\", "/"))
	if name == "." || name == "/" || strings.HasPrefix(name, ".") {
		return ""
	}
	return name
}

// checkJSON validates JSON bodies before reading, to name the field at
// fault: every line (or the one object) must be an object whose known
// fields are strings.
func checkJSON(body []byte) (string, string, bool) {
	dec := json.NewDecoder(strings.NewReader(string(body)))
	n := 0
	for {
		var rec map[string]any
		err := dec.Decode(&rec)
		if errors.Is(err, io.EOF) {
			break
		}
		n++
		if err != nil {
			return "", fmt.Sprintf("record %d: invalid JSON: %v", n, err), false
		}
		for _, f := range []string{"id", "url", "source", "date", "title", "text", "html", "outlet"} {
			if v, ok := rec[f]; ok && v != nil {
				if _, isString := v.(string); !isString {
					return f, fmt.Sprintf("record %d: field %q must be a string", n, f), false
				}
			}
		}
		t, _ := rec["text"].(string)
		h, _ := rec["html"].(string)
		if strings.TrimSpace(t) == "" && strings.TrimSpace(h) == "" {
			return "text", fmt.Sprintf(`record %d: no article text: give a non-empty "text" (or "html") field`, n), false
		}
	}
	return "", "", true
}

// fieldOf names the JSON field a reader error is about, if it says.
func fieldOf(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, `field "`); i >= 0 {
		rest := msg[i+7:]
		if j := strings.IndexByte(rest, '"'); j > 0 {
			return rest[:j]
		}
	}
	return ""
}

// health: GET /healthz.
func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	n, err := s.st.CountArticles(r.Context())
	if err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "store unavailable", "error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "articles": n})
}
