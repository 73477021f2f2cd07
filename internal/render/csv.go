package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/text"
)

// CSV is for spreadsheets and notebooks: one header row, then one row
// per item, every text cited by the article and the code-point span it
// comes from (as in the JSON).

// Sections are the parts of a story report written as CSV, one table
// each.
var Sections = []string{"articles", "facts", "conflicts", "quotes", "unique", "copies", "timeline"}

// CheckSection refuses a section that is not one of Sections.
func CheckSection(section string) error {
	for _, s := range Sections {
		if s == section {
			return nil
		}
	}
	return fmt.Errorf("unknown section %q: use articles, facts, conflicts, quotes, unique, copies or timeline", section)
}

// StoriesCSV writes a story listing as CSV.
func StoriesCSV(w io.Writer, list []store.StorySummary) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "title", "first", "last", "articles", "outlets", "copies", "updated"})
	for _, s := range list {
		cw.Write([]string{s.ID, s.Title, s.First, s.Last, strconv.Itoa(s.Articles), strconv.Itoa(s.Outlets), strconv.Itoa(s.Copies), s.Updated.UTC().Format("2006-01-02T15:04:05Z")})
	}
	cw.Flush()
	return cw.Error()
}

// ArticlesCSV writes an article listing as CSV.
func ArticlesCSV(w io.Writer, list []store.Summary) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "outlet", "title", "published", "language", "source", "story_id", "words", "revision", "ingested"})
	for _, a := range list {
		cw.Write([]string{a.ID, a.Outlet, a.Title, a.Published, a.Language, a.Source, a.StoryID, strconv.Itoa(a.Words), strconv.Itoa(a.Revision), a.Ingested.UTC().Format("2006-01-02T15:04:05Z")})
	}
	cw.Flush()
	return cw.Error()
}

// citedColumns are the columns of a citation.
var citedColumns = []string{"article_id", "start", "end", "cited_text"}

func citedCells(c text.Citation) []string {
	return []string{c.ArticleID, strconv.Itoa(c.Start), strconv.Itoa(c.End), c.Text}
}

// firstSpan is an item's first citation (an empty one when it has none).
func firstSpan(spans []text.Citation) text.Citation {
	if len(spans) == 0 {
		return text.Citation{}
	}
	return spans[0]
}

// ReportsCSV writes one section of story reports as one CSV table,
// the story's id first on every row.
func ReportsCSV(w io.Writer, rs *compare.Reports, section string) error {
	if err := CheckSection(section); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	for i, st := range rs.Reports {
		header, rows := sectionRows(st, section)
		if i == 0 {
			cw.Write(append([]string{"story_id"}, header...))
		}
		for _, r := range rows {
			cw.Write(append([]string{st.ID}, r...))
		}
	}
	if len(rs.Reports) == 0 {
		header, _ := sectionRows(&compare.Report{}, section)
		cw.Write(append([]string{"story_id"}, header...))
	}
	cw.Flush()
	return cw.Error()
}

// sectionRows is one section of a report as a table.
func sectionRows(st *compare.Report, section string) (header []string, rows [][]string) {
	row := func(cells ...string) { rows = append(rows, cells) }
	switch section {
	case "articles":
		header = []string{"article_id", "outlet", "title", "published", "url", "copy"}
		for _, a := range st.Articles {
			row(a.ID, a.Outlet, a.Title, a.Published, a.URL, a.Copy)
		}
	case "facts":
		header = append([]string{"fact", "similarity", "outlet", "sentence"}, citedColumns...)
		for i, f := range st.SharedFacts {
			for k, s := range f.Sentences {
				outlet := ""
				if k < len(f.Outlets) {
					outlet = f.Outlets[k]
				}
				row(append([]string{strconv.Itoa(i + 1), strconv.FormatFloat(f.Similarity, 'f', 2, 64), outlet, s.Text}, citedCells(firstSpan(s.Spans))...)...)
			}
		}
	case "conflicts":
		header = append([]string{"conflict", "kind", "verdict", "reason", "outlet", "value"}, citedColumns...)
		for i, c := range st.Conflicts {
			for _, v := range c.Values {
				row(append([]string{strconv.Itoa(i + 1), c.Kind, c.Verdict, c.Reason, v.Outlet, v.Value}, citedCells(firstSpan(v.Spans))...)...)
			}
		}
	case "quotes":
		header = append([]string{"group", "speaker", "outlet", "speaker_as_written", "kind", "words"}, citedColumns...)
		for i, g := range st.Quotes {
			for _, q := range g.Wordings {
				row(append([]string{strconv.Itoa(i + 1), g.Speaker, q.Outlet, q.Speaker, q.Kind, q.Words}, citedCells(firstSpan(q.Spans))...)...)
			}
		}
	case "unique":
		header = append([]string{"outlet", "list", "text"}, citedColumns...)
		for _, o := range st.Unique {
			for _, l := range []struct {
				name  string
				items []compare.Cited
			}{{"only", o.Only}, {"details", o.Details}, {"left_out", o.LeftOut}} {
				for _, c := range l.items {
					row(append([]string{o.Outlet, l.name, c.Text}, citedCells(firstSpan(c.Spans))...)...)
				}
			}
		}
	case "copies":
		header = []string{"article_id", "of_id", "relation", "overlap", "edit_words", "wire", "shared_passages"}
		for _, c := range st.Copies {
			row(c.Article, c.Of, c.Relation, strconv.FormatFloat(c.Overlap, 'f', 3, 64), strconv.Itoa(c.EditWords), c.Wire, strconv.Itoa(len(c.Passages)/2))
		}
	case "timeline":
		header = append([]string{"date", "until", "label", "sentence"}, citedColumns...)
		for _, e := range st.Timeline {
			row(append([]string{e.Date, e.Until, e.Label, e.Sentence.Text}, citedCells(firstSpan(e.Sentence.Spans))...)...)
		}
	}
	return header, rows
}
