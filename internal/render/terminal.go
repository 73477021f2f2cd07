package render

import (
	"io"
	"reflect"
	"strings"
	"unicode/utf8"
)

// TerminalSafe replaces the control characters of s, except new lines and
// tabs, by visible stand-ins: C0 controls by their Unicode control
// pictures (ESC shows as ␛), DEL by ␡, C1 controls by U+FFFD. A title,
// an outlet or a file name can hold escape sequences that would move the
// cursor, rewrite the screen or set the clipboard of whoever reads the
// output on a terminal; one stand-in per character keeps columns and
// code-point offsets as they were.
func TerminalSafe(s string) string {
	if !hasControl(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		b.WriteRune(standIn(r))
	}
	return b.String()
}

func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return true
		}
		if c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
			return true // a C1 control, U+0080 to U+009F
		}
	}
	return false
}

func standIn(r rune) rune {
	switch {
	case r == '\n' || r == '\t':
		return r
	case r < 0x20:
		return 0x2400 + r
	case r == 0x7f:
		return 0x2421
	case r >= 0x80 && r <= 0x9f:
		return utf8.RuneError
	}
	return r
}

// SafeWriter returns a writer that passes what it is given through
// TerminalSafe. It suits output that carries no escapes of its own.
func SafeWriter(w io.Writer) io.Writer { return safeWriter{w} }

type safeWriter struct{ w io.Writer }

func (s safeWriter) Write(p []byte) (int, error) {
	if !hasControl(string(p)) {
		return s.w.Write(p)
	}
	// A write may end inside a UTF-8 sequence; control characters are
	// single bytes (C1 are two, and are rare enough to be caught whole in
	// practice), so a byte-wise pass is safe.
	if _, err := io.WriteString(s.w, TerminalSafe(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// terminalSafeAll applies TerminalSafe to every string reachable from v
// (a pointer), in place: the report's data is made safe before the text
// renderer adds escapes of its own (colours).
func terminalSafeAll(v any) {
	walkStrings(reflect.ValueOf(v), map[uintptr]bool{})
}

func walkStrings(v reflect.Value, seen map[uintptr]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		walkStrings(v.Elem(), seen)
	case reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), seen)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				walkStrings(v.Field(i), seen)
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return // bytes, not text
		}
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), seen)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := v.MapIndex(k)
			if e.Kind() == reflect.String && v.Type().Elem().Kind() == reflect.String {
				v.SetMapIndex(k, reflect.ValueOf(TerminalSafe(e.String())).Convert(e.Type()))
			}
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString(TerminalSafe(v.String()))
		}
	}
}
