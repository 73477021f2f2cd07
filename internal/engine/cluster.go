package engine

import (
	"time"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/store"
)

// ClusterDoc is the clustering view of a stored, analysed article.
func ClusterDoc(rec *store.Record) cluster.Doc {
	var an *nlp.Analysis
	if len(rec.Analysis) > 0 {
		an, _ = nlp.DecodeAnalysis(rec.Analysis)
	}
	return cluster.FromAnalysis(rec.Article.ID, ArticleTime(rec), rec.Doc.Title().Value, rec.Doc.Text, an)
}

// ArticleTime is when an article was published, as precisely as known:
// the time the page gives, else the date its container gave, else zero.
func ArticleTime(rec *store.Record) time.Time {
	if m := rec.Doc.Published.Moment; !m.IsZero() {
		return m.UTC
	}
	if m := rec.Article.Published; !m.IsZero() {
		return m.UTC
	}
	return time.Time{}
}
