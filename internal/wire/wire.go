// Package wire knows the news and photo agencies whose copy and pictures
// outlets republish: their names, spellings and whether they are photo
// agencies. Every stage that meets an agency name asks here.
package wire

import (
	"regexp"
	"strings"
)

// Agency is a news or photo agency whose copy outlets republish.
type Agency struct {
	Name  string   // canonical short name: "IANS", "AP", "Reuters"
	Long  string   // full name
	Forms []string // other spellings seen in datelines and credits
	Photo bool     // a photo agency (credits only)
	// Generic marks "(Agencies)": copy compiled from unnamed agencies.
	Generic bool
}

// Agencies lists wire and photo agencies. Matching is on whole words, with
// the short forms case-sensitive (AP is not "ap").
var Agencies = []Agency{
	{Name: "Agencies", Long: "news agencies", Forms: []string{"agencies"}, Generic: true},
	{Name: "IANS", Long: "Indo-Asian News Service"},
	{Name: "PTI", Long: "Press Trust of India"},
	{Name: "ANI", Long: "Asian News International"},
	{Name: "UNI", Long: "United News of India"},
	{Name: "AP", Long: "Associated Press", Forms: []string{"The Associated Press", "Associated Press"}},
	{Name: "Reuters", Long: "Reuters", Forms: []string{"REUTERS", "Thomson Reuters"}},
	{Name: "AFP", Long: "Agence France-Presse", Forms: []string{"Agence France-Presse", "Agence France Presse"}},
	{Name: "Xinhua", Long: "Xinhua News Agency", Forms: []string{"XINHUA"}},
	{Name: "DPA", Long: "Deutsche Presse-Agentur", Forms: []string{"dpa", "Deutsche Presse-Agentur"}},
	{Name: "EFE", Long: "Agencia EFE"},
	{Name: "UPI", Long: "United Press International", Forms: []string{"United Press International"}},
	{Name: "Bloomberg", Long: "Bloomberg News"},
	{Name: "AAP", Long: "Australian Associated Press"},
	{Name: "CP", Long: "The Canadian Press", Forms: []string{"The Canadian Press", "Canadian Press"}},
	{Name: "Kyodo", Long: "Kyodo News", Forms: []string{"Kyodo News"}},
	{Name: "Yonhap", Long: "Yonhap News Agency"},
	{Name: "TASS", Long: "TASS Russian News Agency", Forms: []string{"ITAR-TASS"}},
	{Name: "RIA Novosti", Long: "RIA Novosti"},
	{Name: "Interfax", Long: "Interfax"},
	{Name: "Ukrinform", Long: "Ukrinform"},
	{Name: "UNIAN", Long: "UNIAN"},
	{Name: "Anadolu", Long: "Anadolu Agency", Forms: []string{"AA", "Anadolu Agency"}},
	{Name: "ANSA", Long: "Agenzia Nazionale Stampa Associata"},
	{Name: "Bernama", Long: "Bernama"},
	{Name: "Antara", Long: "Antara News Agency"},
	{Name: "IRNA", Long: "Islamic Republic News Agency"},
	{Name: "KUNA", Long: "Kuwait News Agency"},
	{Name: "WAM", Long: "Emirates News Agency"},
	{Name: "SPA", Long: "Saudi Press Agency"},
	{Name: "PAP", Long: "Polish Press Agency"},
	{Name: "CTK", Long: "Czech News Agency"},
	{Name: "Europa Press", Long: "Europa Press"},
	{Name: "APA", Long: "Austria Presse Agentur"},
	{Name: "Sputnik", Long: "Sputnik"},
	{Name: "EPA", Long: "European Pressphoto Agency", Forms: []string{"EPA-EFE"}, Photo: true},
	{Name: "Getty Images", Long: "Getty Images", Forms: []string{"Getty"}, Photo: true},
	{Name: "Shutterstock", Long: "Shutterstock", Photo: true},
	{Name: "Alamy", Long: "Alamy", Photo: true},
	{Name: "Pool", Long: "pool photographer", Photo: true},
}

// index maps every spelling to its agency.
var agencyIndex = func() map[string]*Agency {
	m := map[string]*Agency{}
	for i := range Agencies {
		a := &Agencies[i]
		m[a.Name] = a
		m[strings.ToUpper(a.Name)] = a
		m[a.Long] = a
		for _, f := range a.Forms {
			m[f] = a
		}
	}
	return m
}()

// Lookup returns the agency named exactly by s (after trimming).
func Lookup(s string) (*Agency, bool) {
	s = strings.Trim(strings.TrimSpace(s), "().,;:-–— ")
	a, ok := agencyIndex[s]
	return a, ok
}

// WordRe matches any agency spelling as a whole word.
var WordRe = func() *regexp.Regexp {
	var alts []string
	for k := range agencyIndex {
		alts = append(alts, regexp.QuoteMeta(k))
	}
	// Longest first, so "Associated Press" wins over "AP".
	sortByLenDesc(alts)
	return regexp.MustCompile(`\b(` + strings.Join(alts, "|") + `)\b`)
}()

// Find returns the agencies named anywhere in s, in order.
func Find(s string) []*Agency {
	var out []*Agency
	seen := map[*Agency]bool{}
	for _, m := range WordRe.FindAllString(s, -1) {
		if a := agencyIndex[m]; a != nil && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

func sortByLenDesc(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && (len(s[j]) > len(s[j-1]) || len(s[j]) == len(s[j-1]) && s[j] < s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// ByName returns the agency whose exact spelling is s (as matched by WordRe).
func ByName(s string) *Agency { return agencyIndex[s] }
