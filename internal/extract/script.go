package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// scripts are the writing systems told apart when spotting language menus.
var scripts = []*unicode.RangeTable{
	unicode.Latin, unicode.Cyrillic, unicode.Greek, unicode.Arabic, unicode.Hebrew,
	unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya,
	unicode.Tamil, unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala,
	unicode.Thai, unicode.Lao, unicode.Tibetan, unicode.Myanmar, unicode.Khmer,
	unicode.Georgian, unicode.Armenian, unicode.Ethiopic, unicode.Han, unicode.Hiragana,
	unicode.Katakana, unicode.Hangul, unicode.Mongolian,
}

// scriptOf returns the index of r's script in scripts, or -1 for
// punctuation, digits, marks and anything else shared across scripts.
func scriptOf(r rune) int {
	if r < 0x80 {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			return 0
		}
		return -1
	}
	if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) {
		return -1
	}
	for i, t := range scripts {
		if unicode.Is(t, r) {
			if t == unicode.Hiragana || t == unicode.Katakana || t == unicode.Hangul {
				return cjkScript // one writing system in practice
			}
			return i
		}
	}
	return -1
}

// cjkScript stands for Han, kana and Hangul together.
var cjkScript = func() int {
	for i, t := range scripts {
		if t == unicode.Han {
			return i
		}
	}
	return -1
}()

// scriptRuns splits s into maximal runs of one script, ignoring the
// characters shared by all scripts. Marks stay with the run before them.
func scriptRuns(s string) []string {
	var runs []string
	cur, last := strings.Builder{}, -2
	for _, r := range s {
		sc := scriptOf(r)
		if sc == -1 {
			if unicode.IsSpace(r) || unicode.IsPunct(r) {
				if cur.Len() > 0 {
					runs = append(runs, cur.String())
					cur.Reset()
				}
				last = -2
				continue
			}
			cur.WriteRune(r)
			continue
		}
		if sc != last && cur.Len() > 0 && last != -2 {
			runs = append(runs, cur.String())
			cur.Reset()
		}
		cur.WriteRune(r)
		last = sc
	}
	if cur.Len() > 0 {
		runs = append(runs, cur.String())
	}
	return runs
}

// languageNames are endonyms that language menus list in one script
// ("English | Español | Français").
var languageNames = toSet(`English Español Espanol Français Francais Deutsch Italiano Português Portugues
Русский Українська Polski Nederlands Türkçe Turkce العربية فارسی עברית 中文 简体中文 繁體中文 日本語 한국어
Tiếng_Việt Bahasa_Indonesia Bahasa_Melayu Melayu ไทย Ελληνικά Čeština Magyar Română Svenska Dansk Norsk Suomi
Български Српски Srpski Hrvatski Қазақша Беларуская ქართული Հայերեն Azərbaycan Kiswahili Hausa Yorùbá Tagalog
Filipino नेपाली हिन्दी हिंदी मराठी ਪੰਜਾਬੀ বাংলা ગુજરાતી தமிழ் తెలుగు ಕನ್ನಡ മലയാളം ଓଡ଼ିଆ اردو Català Euskara Galego
Slovenčina Slovenščina Lietuvių Latviešu Eesti Shqip Македонски Afrikaans Somali አማርኛ Oʻzbekcha Pусский`)

func toSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[strings.ReplaceAll(w, "_", " ")] = true
		m[strings.ToLower(strings.ReplaceAll(w, "_", " "))] = true
	}
	return m
}

// isLanguageMenu reports whether a line is a menu of language versions: a
// short line that switches script at least three times between short runs
// (the way "Englishहिन्दीমराठी…" reads once its links lose their spacing),
// or a list that is mostly language endonyms.
func isLanguageMenu(line string) bool {
	if len(line) > 960 || utf8.RuneCountInString(line) > 240 || strings.ContainsAny(line, ".,!?;。、，！？") {
		return false // menus have no sentence punctuation
	}
	runs := scriptRuns(line)
	if len(runs) >= 3 {
		distinct, changes, prev, long := map[int]bool{}, 0, -2, 0
		for _, run := range runs {
			sc := firstScript(run)
			distinct[sc] = true
			if sc != prev {
				changes++
			}
			prev = sc
			if len([]rune(run)) > 24 {
				long++
			}
		}
		if len(distinct) >= 3 && changes >= 3 && long == 0 {
			return true
		}
	}
	items := splitMenuItems(line)
	if len(items) < 3 {
		return false
	}
	known := 0
	for _, it := range items {
		if languageNames[it] || languageNames[strings.ToLower(it)] {
			known++
		}
	}
	return known*10 >= len(items)*7
}

func firstScript(s string) int {
	for _, r := range s {
		if sc := scriptOf(r); sc >= 0 {
			return sc
		}
	}
	return -1
}

// splitMenuItems splits a menu line on its separators, or on spaces when it
// has none.
func splitMenuItems(line string) []string {
	f := func(r rune) bool { return strings.ContainsRune("|·•/,;>»›", r) }
	items := strings.FieldsFunc(line, f)
	if len(items) < 3 {
		items = strings.Fields(line)
	}
	var out []string
	for _, it := range items {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}
