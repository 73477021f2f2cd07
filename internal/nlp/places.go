package nlp

import (
	"strings"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/geo"
	"github.com/parallax-news/parallax/internal/words"
)

// resolvePlaces resolves every LOC entity against the gazetteer, using the
// article's other places as context.
func (an *Analyzer) resolvePlaces(s string, a *Analysis, d *extract.Document, stop *stopper) []Place {
	ctx := geo.Context{Countries: map[string]bool{}, Regions: map[string]bool{}, Near: &geo.Nearby{}}
	// Countries and regions first: they are the context for cities.
	var locs []int
	institutions := institutionNames(a)
	for i, m := range a.Mentions {
		if m.Kind != "name" || m.Entity < 0 || a.Entities[m.Entity].Type != "LOC" {
			continue
		}
		if name := placeName(m.Text); !institutions[strings.ToLower(name)] && !unknownAcronym(name) {
			locs = append(locs, i)
		}
	}
	if d.Dateline != nil && d.Dateline.Place.Value != "" {
		if p, ok := an.gaz.Resolve(d.Dateline.Place.Value, ctx); ok && p.Kind != geo.City {
			ctx.Countries[p.Country] = true
		}
	}
	firstReading := map[string]int{} // country → mentions read in it, context aside
	for _, i := range locs {
		if stop.every() {
			return nil
		}
		name := placeName(a.Mentions[i].Text)
		p, ok := an.gaz.Resolve(name, geo.Context{})
		if !ok {
			continue
		}
		firstReading[p.Country]++
		bigCity := false
		for _, c := range an.gaz.Lookup(name) {
			if c.Kind == geo.City && (c.Capital || c.Population > 100000) {
				bigCity = true
			}
		}
		switch {
		case p.Kind == geo.Country:
			ctx.Countries[p.Country] = true
		case p.Kind == geo.Region && !bigCity:
			// "Florida" sets the scene; "Washington" or "Kyiv" may
			// name the city as well as its region, so they do not.
			ctx.Regions[p.ID] = true
			ctx.Countries[p.Country] = true
		}
	}
	ctx.Dominant = dominantCountry(firstReading)
	surnames := map[string]bool{} // of the people the article names in full
	for _, e := range a.Entities {
		if f := strings.Fields(e.Name); e.Type == "PER" && len(f) >= 2 {
			surnames[f[len(f)-1]] = true
		}
	}
	var out []Place
	resolved := map[int]*geo.Place{}
	for k, i := range locs {
		if stop.every() {
			return nil
		}
		m := a.Mentions[i]
		ctx.Within = ""
		// "Miami, Florida", "Geneva, Alabama": the next name says where.
		if k+1 < len(locs) {
			next := a.Mentions[locs[k+1]]
			if gap := s[m.Span.End:next.Span.Start]; strings.TrimSpace(gap) == "," {
				if w, ok := an.gaz.Resolve(placeName(next.Text), geo.Context{}); ok && w.Kind != geo.City {
					ctx.Within = w.Country
					if w.Kind == geo.Region {
						if strings.Contains(w.ID, ".") {
							ctx.Within = w.ID
						} else {
							ctx.Within = w.Country + "." + w.ID[3:]
						}
					}
				}
			}
		}
		name := placeName(m.Text)
		p, ok := an.gaz.Resolve(name, ctx)
		if !ok || namesAPerson(surnames, name, p, ctx.Dominant) || strayTown(p, ctx) {
			continue
		}
		ctx.Near.Add(p)
		resolved[m.Entity] = p
		pl := Place{Mention: m.Span, Text: m.Text, Entity: m.Entity, Name: p.Name, Kind: p.Kind, Country: p.Country,
			Lat: p.Lat, Lon: p.Lon, Population: p.Population, GeoID: p.ID, Zone: an.gaz.Zone(p), place: p}
		if c := an.gaz.Country(p.Country); c != nil {
			pl.CountryName = c.Name
		}
		if r := an.gaz.Region(p); r != nil {
			pl.Region = r.Name
		}
		out = append(out, pl)
	}
	// Each entity's place is its last mention's reading, given as the
	// first place in the text that reads it so.
	first := map[entityPlace]int{}
	for i := len(out) - 1; i >= 0; i-- {
		first[entityPlace{out[i].Entity, out[i].place}] = i
	}
	for id, p := range resolved {
		if i, ok := first[entityPlace{id, p}]; ok {
			cp := out[i]
			a.Entities[id].Place = &cp
		}
	}
	return out
}

// entityPlace is an entity read as a place.
type entityPlace struct {
	entity int
	place  *geo.Place
}

// dominantCountry returns the country at least 70% of the place mentions
// (three or more) are in on a first reading, or "".
func dominantCountry(mentions map[string]int) string {
	n := 0
	for _, k := range mentions {
		n += k
	}
	for c, k := range mentions {
		if k >= 3 && k*10 >= n*7 {
			return c
		}
	}
	return ""
}

// institutionNames returns the lower-cased names that an organisation of
// the article extends with an institution word ("Georgetown" of
// "Georgetown University"): the bare name then means the institution, not
// a town.
func institutionNames(a *Analysis) map[string]bool {
	out := map[string]bool{}
	for _, e := range a.Entities {
		if e.Type != "ORG" {
			continue
		}
		f := strings.Fields(e.Name)
		if len(f) >= 2 && institutionWords[strings.ToLower(f[len(f)-1])] {
			out[strings.ToLower(strings.Join(f[:len(f)-1], " "))] = true
		}
	}
	return out
}

var institutionWords = words.Set(`university college school hospital institute academy seminary`)

// namesAPerson reports whether a name tagged as a place that resolved to
// p is rather the person the article names with that surname: "Obama" in
// a story about Barack Obama is not Obama, Japan. A country, a region or
// a large city of the story's own country keeps the place reading
// ("Washington" next to George Washington).
func namesAPerson(surnames map[string]bool, name string, p *geo.Place, dominant string) bool {
	return surnames[name] && p.Kind == geo.City && (p.Population < 100000 || p.Country != dominant)
}

// strayTown reports whether p is a small town abroad that nothing in the
// text points to: a story set in one country whose text never names the
// town's country nor says where the town is. Such a reading is a word
// that happens to be a town's name ("Obama" in Fukui, Japan, in a story
// set in Washington).
func strayTown(p *geo.Place, ctx geo.Context) bool {
	return p.Kind == geo.City && !p.Capital && p.Population < 100000 && ctx.Dominant != "" && p.Country != ctx.Dominant &&
		!ctx.Countries[p.Country] && ctx.Within == ""
}

// unknownAcronym reports whether a name is two or three capitals the
// gazetteer does not know as an abbreviation: "IG" for an inspector
// general is not Ig, Slovenia, nor "WA" Wa, Ghana; "US" is the United
// States. (Longer words in capitals are place names set in capitals, as
// datelines are: "DES MOINES, IOWA".)
func unknownAcronym(name string) bool {
	if len(name) < 2 || len(name) > 3 || geo.IsAlias(name) {
		return false
	}
	for i := 0; i < len(name); i++ {
		if name[i] < 'A' || name[i] > 'Z' {
			return false
		}
	}
	return true
}

// placeName drops a possessive ("Ukraine's" → "Ukraine") and spells out
// a state abbreviation ("Mo." → "Missouri").
func placeName(s string) string {
	return geo.Expand(strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s"))
}
