package compare

import (
	"encoding/json"
	"fmt"
)

// CheckSpans verifies a JSON report against the span contract: every
// object with "article_id", "start", "end" and "text" must slice that
// article's "text" (or "raw" when "in" is "raw") exactly, in Unicode code
// points. It returns the number of spans checked and the failures.
func CheckSpans(report []byte) (int, []string) {
	var root struct {
		Stories []json.RawMessage `json:"stories"`
	}
	if err := json.Unmarshal(report, &root); err != nil {
		return 0, []string{"not a report: " + err.Error()}
	}
	n := 0
	var bad []string
	for _, raw := range root.Stories {
		var st struct {
			Articles []struct {
				ID   string `json:"id"`
				Text string `json:"text"`
				Raw  string `json:"raw"`
			} `json:"articles"`
		}
		var tree any
		if err := json.Unmarshal(raw, &st); err != nil {
			return n, append(bad, err.Error())
		}
		json.Unmarshal(raw, &tree)
		texts := map[string][2][]rune{}
		for _, a := range st.Articles {
			texts[a.ID] = [2][]rune{[]rune(a.Text), []rune(a.Raw)}
		}
		var walk func(v any)
		walk = func(v any) {
			switch x := v.(type) {
			case map[string]any:
				if id, ok := x["article_id"].(string); ok {
					if _, ok := x["start"]; ok {
						n++
						if msg := checkSpan(x, id, texts); msg != "" {
							bad = append(bad, msg)
						}
					}
				}
				for _, c := range x {
					walk(c)
				}
			case []any:
				for _, c := range x {
					walk(c)
				}
			}
		}
		walk(tree)
	}
	return n, bad
}

func checkSpan(x map[string]any, id string, texts map[string][2][]rune) string {
	t, ok := texts[id]
	if !ok {
		return fmt.Sprintf("span cites article %q, which the report does not carry", id)
	}
	start, _ := x["start"].(float64)
	end, _ := x["end"].(float64)
	text, _ := x["text"].(string)
	src := t[0]
	if in, _ := x["in"].(string); in == "raw" {
		src = t[1]
	}
	s, e := int(start), int(end)
	if s < 0 || e < s || e > len(src) {
		return fmt.Sprintf("span %s %d:%d out of range (%d code points)", id, s, e, len(src))
	}
	if string(src[s:e]) != text {
		return fmt.Sprintf("span %s %d:%d is %q, says %q", id, s, e, string(src[s:e]), text)
	}
	return ""
}
