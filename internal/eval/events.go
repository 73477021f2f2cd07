package eval

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// EventDoc is one article of an event-labelled file: ECB+ style lines
// ({"id","date","title","text","cluster"}) or BASIL lines (one event with
// its articles, each identified as "<event_id>/<source>").
type EventDoc struct {
	ID, Date, Title, Text string
	Outlet                string
	// Label is the gold event; Group is what cross-validation keeps
	// together (the ECB+ topic, which holds two look-alike events, or the
	// BASIL event).
	Label, Group string
}

// BasilEvent is one event of the BASIL data: its three articles, each
// with the annotators' bias spans.
type BasilEvent struct {
	EventID  string `json:"event_id"`
	Articles []struct {
		Source      string `json:"source"`
		Title       string `json:"title"`
		Date        string `json:"date"`
		Text        string `json:"text"`
		Annotations []struct {
			Bias      string `json:"bias"`
			Quote     string `json:"quote"`
			Speaker   string `json:"speaker"`
			TextStart *int   `json:"text_start"`
			TextEnd   *int   `json:"text_end"`
		} `json:"annotations"`
	} `json:"articles"`
}

// ReadEventDocs reads an event-labelled file in stream order: file order
// for ECB+ lines, date order for BASIL's articles (events in file order
// break ties).
func ReadEventDocs(path string, eachLine func(string, func([]byte) error) error) ([]EventDoc, error) {
	var out []EventDoc
	basil := false
	err := eachLine(path, func(b []byte) error {
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(b, &probe); err != nil {
			return err
		}
		if _, ok := probe["articles"]; ok {
			basil = true
			var ev BasilEvent
			if err := json.Unmarshal(b, &ev); err != nil {
				return err
			}
			for _, a := range ev.Articles {
				out = append(out, EventDoc{ID: ev.EventID + "/" + a.Source, Date: a.Date, Title: a.Title, Text: a.Text,
					Outlet: a.Source, Label: ev.EventID, Group: ev.EventID})
			}
			return nil
		}
		var d struct{ ID, Date, Title, Text, Cluster string }
		if err := json.Unmarshal(b, &d); err != nil {
			return err
		}
		if d.ID == "" || d.Cluster == "" {
			return fmt.Errorf("line has no id or cluster")
		}
		topic, _, _ := strings.Cut(d.Cluster, "_")
		out = append(out, EventDoc{ID: d.ID, Date: d.Date, Title: d.Title, Text: d.Text, Outlet: "ecb", Label: d.Cluster, Group: topic})
		return nil
	})
	if basil {
		sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	}
	return out, err
}
