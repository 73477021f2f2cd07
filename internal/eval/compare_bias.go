package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/timex"
)

// RunBias builds the story report of every BASIL event (its three
// articles as one story) and writes to w what BASIL's own annotations
// allow measuring (see the help of 'parallax eval compare --bias'):
// quotes found and attributed, informational-bias sentences listed as
// only in their outlet.
func RunBias(w io.Writer, data string) error {
	an, err := nlp.Default()
	if err != nil {
		return err
	}
	var m compareCounts
	events := 0
	start := time.Now()
	err = EachJSONLine(data, func(b []byte) error {
		var ev BasilEvent
		if err := json.Unmarshal(b, &ev); err != nil {
			return err
		}
		st, recs := basilStory(&ev, an)
		events++
		m.add(&ev, st, recs)
		return nil
	})
	if err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Fprintf(w, "events            %d reports built without error (%.2f s per event, analysis included)\n", events, el.Seconds()/float64(events))
	fmt.Fprintf(w, "quotes found      %.4f (%d/%d annotated quotation spans overlap a listed quote)\n", ratio(m.quoteFound, m.quotes), m.quoteFound, m.quotes)
	fmt.Fprintf(w, "quotes attributed %.4f (%d/%d named-speaker spans whose quote has that speaker)\n", ratio(m.attrOK, m.named), m.attrOK, m.named)
	fmt.Fprintf(w, "unique facts      %.4f (%d/%d informational-bias sentences listed as only in their outlet); base rate %.4f (%d/%d sentences listed)\n",
		ratio(m.infUnique, m.inf), m.infUnique, m.inf, ratio(m.listed, m.sentences), m.listed, m.sentences)
	fmt.Fprintf(w, "shared facts      %.1f per event; conflicts %.1f per event\n", float64(m.facts)/float64(events), float64(m.conflicts)/float64(events))
	return nil
}

// basilStory builds the report of one BASIL event.
func basilStory(ev *BasilEvent, an *nlp.Analyzer) (*compare.Report, []compareRec) {
	var arts []ingest.Article
	for _, a := range ev.Articles {
		art := ingest.Article{ID: ev.EventID + "/" + a.Source, Outlet: a.Source, Format: ingest.FormatText, Title: a.Title, Raw: a.Text, Container: "jsonl"}
		if m, ok := timex.DayOf(a.Date); ok {
			art.Published = m
		}
		arts = append(arts, art)
	}
	recs, _ := engine.Prepare(context.Background(), arts, an)
	idx := dedup.NewIndex(0)
	var in []compare.Article
	var copies []dedup.CopyLink
	var out []compareRec
	for i := range recs {
		r := &recs[i]
		sig := dedup.Sign(r.Doc.Text)
		copies = append(copies, idx.Add(r.Article.ID, time.Time{}, sig)...)
		a := engine.CompareArticle(r)
		in = append(in, a)
		out = append(out, compareRec{id: r.Article.ID, raw: r.Article.Raw, text: r.Doc.Text, analysis: a.Analysis})
	}
	return compare.Build(ev.EventID, in, copies), out
}

// compareRec keeps what the measures need of an analysed article.
type compareRec struct {
	id, raw, text string
	analysis      *nlp.Analysis
}

type compareCounts struct {
	quotes, quoteFound, named, attrOK int
	inf, infUnique, sentences, listed int
	facts, conflicts                  int
}

func (m *compareCounts) add(ev *BasilEvent, st *compare.Report, recs []compareRec) {
	m.facts += len(st.SharedFacts)
	m.conflicts += len(st.Conflicts)
	only := map[string]map[int]bool{} // article → start of listed sentences (code points)
	for _, u := range st.Unique {
		only[u.Article] = map[int]bool{}
		for _, s := range u.Only {
			only[u.Article][s.Spans[0].Start] = true
		}
		m.listed += len(u.Only)
	}
	for k, a := range ev.Articles {
		rec := recs[k]
		// BASIL offsets index the article text as given (our raw input);
		// the cleaned text holds the title first, so spans are found by
		// their words.
		off := text.NewOffsets(rec.raw)
		cOff := text.NewOffsets(rec.text)
		for _, s := range rec.analysis.Sentences {
			if len(strings.Fields(s.Of(rec.text))) >= 5 {
				m.sentences++
			}
		}
		for _, an := range a.Annotations {
			if an.TextStart == nil || an.TextEnd == nil {
				continue
			}
			span := rec.raw[off.Byte(*an.TextStart):off.Byte(*an.TextEnd)]
			at := strings.Index(rec.text, span)
			if at < 0 {
				continue
			}
			sp := text.Span{Start: at, End: at + len(span)}
			switch {
			case an.Quote == "yes":
				m.quotes++
				q := quoteOver(rec.analysis, sp)
				if q != nil {
					m.quoteFound++
				}
				if label := surnameOf(strings.ReplaceAll(an.Speaker, "_", " ")); label != "" && personNamed(rec.analysis, label) {
					m.named++
					if q != nil && q.SpeakerName != "" && surnameOf(q.SpeakerName) == surnameOf(strings.ReplaceAll(an.Speaker, "_", " ")) {
						m.attrOK++
					} else if os.Getenv("DEBUGCOMPARE") != "" {
						got := "(no quote)"
						if q != nil {
							got = q.SpeakerName + " / " + q.Speaker.Of(rec.text)
						}
						fmt.Fprintf(os.Stderr, "MISS %s: label %s got %q for %.80q\n", rec.id, an.Speaker, got, span)
					}
				}
			case an.Bias == "inf":
				m.inf++
				for _, s := range rec.analysis.Sentences {
					if s.Overlaps(sp) && only[rec.id][cOff.Rune(s.Start)] {
						m.infUnique++
						break
					}
				}
			}
		}
	}
}

// personNamed reports whether the article names a person with this
// surname: BASIL speaker labels are names ("Donald_Trump") or groups
// ("Democratic_Lawmakers", "other_anti"); only names can be checked.
func personNamed(a *nlp.Analysis, surname string) bool {
	for _, e := range a.Entities {
		if e.Type == "PER" && len(e.Mentions) > 0 && surnameOf(e.Name) == surname {
			return true
		}
	}
	return false
}

func quoteOver(a *nlp.Analysis, sp text.Span) *nlp.QuoteInfo {
	for i := range a.Quotes {
		if a.Quotes[i].Kind != "indirect" && a.Quotes[i].Span.Overlaps(sp) {
			return &a.Quotes[i]
		}
	}
	return nil
}

func surnameOf(name string) string {
	f := strings.Fields(strings.ToLower(name))
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}
