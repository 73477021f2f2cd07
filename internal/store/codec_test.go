package store

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/nlp"
)

func seedAnalysis(t *testing.T) (*nlp.Analysis, string) {
	t.Helper()
	arts, errs := ingest.ReadFiles([]string{"../../examples/seeds/000_9cfc92a05877532c.txt"}, ingest.Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	d := extract.Clean(&arts[0])
	an, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	return an.Analyze(&d, arts[0].Published), d.Text
}

// Every stage result comes back as it went in, in the current version and
// in the one stores written before the codec hold.
func TestCodecRoundTrips(t *testing.T) {
	a, text := seedAnalysis(t)
	b, err := encodeAnalysis(a)
	if err != nil || b[0] != codecV2 {
		t.Fatalf("encode: %v %q", err, b[:1])
	}
	back, err := decodeAnalysis(b)
	if err != nil || len(back.Quotes) != len(a.Quotes) || len(back.Places) != len(a.Places) || back.Quotes[0].Span != a.Quotes[0].Span {
		t.Errorf("analysis changed through the codec: %v", err)
	}
	v1, _ := json.Marshal(a)
	if old, err := decodeAnalysis(v1); err != nil || len(old.Entities) != len(a.Entities) {
		t.Errorf("version 1 analysis: %v", err)
	}
	if none, err := decodeAnalysis(nil); none != nil || err != nil {
		t.Errorf("no analysis: %v %v", none, err)
	}

	p := cluster.FromAnalysis("x", a.Reference.UTC, "Title", text, a)
	pb, _ := encodeProfile(p)
	if got, err := decodeProfile(pb); err != nil || !reflect.DeepEqual(got, p) {
		t.Errorf("profile changed through the codec: %v", err)
	}
	pv1, _ := json.Marshal(p)
	if got, err := decodeProfile(pv1); err != nil || !reflect.DeepEqual(got, p) {
		t.Errorf("version 1 profile: %v", err)
	}

	s := dedup.Sign(text)
	sb := encodeSignature(s)
	if got, err := decodeSignature(sb); err != nil || !reflect.DeepEqual(got, s) {
		t.Errorf("signature changed through the codec: %v", err)
	}
	if got, err := decodeSignature(sb[1:]); err != nil || !reflect.DeepEqual(got, s) {
		t.Errorf("version 1 signature: %v", err)
	}
}

func TestCodecRefusesWhatItCannotRead(t *testing.T) {
	for _, b := range [][]byte{[]byte("{not json"), []byte("\x07{}"), append([]byte{codecV2}, "[1,2"...)} {
		if _, err := decodeAnalysis(b); err == nil {
			t.Errorf("%q decoded", b)
		}
	}
	if _, err := decodeAnalysis([]byte("\x09{}")); err == nil || !strings.Contains(err.Error(), "newer parallax") {
		t.Errorf("unknown version: %v", err)
	}
	if _, err := decodeSignature([]byte{1, 2, 3}); err == nil {
		t.Error("a short signature decoded")
	}
}

func TestTimeBound(t *testing.T) {
	for _, tc := range []struct {
		in    string
		upper bool
		want  string
		bad   bool
	}{
		{"", false, "", false},
		{"2025-12-01", false, "2025-12-01T00:00:00Z", false},
		{"2025-12-01", true, "2025-12-01T23:59:59Z", false},
		{"2025-12-01T08:30:00+05:30", false, "2025-12-01T03:00:00Z", false},
		{"garbage", false, "", true},
		{"2025-13-45", false, "", true},
	} {
		got, err := TimeBound(tc.in, tc.upper)
		if got != tc.want || (err != nil) != tc.bad {
			t.Errorf("TimeBound(%q, %v) = %q, %v", tc.in, tc.upper, got, err)
		}
	}
}
