package geo

import "math"

// cellDegrees is the side of the grid cells Nearby files cities in.
const cellDegrees = 3.0

// Nearby holds the cities an article has named so far, filed by where
// they are, so that asking whether a candidate lies near one of them costs
// the same however many the article names (a page naming a city in every
// sentence once made resolution quadratic).
type Nearby struct {
	cells map[[2]int][]*Place
	seen  map[*Place]bool
}

// Add files a city; other kinds of place and cities already filed are
// ignored.
func (n *Nearby) Add(p *Place) {
	if p == nil || p.Kind != City || n.seen[p] {
		return
	}
	if n.cells == nil {
		n.cells, n.seen = map[[2]int][]*Place{}, map[*Place]bool{}
	}
	n.seen[p] = true
	c := cellOf(p.Lat, p.Lon)
	n.cells[c] = append(n.cells[c], p)
}

// Has reports whether a city other than p lies within km of it. km must
// be less than a cell's height (about 330 km).
func (n *Nearby) Has(p *Place, km float64) bool {
	if n == nil || len(n.cells) == 0 {
		return false
	}
	c := cellOf(p.Lat, p.Lon)
	// A cell spans fewer kilometres east to west away from the equator:
	// look as many cells either way as km needs at this latitude.
	across := 111.32 * math.Cos(math.Min(89, math.Abs(p.Lat)+cellDegrees)*math.Pi/180) * cellDegrees
	span := min(int(math.Ceil(km/across)), int(360/cellDegrees)/2)
	for dy := -1; dy <= 1; dy++ {
		for dx := -span; dx <= span; dx++ {
			key := [2]int{c[0] + dy, wrap(c[1] + dx)}
			for _, q := range n.cells[key] {
				if q != p && Distance(p, q) < km {
					return true
				}
			}
		}
	}
	return false
}

func cellOf(lat, lon float64) [2]int {
	return [2]int{int(math.Floor(lat / cellDegrees)), wrap(int(math.Floor(lon / cellDegrees)))}
}

// wrap keeps a longitude cell number within the world.
func wrap(x int) int {
	n := int(360 / cellDegrees)
	return ((x % n) + n) % n
}
