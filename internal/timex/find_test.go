package timex

import (
	"testing"
	"time"
)

func TestFind(t *testing.T) {
	ref := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in        string
		want      string // Moment.String()
		matched   string
		zone      string
		precision Precision
	}{
		{"Updated at : 01 Dec 2025 08:34 AM (IST)", "2025-12-01T03:04:00Z", "01 Dec 2025 08:34 AM (IST)", "IST", Minute},
		{"Published: Nov. 30, 2025 7:15 p.m. ET", "2025-12-01T00:15:00Z", "Nov. 30, 2025 7:15 p.m. ET", "ET", Minute},
		{"June 3, 2025 at 9:00 AM EDT", "2025-06-03T13:00:00Z", "June 3, 2025 at 9:00 AM EDT", "EDT", Minute},
		{"2025-11-30T21:00:00+02:00", "2025-11-30T19:00:00Z", "2025-11-30T21:00:00+02:00", "+02:00", Second},
		{"2025-11-30", "2025-11-30", "2025-11-30", "", Day},
		{"Sunday, 30 November 2025", "2025-11-30", "Sunday, 30 November 2025", "", Day},
		{"30.11.2025, 19:40", "2025-11-30T19:40 (zone unknown)", "30.11.2025, 19:40", "", Minute},
		{"Mon, 01 Dec 2025 03:04:00 GMT", "2025-12-01T03:04:00Z", "Mon, 01 Dec 2025 03:04:00 GMT", "GMT", Second},
		{"08:34 AM IST, 01 Dec 2025", "2025-12-01T03:04:00Z", "08:34 AM IST, 01 Dec 2025", "IST", Minute},
		{"Washington, Dec 1 (IANS) US", "2025-12-01", "Dec 1", "", Day},
		{"last updated 14:05 GMT+3 on 2 March 2024", "2024-03-02", "2 March 2024", "", Day},
		{"no date here", "", "", "", Unknown},
	}
	for _, tc := range tests {
		m, ok := Find(tc.in, Options{Ref: ref})
		if tc.want == "" {
			if ok {
				t.Errorf("Find(%q) = %v, want no match", tc.in, m)
			}
			continue
		}
		if !ok {
			t.Errorf("Find(%q): no match", tc.in)
			continue
		}
		if got := m.String(); got != tc.want {
			t.Errorf("Find(%q) = %s, want %s", tc.in, got, tc.want)
		}
		if got := tc.in[m.Start:m.End]; got != tc.matched {
			t.Errorf("Find(%q) matched %q, want %q", tc.in, got, tc.matched)
		}
		if m.Zone != tc.zone || m.Precision != tc.precision {
			t.Errorf("Find(%q) zone %q precision %v, want %q %v", tc.in, m.Zone, m.Precision, tc.zone, tc.precision)
		}
	}
}

func TestZoneHint(t *testing.T) {
	wall := time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		abbr, country string
		want          int
	}{
		{"IST", "", 19800},
		{"IST", "IL", 7200},
		{"IST", "IE", 3600}, // Irish summer time in July
		{"ET", "", -4 * 3600},
		{"+05:30", "", 19800},
		{"GMT-3", "", -3 * 3600},
	} {
		got, ok := ZoneFor(tc.abbr, wall, tc.country)
		if !ok || got != tc.want {
			t.Errorf("ZoneFor(%s,%s) = %d,%v want %d", tc.abbr, tc.country, got, ok, tc.want)
		}
	}
	if _, ok := ZoneFor("XYZ", wall, ""); ok {
		t.Error("unknown zone accepted")
	}
}

func TestMomentJSONRoundTrip(t *testing.T) {
	m, _ := Find("01 Dec 2025 08:34 AM (IST)", Options{})
	b, err := m.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var back Moment
	if err := back.UnmarshalJSON(b); err != nil {
		t.Fatal(err)
	}
	if !back.UTC.Equal(m.UTC) || back.Zone != "IST" || back.Precision != Minute {
		t.Errorf("round trip: %s -> %+v", b, back)
	}
	if m.Date() != "2025-12-01" {
		t.Errorf("local date = %s", m.Date())
	}
}
