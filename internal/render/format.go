package render

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/dedup"
)

// Formats are the formats a report is written in.
var Formats = []string{"text", "markdown", "json", "html", "csv"}

// CheckFormat returns an error naming the formats unless format is one.
func CheckFormat(format string) error {
	for _, f := range Formats {
		if f == format {
			return nil
		}
	}
	return fmt.Errorf("unknown --format %q: use text, markdown, json, html or csv", format)
}

// Layout is how a report is laid out: the text format's width and
// colour, the CSV format's section.
type Layout struct {
	Width  int  // wrap lines at this many columns
	Colour bool // bold headings, coloured verdicts and diffs
	// Section is the part of the reports written as CSV (Sections).
	Section string
}

// WriteReports writes story reports in a format: text, markdown, json
// ({"stories":[…]}, indented; docs/report.md), html (one page) or csv
// (one section of every report, as one table).
func WriteReports(w io.Writer, rs *compare.Reports, format string, layout Layout) error {
	switch format {
	case "json":
		return JSON(w, rs)
	case "markdown":
		return ReportMarkdown(w, rs)
	case "html":
		return ReportHTML(w, rs)
	case "text":
		return ReportText(w, rs, layout.Width, layout.Colour)
	case "csv":
		return ReportsCSV(w, rs, layout.Section)
	}
	return CheckFormat(format)
}

// JSON writes v as indented JSON, HTML characters as they are.
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// copyPhrase is what a copy link says of the later article: "is a
// verbatim copy of", "is an edited copy of", "shares passages with".
func copyPhrase(relation string) string {
	switch relation {
	case dedup.Verbatim:
		return "is a verbatim copy of"
	case dedup.Edited:
		return "is an edited copy of"
	case dedup.Shares:
		return "shares passages with"
	}
	return "is a " + relation + " of"
}
