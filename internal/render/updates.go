package render

import (
	"fmt"
	"strings"

	"github.com/parallax-news/parallax/internal/compare"
)

// updateTitle heads one update: "U2. ABP Live, revision 2, read
// 2025-12-01T14:02:00Z" or "U3. Fox, correction (2025-12-01 19:19)".
func updateTitle(k int, u compare.Update) string {
	what := u.Kind
	if u.Kind == "revision" {
		what = fmt.Sprintf("revision %d", u.Revision)
		if u.At != "" {
			what += ", read " + u.At
		}
	} else if u.At != "" {
		what += " (" + u.At + ")"
	}
	return fmt.Sprintf("%s. %s, %s", updateRef(k), u.Outlet, what)
}

// updateRef names an update where facts point to it: U1, U2, …
func updateRef(k int) string { return fmt.Sprintf("U%d", k+1) }

// updateRefs lists the updates a fact points to: "updated: U1, U3", or "".
func updateRefs(ks []int) string {
	if len(ks) == 0 {
		return ""
	}
	var refs []string
	for _, k := range ks {
		refs = append(refs, updateRef(k))
	}
	return "updated: " + strings.Join(refs, ", ")
}

// changeLine says one change of a revision in a line.
func changeLine(c compare.Change) string {
	switch c.Kind {
	case "edited":
		return "edited: " + c.Text + " in “" + c.After + "”"
	case "added":
		return "added: “" + c.Text + "”"
	}
	return "removed: “" + c.Text + "”"
}
