package compare

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/timex"
)

// event finds when, where and who: the date most articles give the
// event, the place each gives it (and what they share), the people and
// organisations taking part.
func (b *builder) event() Event {
	ev := Event{Participants: b.participants()}
	ev.Where = b.where()
	ev.When = b.when(ev.Where)
	return ev
}

// venue is the place an article gives the event: the first city it
// names outside quotations and its dateline (the dateline says where the
// reporter was, which need not be where it happened), else the dateline's
// city, else the first region named.
func (b *builder) venue(a *art) *nlp.Place {
	var region, dateline *nlp.Place
	for _, s := range a.sents {
		if s.quoted {
			continue
		}
		for k := range s.places {
			p := &s.places[k]
			if a.Doc.Dateline != nil && a.Doc.Dateline.Span.Contains(p.Mention) {
				if dateline == nil && p.Kind == "city" {
					dateline = p
				}
				continue
			}
			if p.Kind == "city" {
				return p
			}
			if region == nil && p.Kind == "region" {
				region = p
			}
		}
	}
	if dateline != nil {
		return dateline
	}
	return region
}

// where reports each outlet's place for the event and the most precise
// place they all agree on: the same place, or the region (or country)
// that contains them all.
func (b *builder) where() *Where {
	b.venues = make([]*nlp.Place, len(b.arts))
	var vals []PlaceValue
	var places []*nlp.Place
	for i, a := range b.arts {
		p := b.venue(a)
		b.venues[i] = p
		if p == nil {
			continue
		}
		places = append(places, p)
		vals = append(vals, PlaceValue{Outlet: a.Outlet, Name: p.Name, Region: p.Region, Country: p.CountryName,
			Lat: round3(p.Lat), Lon: round3(p.Lon), Spans: []text.Citation{b.cite(i, p.Mention)}})
	}
	if len(places) == 0 {
		return nil
	}
	w := &Where{ByOutlet: vals}
	first := places[0]
	same, sameRegion, sameCountry := true, true, true
	for _, p := range places[1:] {
		same = same && p.GeoID == first.GeoID
		sameRegion = sameRegion && p.Region != "" && p.Region == first.Region && p.Country == first.Country
		sameCountry = sameCountry && p.Country == first.Country
	}
	switch {
	case same:
		w.Name, w.Region, w.Country = first.Name, first.Region, first.CountryName
		w.Lat, w.Lon = first.Lat, first.Lon
	case sameRegion:
		w.Name, w.Country = first.Region, first.CountryName
		w.Lat, w.Lon = centre(places)
	case sameCountry:
		w.Name = first.CountryName
		w.Lat, w.Lon = centre(places)
	default:
		w.Name = "(outlets differ)"
		w.Lat, w.Lon = centre(places)
	}
	w.Lat, w.Lon = round3(w.Lat), round3(w.Lon)
	w.Zone = first.Zone
	for _, p := range places {
		if w.Zone == "" {
			w.Zone = p.Zone
		}
	}
	return w
}

func centre(ps []*nlp.Place) (float64, float64) {
	var lat, lon float64
	for _, p := range ps {
		lat += p.Lat
		lon += p.Lon
	}
	return lat / float64(len(ps)), lon / float64(len(ps))
}

// when picks the date the most articles give the event: each article
// votes once for each date its time expressions resolve to, with double
// weight in its first paragraphs and in facts other outlets share.
func (b *builder) when(where *Where) *When {
	votes := map[string]float64{}
	spans := map[string][]text.Citation{}
	for i, a := range b.arts {
		best := map[string]float64{}
		// A date after the article's own day is a plan, not the event.
		ref := ""
		if r := a.Analysis.Reference; !r.IsZero() {
			ref = r.Local().Format("2006-01-02")
		}
		lede := true // the first sentence that dates anything: the news
		for _, s := range a.sents {
			if s.quoted {
				continue
			}
			dated := false
			for _, t := range s.times {
				if t.When.IsZero() || !t.Until.IsZero() {
					continue // a range ("next week") does not date the event
				}
				d := t.When.Local().Format("2006-01-02")
				if a.Doc.Dateline != nil && a.Doc.Dateline.Span.Contains(t.Span) || ref != "" && d > ref {
					continue
				}
				spans[d] = append(spans[d], b.cite(i, t.Span))
				w := 1.0
				switch {
				case lede:
					w = 3 // "Trump on Monday said…": earlier dates are background
				case s.idx < 4 || s.fact != nil:
					w = 2
				}
				best[d] = max(best[d], w)
				dated = true
			}
			if dated {
				lede = false
			}
		}
		for d, w := range best {
			votes[d] += w
		}
	}
	if len(votes) == 0 {
		return nil
	}
	var dates []string
	for d := range votes {
		dates = append(dates, d)
	}
	sort.Slice(dates, func(i, j int) bool {
		if votes[dates[i]] != votes[dates[j]] {
			return votes[dates[i]] > votes[dates[j]]
		}
		return dates[i] < dates[j]
	})
	w := &When{Date: dates[0], Spans: spans[dates[0]]}
	if where != nil {
		w.Zone = where.Zone
	}
	return w
}

// participants are the people and organisations the articles name,
// merged across articles, most widely named first.
func (b *builder) participants() []Participant {
	type part struct {
		p        Participant
		outlets  map[string]bool
		mentions int
		first    int
		best     int // mentions of the entity whose name is shown
	}
	byKey := map[string]*part{}
	var order []string
	for i, a := range b.arts {
		an := a.Analysis
		sources := map[string]bool{}
		for _, at := range an.Attributions {
			sources[strings.ToLower(at.Source)] = true
		}
		for _, e := range an.Entities {
			if (e.Type != "PER" && e.Type != "ORG") || len(e.Mentions) == 0 {
				continue
			}
			if e.Type == "ORG" && (sources[strings.ToLower(e.Name)] || nlp.IsMediaName(e.Name)) {
				continue // a source the article cites or a medium, not a party to the event
			}
			k := b.entityKey(e)
			pt := byKey[k]
			if pt == nil {
				pt = &part{p: Participant{Name: e.Name, Type: e.Type, Spans: []text.Citation{}}, outlets: map[string]bool{}, first: len(order)}
				byKey[k] = pt
				order = append(order, k)
			}
			// The name of the most mentioned form, the fuller on a tie:
			// "Marco Rubio" over "Rubio", not a headline's run of words.
			if n := len(e.Mentions); n > pt.best || n == pt.best && len(strings.Fields(e.Name)) > len(strings.Fields(pt.p.Name)) {
				pt.p.Name, pt.best = e.Name, n
			}
			if e.Type == "PER" {
				pt.p.Type = "PER" // a person also tagged as an organisation ("Trump") is a person
			}
			pt.outlets[a.Outlet] = true
			pt.mentions += len(e.Mentions)
			for _, mi := range e.Mentions {
				pt.p.Spans = append(pt.p.Spans, b.cite(i, an.Mentions[mi].Span))
			}
			for _, r := range e.Roles {
				pt.p.Roles = append(pt.p.Roles, b.cited(i, r.Span))
			}
		}
	}
	out := []Participant{}
	sort.SliceStable(order, func(i, j int) bool {
		a, c := byKey[order[i]], byKey[order[j]]
		if len(a.outlets) != len(c.outlets) {
			return len(a.outlets) > len(c.outlets)
		}
		return a.mentions > c.mentions
	})
	for _, k := range order {
		pt := byKey[k]
		for o := range pt.outlets {
			pt.p.Outlets = append(pt.p.Outlets, o)
		}
		sort.Strings(pt.p.Outlets)
		out = append(out, pt.p)
	}
	return out
}

// atZone writes an instant on a zone's clock: "2025-11-30 22:04 EST".
func atZone(m timex.Moment, zone string) string {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return ""
	}
	return m.UTC.In(loc).Format("2006-01-02 15:04 MST") + " (" + zone + ")"
}

// distanceKm is the great-circle distance between two places.
func distanceKm(a, b *nlp.Place) float64 {
	const r = 6371.0
	la1, la2 := a.Lat*math.Pi/180, b.Lat*math.Pi/180
	dla, dlo := la2-la1, (b.Lon-a.Lon)*math.Pi/180
	h := math.Sin(dla/2)*math.Sin(dla/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dlo/2)*math.Sin(dlo/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}
