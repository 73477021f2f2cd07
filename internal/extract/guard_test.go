package extract

import "testing"

// A guard must never hide a match: on lines that match and lines that do
// not, the guarded expression answers as the bare one does.
func TestGuardedMatchesAsTheExpression(t *testing.T) {
	lines := []string{
		"© 2025 The Coast Courier", "(c) 2024 Harbour Media", "Copyright 2020 Example News", "COPYRIGHT © 2019",
		"Harbour Media. ALL RIGHTS RESERVED.", "All Rights Reserved", "Photos © Studio",
		"Additional Reporting by Jane Doe", "Writing by John Roe; editing by Ann Lee", "Jane Doe contributed to this report.",
		"Jane Doe CONTRIBUTED REPORTING.", "reporting from Kyiv", "The council voted on Monday to rebuild the sea wall.",
		"He said the copyrights were never registered.", "", "rights reserved", "contributed",
		"The mayor speaks in the old square on Monday. [File photo: Reuters] Officials said the plan would go ahead.",
	}
	for _, g := range []guarded{copyrightRe, contributedRe, bracketCreditRe} {
		for _, s := range lines {
			if got, want := g.MatchString(s), g.re.MatchString(s); got != want {
				t.Errorf("%s on %q: guarded %v, expression %v", g.re, s, got, want)
			}
		}
	}
	if !containsFoldASCII("ALL RIGHTS Reserved", "all rights reserved") || containsFoldASCII("all rights", "all rights reserved") {
		t.Error("containsFoldASCII")
	}
}
