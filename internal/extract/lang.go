package extract

import (
	"strings"

	"github.com/RadhiFadlillah/whatlanggo"
)

// englishStopwords are the most frequent English words. News is mostly
// English here, and counting them is far cheaper than trigram profiles.
var englishStopwords = toSet(`the of and to in a is that for on was with he it as at by from his said
has have are be an were which but not this had they will would been their its who after also her she
we i you our more than about over into up out there when what`)

// detectLanguage returns the ISO 639-1 code of s, or "" when unsure. A
// sample with many English stopwords is English; anything else goes to
// trigram detection.
func detectLanguage(s string) string {
	sample := clipUTF8(s, 700)
	ws := strings.Fields(strings.ToLower(sample))
	if len(ws) >= 20 {
		hits := 0
		for _, w := range ws {
			if englishStopwords[strings.Trim(w, `.,;:!?"'()“”‘’`)] {
				hits++
			}
		}
		if hits*100 >= len(ws)*25 {
			return "en"
		}
	}
	info := whatlanggo.Detect(sample)
	if info.IsReliable() || info.Confidence > 0.5 {
		return info.Lang.Iso6391()
	}
	return ""
}
