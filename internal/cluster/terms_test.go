package cluster

import (
	"reflect"
	"testing"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"The rioters attacked a police station.", []string{"rioter", "attack", "polic", "station"}},
		{"A 5.6 quake in 2008", []string{"quak", "2008"}}, // one-character words dropped
		{"", nil},
	}
	for _, tt := range tests {
		if got := Terms(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Terms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
