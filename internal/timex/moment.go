package timex

import (
	"encoding/json"
	"time"
)

// Precision says how much of a Moment the source actually gave.
type Precision int

// Precisions from coarsest to finest.
const (
	Unknown Precision = iota
	Year
	Month
	Day
	Minute
	Second
)

var precisionNames = [...]string{"unknown", "year", "month", "day", "minute", "second"}

func (p Precision) String() string {
	if p < 0 || int(p) >= len(precisionNames) {
		return "unknown"
	}
	return precisionNames[p]
}

// Moment is a point in time as a page stated it. When the zone is known,
// UTC is the true instant; otherwise UTC holds the wall-clock reading as if
// it were UTC and ZoneKnown is false, so that callers never mistake a local
// date for an instant.
type Moment struct {
	UTC       time.Time
	Offset    int    // seconds east of UTC of the written zone, when known
	Zone      string // as written: "IST", "+05:30", "ET"; "" when none
	ZoneKnown bool
	Precision Precision
}

// IsZero reports whether the moment is unset.
func (m Moment) IsZero() bool { return m.Precision == Unknown || m.UTC.IsZero() }

// Local returns the wall-clock time in the zone the source wrote.
func (m Moment) Local() time.Time {
	if !m.ZoneKnown {
		return m.UTC
	}
	return m.UTC.In(time.FixedZone(m.Zone, m.Offset))
}

// Date returns the calendar date as the source's zone saw it, YYYY-MM-DD.
func (m Moment) Date() string {
	if m.IsZero() {
		return ""
	}
	return m.Local().Format("2006-01-02")
}

// String renders the moment at its precision: a date, or an RFC 3339 UTC
// instant when the time of day and zone are known.
func (m Moment) String() string {
	switch {
	case m.IsZero():
		return "unknown"
	case m.Precision <= Day:
		return m.Local().Format([...]string{"", "2006", "2006-01", "2006-01-02"}[m.Precision])
	case !m.ZoneKnown:
		return m.UTC.Format("2006-01-02T15:04") + " (zone unknown)"
	}
	return m.UTC.Format("2006-01-02T15:04:05Z")
}

type momentJSON struct {
	UTC       string `json:"utc,omitempty"`
	Local     string `json:"local,omitempty"`
	Date      string `json:"date,omitempty"`
	Zone      string `json:"zone,omitempty"`
	ZoneKnown bool   `json:"zone_known"`
	Precision string `json:"precision"`
	Offset    int    `json:"offset_seconds,omitempty"`
}

// MarshalJSON writes the UTC instant (when the zone is known), the local
// reading, the date and the precision.
func (m Moment) MarshalJSON() ([]byte, error) {
	if m.IsZero() {
		return []byte("null"), nil
	}
	j := momentJSON{Date: m.Date(), Zone: m.Zone, ZoneKnown: m.ZoneKnown, Precision: m.Precision.String(), Offset: m.Offset}
	if m.Precision > Day {
		j.Local = m.Local().Format("2006-01-02T15:04:05")
		if m.ZoneKnown {
			j.UTC = m.UTC.Format(time.RFC3339)
			j.Local = m.Local().Format(time.RFC3339)
		}
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (m *Moment) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*m = Moment{}
		return nil
	}
	var j momentJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*m = Moment{Zone: j.Zone, ZoneKnown: j.ZoneKnown, Offset: j.Offset}
	for i, n := range precisionNames {
		if n == j.Precision {
			m.Precision = Precision(i)
		}
	}
	switch {
	case j.UTC != "":
		t, err := time.Parse(time.RFC3339, j.UTC)
		if err != nil {
			return err
		}
		m.UTC = t.UTC()
	case j.Local != "":
		t, err := time.Parse("2006-01-02T15:04:05", j.Local)
		if err != nil {
			return err
		}
		m.UTC = t
	case j.Date != "":
		t, err := time.Parse("2006-01-02", j.Date)
		if err != nil {
			return err
		}
		m.UTC = t
	}
	return nil
}

// DayOf returns a day-precision moment for the date string YYYY-MM-DD.
func DayOf(date string) (Moment, bool) {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return Moment{}, false
	}
	return Moment{UTC: t, Precision: Day}, true
}

// At returns a moment for the instant t, keeping t's zone as the written one.
func At(t time.Time, p Precision) Moment {
	name, off := t.Zone()
	return Moment{UTC: t.UTC(), Offset: off, Zone: name, ZoneKnown: true, Precision: p}
}
