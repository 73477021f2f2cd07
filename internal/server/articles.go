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
		published, id, err := decodeCursor(c)
		if err != nil {
			writeError(w, http.StatusBadRequest, "cursor", "cursor: not one this server gave (use the \"next\" of a page)")
			return
		}
		q.After = &store.Summary{Published: published, ID: id}
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
		last := list[len(list)-1]
		next = encodeCursor(last.Published, last.ID)
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

// A cursor is where a listing stopped: the last item's time (an
// article's publication, a story's last article) and id, opaque to
// clients.
func encodeCursor(at, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(at + "\n" + id))
}

func decodeCursor(c string) (at, id string, err error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", "", err
	}
	at, id, ok := strings.Cut(string(b), "\n")
	if !ok || id == "" {
		return "", "", errors.New("malformed cursor")
	}
	return at, id, nil
}
