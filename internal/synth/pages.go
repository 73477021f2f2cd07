// Package synth generates synthetic news pages and streams for benchmarks
// and load tests: realistic in shape (chrome, bylines, datelines, quotes,
// paragraphs) but made of invented content, so they can be committed and
// regenerated at any size.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

var (
	firstNames = strings.Fields("Anna Boris Carmen Dmitri Elena Farid Grace Hiro Ines Jonas Kavya Luis Maya Nikolai Olga Priya Quentin Rosa Samir Tara Umar Vera Wei Ximena Yusuf Zofia")
	lastNames  = strings.Fields("Alvarez Becker Chen Dubois Eriksen Fischer Garcia Haddad Ivanova Jensen Kowalski Lindqvist Moreau Nakamura Okafor Petrov Quinn Rossi Santos Tanaka Umarov Varga Weber Xu Yilmaz Zhou")
	places     = strings.Fields("Brussels Nairobi Lima Oslo Hanoi Tbilisi Accra Quito Riga Manila Dakar Porto Kraków Izmir Cebu Rosario Bergen Tartu Mombasa Daegu")
	orgs       = []string{"the Finance Ministry", "the central bank", "the city council", "the health agency", "the port authority", "the electoral commission", "the rail operator", "the energy regulator"}
	verbs      = strings.Fields("approved rejected announced delayed expanded reviewed suspended extended proposed confirmed")
	nouns      = strings.Fields("budget plan tariff contract reform project agreement loan programme inquiry")
	topics     = strings.Fields("floods elections inflation strikes tourism harvest transport housing energy drought")
	fillers    = []string{"officials said", "according to a statement", "people familiar with the matter said", "the report showed", "local media reported"}
)

// Page is one generated article page.
type Page struct {
	Name string // file name
	Body []byte
}

// Generator makes pages deterministically from a seed.
type Generator struct {
	r *rand.Rand
}

// New returns a generator; the same seed gives the same pages.
func New(seed uint64) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

func (g *Generator) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *Generator) person() string { return g.pick(firstNames) + " " + g.pick(lastNames) }

func (g *Generator) sentence() string {
	switch g.r.IntN(4) {
	case 0:
		return fmt.Sprintf("%s %s the %s on %s, %s.", capitalise(g.pick(orgs)), g.pick(verbs), g.pick(nouns), g.pick([]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}), g.pick(fillers))
	case 1:
		return fmt.Sprintf("\"We will not accept a %s that ignores %s,\" said %s, a spokesperson for %s.", g.pick(nouns), g.pick(topics), g.person(), g.pick(orgs))
	case 2:
		return fmt.Sprintf("About %d people in %s were affected by the %s, %s.", 100+g.r.IntN(9900), g.pick(places), g.pick(topics), g.pick(fillers))
	}
	return fmt.Sprintf("%s said the %s would cost %d million euros over %d years.", g.person(), g.pick(nouns), 1+g.r.IntN(900), 1+g.r.IntN(9))
}

func (g *Generator) paragraph() string {
	n := 2 + g.r.IntN(3)
	s := make([]string, n)
	for i := range s {
		s[i] = g.sentence()
	}
	return strings.Join(s, " ")
}

func capitalise(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

type story struct {
	headline, byline, place string
	when                    time.Time
	paras                   []string
	tags                    []string
}

func (g *Generator) story(i int) story {
	s := story{
		headline: fmt.Sprintf("%s %s %s After %s In %s", capitalise(g.pick(orgs)[4:]), capitalise(g.pick(verbs)), capitalise(g.pick(nouns)), capitalise(g.pick(topics)), g.pick(places)),
		byline:   g.person(),
		place:    g.pick(places),
		when:     time.Date(2025, time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), 0, 0, time.UTC),
		tags:     []string{capitalise(g.pick(topics)), g.pick(places)},
	}
	for k := 0; k < 6+g.r.IntN(5); k++ {
		s.paras = append(s.paras, g.paragraph())
	}
	s.headline += fmt.Sprintf(" (%d)", i)
	return s
}

// SeedPage returns page i in the seed format, with the chrome scraped
// pages carry: a menu, a breadcrumb, a byline with a time, share prompts,
// a caption, tags.
func (g *Generator) SeedPage(i int) Page {
	s := g.story(i)
	var b strings.Builder
	fmt.Fprintf(&b, " date %s English | Español | Français\nHome > World > %s\n%s\n\nBy %s | Updated: %s\nShare\n\n",
		s.when.Format("2006-01-02"), s.place, s.headline, s.byline, s.when.Format("02 Jan 2006 03:04 PM")+" (GMT)")
	fmt.Fprintf(&b, "Residents wait outside the town hall (Photo: %s/AFP)\n\n", g.person())
	for k, p := range s.paras {
		if k == 0 {
			p = strings.ToUpper(s.place) + " — " + p
		}
		b.WriteString(p + "\n\n")
		if k == 2 {
			b.WriteString("Advertisement\n\n")
		}
	}
	fmt.Fprintf(&b, "Tags: %s\n", strings.Join(s.tags, ", "))
	return Page{Name: fmt.Sprintf("page-%06d.txt", i), Body: []byte(b.String())}
}

// HTMLPage returns page i as an HTML document with navigation, metadata,
// an article body, a related-links box and a footer.
func (g *Generator) HTMLPage(i int) Page {
	s := g.story(i)
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s | Daily Synth</title>
<meta property="og:site_name" content="Daily Synth"><link rel="canonical" href="https://daily-synth.example/news/%d">
<meta property="article:published_time" content="%s"><script>var ads = {slots: [1,2,3]};</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li></ul></nav>
<article><h1>%s</h1><div class="byline">By %s</div><time datetime="%s">%s</time>
<figure><img src="/img/%d.jpg"><figcaption>Residents wait outside the town hall. Photo: %s/AFP</figcaption></figure>
`, s.headline, i, s.when.Format(time.RFC3339), s.headline, s.byline, s.when.Format(time.RFC3339), s.when.Format("2 January 2006"), i, g.person())
	for k, p := range s.paras {
		if k == 0 {
			p = strings.ToUpper(s.place) + " — " + p
		}
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	fmt.Fprintf(&b, `</article><aside><h3>Related</h3><ul><li><a href="/a">Another story about %s</a></li></ul></aside>
<footer><p>© 2025 Daily Synth. All rights reserved.</p></footer></body></html>`, g.pick(topics))
	return Page{Name: fmt.Sprintf("page-%06d.html", i), Body: []byte(b.String())}
}

// syllables make invented names, so that generated events do not share
// their people and places.
var syllables = strings.Fields("ka lo mi ra ven tor sa del quin ab ur ost ely dan fer gi hal jo lun mar nor pel ris tam vel wyn zor bri cas")

func (g *Generator) coined(parts int) string {
	var b strings.Builder
	for i := 0; i < parts; i++ {
		b.WriteString(g.pick(syllables))
	}
	return capitalise(b.String())
}

// EventPage returns page i of a stream where every `per` consecutive
// pages report one event: the same invented people, place and date, some
// shared sentences and some of each page's own. Used to fill a store with
// stories of realistic size.
func EventPage(i, per int) Page {
	ev := New(uint64(i/per) + 1000)
	own := New(uint64(i) + 1)
	person := ev.pick(firstNames) + " " + ev.coined(3)
	official := ev.pick(firstNames) + " " + ev.coined(2)
	place := "Port " + ev.coined(2)
	topic := ev.pick(topics)
	when := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i/per) * 7 * time.Hour).Add(time.Duration(i%per) * 37 * time.Minute)
	shared := []string{
		fmt.Sprintf("%s, who leads the %s council in %s, said on %s that the %s would be reviewed.", person, place, place, when.Weekday(), ev.pick(nouns)),
		fmt.Sprintf("\"We will not accept a %s that ignores %s,\" %s told reporters.", ev.pick(nouns), topic, person),
		fmt.Sprintf("About %d people in %s were affected by the %s, according to %s.", 100+ev.r.IntN(9900), place, topic, official),
	}
	var b strings.Builder
	fmt.Fprintf(&b, " date %s Home > News > %s\n%s %s After %s In %s\n\nBy %s | Updated: %s\n\n", when.Format("2006-01-02"), place,
		person, capitalise(ev.pick(verbs)), capitalise(topic), place, own.person(), when.Format("02 Jan 2006 03:04 PM")+" (GMT)")
	fmt.Fprintf(&b, "%s — %s %s\n\n", strings.ToUpper(place), shared[0], own.sentence())
	fmt.Fprintf(&b, "%s %s\n\n", own.paragraph(), shared[1])
	fmt.Fprintf(&b, "%s %s\n\n%s\n", shared[2], own.paragraph(), own.paragraph())
	return Page{Name: fmt.Sprintf("event-%06d.txt", i), Body: []byte(b.String())}
}
