package timex

import (
	"testing"
	"time"
)

func TestFindClock(t *testing.T) {
	day := time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		in, text, utc string
		zone          bool
	}{
		{"UPDATE 7:19 p.m.: the mayor spoke", "7:19 p.m.", "2025-03-03T19:19:00Z", false},
		{"updated at 7:19 p.m. ET", "7:19 p.m. ET", "2025-03-04T00:19:00Z", true}, // EST in March before DST
		{"at 14:02 GMT, officials said", "14:02 GMT", "2025-03-03T14:02:00Z", true},
		{"7 am", "7 am", "2025-03-03T07:00:00Z", false},
		{"12:30 a.m.", "12:30 a.m.", "2025-03-03T00:30:00Z", false},
		{"the vote was 7-2", "", "", false},
		{"a rise of 7.30 percent", "", "", false},
		{"13 p.m.", "", "", false},
	}
	for _, c := range cases {
		m, ok := FindClock(c.in, day)
		if c.text == "" {
			if ok {
				t.Errorf("%q: found %q", c.in, c.in[m.Start:m.End])
			}
			continue
		}
		if !ok || c.in[m.Start:m.End] != c.text || m.UTC.Format(time.RFC3339) != c.utc || m.ZoneKnown != c.zone {
			t.Errorf("%q: %v %q %s zone %v; want %q %s zone %v", c.in, ok, c.in[m.Start:m.End], m.UTC.Format(time.RFC3339), m.ZoneKnown, c.text, c.utc, c.zone)
		}
	}
}
