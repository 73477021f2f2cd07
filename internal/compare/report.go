// Package compare builds the story report: how the articles of one story
// agree, differ, omit and copy. It aligns their sentences into facts,
// finds conflicting values and judges whether they really conflict,
// groups quotes across outlets with their wording differences, traces
// copies and attributions, places events on a timeline and picks an
// extractive summary. Every item cites the spans it rests on; the report
// contains no generated prose beyond labels.
package compare

import (
	"fmt"

	"github.com/parallax-news/parallax/internal/diff"
	"github.com/parallax-news/parallax/internal/text"
)

// Reports is the top level of the JSON report.
type Reports struct {
	Reports []*Report `json:"stories"`
}

// Story is the report on one story.
type Report struct {
	ID          string          `json:"id"`
	Title       Cited           `json:"title"`
	Event       Event           `json:"event"`
	Articles    []ArticleEntry  `json:"articles"`
	SharedFacts []Fact          `json:"shared_facts"`
	Conflicts   []Conflict      `json:"conflicts"`
	Unique      []OutletFacts   `json:"unique_facts"`
	Quotes      []QuoteGroup    `json:"quotes"`
	Copies      []Copy          `json:"copies"`
	Attribution []ChainNode     `json:"attribution"`
	Timeline    []TimelineEntry `json:"timeline"`
	Summary     []Cited         `json:"summary"`
	// Updates are the revisions Parallax read of the story's articles and
	// the corrections and update notes they carry.
	Updates []Update `json:"updates,omitempty"`
	// Compared lists the articles compared sentence by sentence when the
	// story has more than MaxCompared; empty when all were.
	Compared []string `json:"compared,omitempty"`
	// Coverage is the story's coverage by the outlet groups of the user's
	// registry (see package outlets): added when a report is shown, not
	// stored, since the user may edit the registry at any time.
	Coverage []GroupCoverage `json:"coverage,omitempty"`
}

// GroupCoverage is one group of outlets and those of it that cover a
// story.
type GroupCoverage struct {
	Group    string   `json:"group"`
	Outlets  []string `json:"outlets"` // display names
	Articles int      `json:"articles"`
}

// ComparedNote says how many articles the comparison read, when not all:
// "" for a story of at most MaxCompared articles.
func (st *Report) ComparedNote() string {
	if len(st.Compared) == 0 {
		return ""
	}
	return fmt.Sprintf("compared sentence by sentence: %d of %d articles (the first report of each copy family, new outlets first, by publication time)",
		len(st.Compared), len(st.Articles))
}

// Cited is a piece of text with the spans it comes from.
type Cited struct {
	Text  string          `json:"text"`
	Spans []text.Citation `json:"spans"`
	// Updates index Story.Updates: the revisions and notes that changed
	// or corrected the sentences cited.
	Updates []int `json:"updates,omitempty"`
}

// ArticleEntry is an article as the report carries it: the texts all its
// offsets refer to.
type ArticleEntry struct {
	ID        string `json:"id"`
	Outlet    string `json:"outlet"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title"`
	Published string `json:"published,omitempty"` // RFC 3339 in UTC
	// PublishedAsWritten is the time as the source wrote it ("Dec 1, 2025
	// 08:34 IST"); PublishedAtEvent the same instant on the clock of the
	// place the event happened.
	PublishedAsWritten string `json:"published_as_written,omitempty"`
	PublishedAtEvent   string `json:"published_at_event,omitempty"`
	Copy               string `json:"copy,omitempty"` // "verbatim wire copy of IANS", …
	Text               string `json:"text"`
	Raw                string `json:"raw"`
	// OutletName and Groups come from the user's outlet registry when a
	// report is shown (see Coverage).
	OutletName string   `json:"outlet_name,omitempty"`
	Groups     []string `json:"groups,omitempty"`
}

// Event is what the story is about: when, where and who.
type Event struct {
	When         *When         `json:"when,omitempty"`
	Where        *Where        `json:"where,omitempty"`
	Participants []Participant `json:"participants"`
}

// When is the event's date, resolved, with the expressions that give it.
type When struct {
	Date  string          `json:"date"` // YYYY-MM-DD on the event's clock
	Zone  string          `json:"zone,omitempty"`
	Spans []text.Citation `json:"spans"`
}

// Where is the event's place, as precisely as the outlets agree, with
// each outlet's own reading.
type Where struct {
	Name     string       `json:"name"`
	Region   string       `json:"region,omitempty"`
	Country  string       `json:"country,omitempty"`
	Lat      float64      `json:"lat"`
	Lon      float64      `json:"lon"`
	Zone     string       `json:"zone,omitempty"`
	ByOutlet []PlaceValue `json:"by_outlet"`
}

// PlaceValue is one outlet's place.
type PlaceValue struct {
	Outlet  string          `json:"outlet"`
	Name    string          `json:"name"`
	Region  string          `json:"region,omitempty"`
	Country string          `json:"country,omitempty"`
	Lat     float64         `json:"lat"`
	Lon     float64         `json:"lon"`
	Spans   []text.Citation `json:"spans"`
}

// Participant is a person or organisation taking part, with roles.
type Participant struct {
	Name    string          `json:"name"`
	Type    string          `json:"type"`
	Roles   []Cited         `json:"roles,omitempty"`
	Outlets []string        `json:"outlets"`
	Spans   []text.Citation `json:"spans"`
}

// Fact is a claim two or more outlets carry: one sentence per outlet.
type Fact struct {
	Outlets   []string `json:"outlets"`
	Sentences []Cited  `json:"sentences"`
	// Similarity is the mean alignment score of its sentences.
	Similarity float64         `json:"similarity"`
	Spans      []text.Citation `json:"spans"`
	// Updates index Story.Updates, as for Cited.
	Updates []int `json:"updates,omitempty"`
}

// Conflict is a slot on which outlets give different values, with a
// verdict: "conflict", "compatible" (a difference of precision or time
// zone) or "unclear".
type Conflict struct {
	Kind    string          `json:"kind"` // place, number, date, speaker, statement
	Verdict string          `json:"verdict"`
	Reason  string          `json:"reason"`
	Values  []ConflictValue `json:"values"`
	Spans   []text.Citation `json:"spans"`
}

// ConflictValue is one outlet's value.
type ConflictValue struct {
	Outlet string          `json:"outlet"`
	Value  string          `json:"value"`
	Spans  []text.Citation `json:"spans"`
}

// OutletFacts lists what only one outlet reports, and what it leaves out.
type OutletFacts struct {
	Outlet  string `json:"outlet"`
	Article string `json:"article_id"`
	// Only is what no other report says, most newsworthy first.
	Only []Cited `json:"only"`
	// Details are names and numbers the outlet gives in a fact others
	// share, that no other report gives (the length of the talks, who
	// else attended).
	Details []Cited `json:"details"`
	// LeftOut is what the other reports say that this one does not, most
	// newsworthy first, at most ten; LeftOutMore counts the rest.
	LeftOut     []Cited `json:"left_out"`
	LeftOutMore int     `json:"left_out_more,omitempty"`
}

// QuoteGroup is one utterance: each outlet's wording, with a word diff
// against the first wording.
type QuoteGroup struct {
	Speaker    string          `json:"speaker"`
	Wordings   []Wording       `json:"wordings"`
	Paraphrase []Cited         `json:"paraphrases,omitempty"`
	OneOutlet  bool            `json:"one_outlet"`
	Spans      []text.Citation `json:"spans"`
}

// Wording is one outlet's version of a quote.
type Wording struct {
	Outlet  string `json:"outlet"`
	Speaker string `json:"speaker,omitempty"`
	// SpeakerConfidence is how sure the attribution is (0 to 1), by how
	// the speaker was found: a name in the speech tag is surest.
	SpeakerConfidence float64     `json:"speaker_confidence,omitempty"`
	Words             string      `json:"words"`
	Kind              string      `json:"kind"`
	Diff              []diff.Part `json:"diff,omitempty"`
	// Partial marks a wording that quotes only part of the first one; its
	// diff covers that part.
	Partial bool            `json:"partial,omitempty"`
	Spans   []text.Citation `json:"spans"`
}

// Copy is a copy relation between two articles of the story.
type Copy struct {
	Article  string  `json:"article_id"`
	Of       string  `json:"of_id"`
	Relation string  `json:"relation"`
	Overlap  float64 `json:"overlap"`
	// EditWords is the number of content words not shared in order.
	EditWords int             `json:"edit_words"`
	Wire      string          `json:"wire,omitempty"`
	Passages  []text.Citation `json:"spans"`
}

// ChainNode is a node of the attribution tree: an outlet, the wire it
// republishes, the sources it cites.
type ChainNode struct {
	Name     string          `json:"name"`
	Kind     string          `json:"kind"` // outlet, wire, cites, channel, photo
	Spans    []text.Citation `json:"spans"`
	Children []ChainNode     `json:"children,omitempty"`
}

// TimelineEntry is a dated event mentioned in the articles.
type TimelineEntry struct {
	Date     string          `json:"date"`
	Until    string          `json:"until,omitempty"`
	Label    string          `json:"label"`    // the time expression ("on Sunday")
	Sentence Cited           `json:"sentence"` // where it is said
	Outlets  []string        `json:"outlets"`
	Spans    []text.Citation `json:"spans"`
}
