package window

import (
	"reflect"
	"testing"
	"time"
)

func TestExpired(t *testing.T) {
	now := time.Date(2025, 3, 30, 0, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	for _, c := range []struct {
		t    time.Time
		want bool
	}{{now.Add(-31 * day), true}, {now.Add(-29 * day), false}, {time.Time{}, false}} {
		if got := Expired(c.t, now, 30*day); got != c.want {
			t.Errorf("%v: %v", c.t, got)
		}
	}
	if Expired(now.Add(-99*day), time.Time{}, day) {
		t.Error("nothing expires before the stream has a time")
	}
}

func TestPrune(t *testing.T) {
	p := map[string][]int32{"a": {1, 2, 3}, "b": {2}, "c": {4, 2}}
	Prune(p, func(id int32) bool { return id == 2 })
	if want := map[string][]int32{"a": {1, 3}, "c": {4}}; !reflect.DeepEqual(p, want) {
		t.Errorf("got %v, want %v", p, want)
	}
}
