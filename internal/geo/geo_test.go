package geo

import "testing"

func TestResolve(t *testing.T) {
	g := Default()
	us := Context{Countries: map[string]bool{"US": true}}
	usStory := Context{Countries: map[string]bool{"US": true}, Dominant: "US"}
	washington, _ := g.Resolve("Washington", us)
	tests := []struct {
		name    string
		ctx     Context
		country string
		kind    string
		minPop  int
	}{
		{"Hallandale Beach", us, "US", City, 30000},
		{"Miami", us, "US", City, 400000},
		{"Florida", us, "US", Region, 0},
		{"Washington", us, "US", City, 500000},
		{"Moscow", us, "RU", City, 10000000},
		{"Kyiv", Context{}, "UA", City, 2000000},
		{"Kiev", Context{}, "UA", City, 2000000},
		{"Geneva", us, "CH", City, 100000}, // a large city beats Geneva, Alabama
		{"Ukraine", Context{}, "UA", Country, 0},
		{"U.S.", Context{}, "US", Country, 0},
		{"Geneva", Context{Countries: map[string]bool{"US": true}, Within: "US.AL"}, "US", City, 0},
		{"Geneva", Context{Countries: map[string]bool{"US": true}, Regions: map[string]bool{"US.FL": true}}, "CH", City, 100000},
		{"White House", us, "US", City, 500000}, // Washington, not White House, Tennessee
		{"Kremlin", Context{}, "RU", City, 10000000},
		{"Downing Street", Context{}, "GB", City, 5000000},
		{"Wall Street", us, "US", City, 5000000},
		// A story set in the United States: a bare state name is the
		// state, not a town of that name elsewhere in the country.
		{"Florida", usStory, "US", Region, 0},
		{"Iowa", usStory, "US", Region, 0},
		{"Virginia", usStory, "US", Region, 0},
		{"Washington", usStory, "US", City, 500000},
		{"Georgetown", usStory, "US", City, 0},
		// Even without a dominant country, a state of a country the text
		// names beats a small town of that name near the other places.
		{"California", Context{Countries: map[string]bool{"US": true}, Near: nearby(washington)}, "US", Region, 0},
	}
	for _, tc := range tests {
		p, ok := g.Resolve(tc.name, tc.ctx)
		if !ok {
			t.Errorf("%s: not found", tc.name)
			continue
		}
		if p.Country != tc.country || p.Kind != tc.kind || p.Population < tc.minPop {
			t.Errorf("%s: got %s %s %s pop %d", tc.name, p.Name, p.Kind, p.Country, p.Population)
		}
	}
	miami, _ := g.Resolve("Miami", us)
	hb, _ := g.Resolve("Hallandale Beach", us)
	fl, _ := g.Resolve("Florida", us)
	if d := Distance(miami, hb); d < 15 || d > 35 {
		t.Errorf("Miami–Hallandale Beach %.1f km, want about 25", d)
	}
	if !g.Contains(fl, miami) || !g.Contains(fl, hb) {
		t.Error("Florida should contain Miami and Hallandale Beach")
	}
}

// ISO 3166-2 regions have no cities under their codes; they still get a
// place on the map (their city of the same name, else their country's),
// never the point 0°, 0°.
func TestRegionsHaveCoordinates(t *testing.T) {
	g := Default()
	for _, name := range []string{"Essex", "Casablanca", "Enna"} {
		for _, p := range g.Lookup(name) {
			if p.Kind == Region && p.Lat == 0 && p.Lon == 0 {
				t.Errorf("region %s (%s) has no coordinates", p.Name, p.ID)
			}
		}
	}
}

func nearby(ps ...*Place) *Nearby {
	n := &Nearby{}
	for _, p := range ps {
		n.Add(p)
	}
	return n
}
