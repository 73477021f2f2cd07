package geo

// aliases are English names and abbreviations that no package lists: the
// one small table of exonyms the conventions allow, with the landmarks
// news writes for their city ("the White House said", "talks at the
// Kremlin"), which would otherwise resolve to a town of that name (White
// House, Tennessee). Each maps a name to a name the gazetteer knows.
var aliases = map[string]string{
	"US":              "United States",
	"USA":             "United States",
	"U.S.A.":          "United States",
	"America":         "United States",
	"UK":              "United Kingdom",
	"Britain":         "United Kingdom",
	"Great Britain":   "United Kingdom",
	"UAE":             "United Arab Emirates",
	"Russia":          "Russian Federation",
	"South Korea":     "Korea, Republic of",
	"North Korea":     "Korea, Democratic People's Republic of",
	"Iran":            "Iran, Islamic Republic of",
	"Syria":           "Syrian Arab Republic",
	"Vietnam":         "Viet Nam",
	"Taiwan":          "Taiwan, Province of China",
	"Moldova":         "Moldova, Republic of",
	"Tanzania":        "Tanzania, United Republic of",
	"Venezuela":       "Venezuela, Bolivarian Republic of",
	"Bolivia":         "Bolivia, Plurinational State of",
	"Laos":            "Lao People's Democratic Republic",
	"Kiev":            "Kyiv",
	"Odessa":          "Odesa",
	"Kharkov":         "Kharkiv",
	"Washington D.C.": "Washington",
	"Washington DC":   "Washington",
	"Bombay":          "Mumbai",
	"Calcutta":        "Kolkata",
	"Peking":          "Beijing",
	// Landmarks.
	"White House":    "Washington",
	"Capitol Hill":   "Washington",
	"Pentagon":       "Washington",
	"Kremlin":        "Moscow",
	"Downing Street": "London",
	"Whitehall":      "London",
	"Elysee Palace":  "Paris",
	"Élysée Palace":  "Paris",
	"Zhongnanhai":    "Beijing",
	"Wall Street":    "New York City",
}

// IsAlias reports whether name, as written, is one of the aliases: the
// abbreviations among them ("US", "UAE") are the only ones in capitals a
// place name may be.
func IsAlias(name string) bool {
	_, ok := aliases[name]
	return ok
}

// stateAbbreviations are the abbreviations of American states that news
// style writes after a city ("Ferguson, Mo."), with their periods: without
// them they would be other names ("Mo" is a town in Norway, and a name).
// "Wash." is left out: "Washington" alone is the capital.
var stateAbbreviations = map[string]string{
	"Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
	"Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
	"Ind.": "Indiana", "Kan.": "Kansas", "Kans.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana",
	"Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota",
	"Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nebr.": "Nebraska",
	"Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey", "N.M.": "New Mexico",
	"N.C.": "North Carolina", "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon",
	"Oreg.": "Oregon", "Pa.": "Pennsylvania", "Penn.": "Pennsylvania", "R.I.": "Rhode Island",
	"S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee", "Tex.": "Texas",
	"Va.": "Virginia", "Vt.": "Vermont", "W.Va.": "West Virginia",
	"Wis.": "Wisconsin", "Wisc.": "Wisconsin", "Wyo.": "Wyoming",
}

// Expand returns the full name of a state abbreviation written with its
// period ("Mo." → "Missouri"), else the name unchanged.
func Expand(name string) string {
	if full, ok := stateAbbreviations[name]; ok {
		return full
	}
	return name
}
