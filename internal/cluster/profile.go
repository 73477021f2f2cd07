package cluster

import (
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/nlp"
)

// FromAnalysis builds the clustering view of an analysed article: title
// and body terms from its cleaned text, and its names from the analysis
// (people by surname, places by gazetteer id when resolved).
//
// The body holds the title's words too: a headline states the event most
// plainly. An article without a headline is titled by its first sentence.
func FromAnalysis(id string, t time.Time, title, text string, a *nlp.Analysis) Profile {
	if title == "" && a != nil && len(a.Sentences) > 0 {
		title = a.Sentences[0].Of(text)
	}
	d := Profile{ID: id, Time: t, Title: Terms(title), Body: Terms(text)}
	if a == nil {
		return d
	}
	places := map[int]string{}
	for _, p := range a.Places {
		places[p.Entity] = p.GeoID
	}
	for _, m := range a.Mentions {
		if m.Entity < 0 || m.Kind != "name" {
			continue
		}
		e := a.Entities[m.Entity]
		switch e.Type {
		case "PER":
			d.People = append(d.People, nameKey(e.Name, true))
		case "ORG":
			d.Orgs = append(d.Orgs, nameKey(e.Name, false))
		case "LOC":
			if g, ok := places[e.ID]; ok && g != "" {
				d.Places = append(d.Places, g)
			} else {
				d.Places = append(d.Places, nameKey(e.Name, false))
			}
		default:
			d.Other = append(d.Other, nameKey(e.Name, false))
		}
	}
	for _, q := range a.Quantities {
		if q.Kind != "count" || q.Value >= 10 {
			d.Other = append(d.Other, q.Kind+":"+strings.ToLower(q.Text))
		}
	}
	return d
}

// nameKey normalises a name: lower case; a person by surname, since
// "Marco Rubio", "Rubio" and "Sen. Rubio" are the same man.
func nameKey(name string, person bool) string {
	f := strings.Fields(strings.ToLower(name))
	if len(f) == 0 {
		return ""
	}
	if person {
		return f[len(f)-1]
	}
	return strings.Join(f, " ")
}
