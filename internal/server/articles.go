package server

import (
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax/internal/render"
	"github.com/parallax-news/parallax/internal/store"
)

// listArticles: GET /api/articles — stored articles, newest first,
// filtered by outlet (any case) and full-text query, a page at a time:
// "next" is the cursor of the next page ("" after the last).
// ?format=csv gives the page as CSV.
func (s *Server) listArticles(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q := store.ArticleQuery{Outlet: v.Get("outlet"), Query: v.Get("q"), Limit: 50}
	if x := v.Get("limit"); x != "" {
		n, err := strconv.Atoi(x)
		if err != nil || n < 1 || n > 500 {
			writeError(w, http.StatusBadRequest, "limit", "limit: want a whole number from 1 to 500, got "+strconv.Quote(x))
			return
		}
		q.Limit = n
	}
	if c := v.Get("cursor"); c != "" {
		after, err := decodeCursor(c)
		if err != nil {
			writeError(w, http.StatusBadRequest, "cursor", "cursor: not one this server gave (use the \"next\" of a page)")
			return
		}
		q.After = &after
	}
	format := v.Get("format")
	if format != "" && format != "json" && format != "csv" {
		writeError(w, http.StatusBadRequest, "format", "format: want json or csv")
		return
	}
	list, err := s.st.Articles(r.Context(), q)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if list == nil {
		list = []store.Summary{}
	}
	next := ""
	if len(list) == q.Limit {
		next = encodeCursor(list[len(list)-1])
	}
	if format == "csv" {
		if next != "" {
			w.Header().Set("Link", `<?cursor=`+next+`&format=csv>; rel="next"`)
		}
		writeCSV(w, "articles.csv", func(out io.Writer) error { return render.ArticlesCSV(out, list) })
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"articles": list, "next": next})
}

// A cursor is where a listing stopped: the last article's publication
// time and id, opaque to clients.
func encodeCursor(a store.Summary) string {
	return base64.RawURLEncoding.EncodeToString([]byte(a.Published + "\n" + a.ID))
}

func decodeCursor(c string) (store.Summary, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return store.Summary{}, err
	}
	published, id, ok := strings.Cut(string(b), "\n")
	if !ok || id == "" {
		return store.Summary{}, errors.New("malformed cursor")
	}
	return store.Summary{Published: published, ID: id}, nil
}
