package outlets

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// csvColumns are the columns ReadCSV knows; key is required, the others
// optional and in any order. Lists (aliases, groups) separate their
// items with ";".
var csvColumns = []string{"key", "name", "aliases", "groups", "country", "language", "owner"}

// ReadCSV reads outlets from a CSV table with a header row naming its
// columns (see csvColumns), as a spreadsheet exports it.
func ReadCSV(r io.Reader) ([]Outlet, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("reading the header row: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		known := false
		for _, c := range csvColumns {
			known = known || h == c
		}
		if !known {
			return nil, fmt.Errorf("header: unknown column %q (columns: %s)", h, strings.Join(csvColumns, ", "))
		}
		col[h] = i
	}
	if _, ok := col["key"]; !ok {
		return nil, errors.New("header: no key column (the host or slug the articles are stored under)")
	}
	var out []Outlet
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		get := func(c string) string {
			if i, ok := col[c]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		o := Outlet{Key: get("key"), Name: get("name"), Aliases: list(get("aliases")), Groups: list(get("groups")),
			Country: get("country"), Language: get("language"), Owner: get("owner")}
		if o.Key == "" {
			return nil, fmt.Errorf("line %d: no key", line)
		}
		out = append(out, o)
	}
}

// list splits a cell of ";"-separated items.
func list(cell string) []string {
	var out []string
	for _, x := range strings.Split(cell, ";") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
