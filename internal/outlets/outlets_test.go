package outlets

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

const sample = `
[[outlet]]
key = "foxnews.com"
aliases = ["fox"]
name = "Fox News"
groups = ["cable", "right"]
country = "US"

[[outlet]]
key = "cnn.com"
name = "CNN"
groups = ["cable"]
`

func TestLookup(t *testing.T) {
	r, err := Parse([]byte(sample), "outlets.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ key, name string }{
		{"foxnews.com", "Fox News"},
		{"FOX", "Fox News"},
		{"www.foxnews.com", "Fox News"},
		{"edition.cnn.com", "CNN"},
		{"hpo", "hpo"},
		{"com", "com"},
	} {
		if got := r.Name(tc.key); got != tc.name {
			t.Errorf("Name(%q) = %q, want %q", tc.key, got, tc.name)
		}
	}
	if got := r.Groups(); !reflect.DeepEqual(got, []string{"cable", "right"}) {
		t.Errorf("groups %q", got)
	}
}

func TestParseErrorsNameTheProblem(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"[[outlet]]\nname = \"No key\"\n", "outlet 1: no key"},
		{"[[outlet]]\nkey = \"a.com\"\n[[outlet]]\nkey = \"b.com\"\naliases = [\"A.com\"]\n", `outlet 2: "A.com" is already outlet "a.com"`},
		{"[[outlet]]\nkey = \"a.com\"\ngroup = [\"x\"]\n", `unknown field "outlet.group"`},
		{"[[outlet]\n", "outlets.toml:"},
	} {
		_, err := Parse([]byte(tc.in), "outlets.toml")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q): %v, want an error with %q", tc.in, err, tc.want)
		}
	}
}

// An imported table merges into the registry: a known key is replaced,
// a new one added, and what is written reads back the same.
func TestImportMergeAndWrite(t *testing.T) {
	r, _ := Parse([]byte(sample), "outlets.toml")
	in, err := ReadCSV(strings.NewReader("key,name,groups,owner\ncnn.com,CNN International,cable;global,Warner\nnyt,The New York Times,print,\n"))
	if err != nil {
		t.Fatal(err)
	}
	added, replaced, err := r.Merge(in)
	if err != nil || added != 1 || replaced != 1 {
		t.Fatalf("merge: %d added, %d replaced, %v", added, replaced, err)
	}
	if o, _ := r.Lookup("cnn.com"); o.Name != "CNN International" || !reflect.DeepEqual(o.Groups, []string{"cable", "global"}) || o.Owner != "Warner" {
		t.Errorf("cnn.com after import: %+v", o)
	}
	var b bytes.Buffer
	if err := r.Write(&b); err != nil {
		t.Fatal(err)
	}
	back, err := Parse(b.Bytes(), "written")
	if err != nil {
		t.Fatalf("written registry does not read back: %v\n%s", err, b.String())
	}
	if !reflect.DeepEqual(back.Outlets(), r.Outlets()) {
		t.Errorf("read back %+v, want %+v", back.Outlets(), r.Outlets())
	}
	if _, err := ReadCSV(strings.NewReader("host,name\na.com,A\n")); err == nil || !strings.Contains(err.Error(), `unknown column "host"`) {
		t.Errorf("a table without a key column: %v", err)
	}
}

func TestInGroup(t *testing.T) {
	r, _ := Parse([]byte(sample), "outlets.toml")
	in, others := r.InGroup("right", []string{"FOX", "edition.cnn.com", "hpo"})
	if !reflect.DeepEqual(in, []string{"FOX"}) || !reflect.DeepEqual(others, []string{"edition.cnn.com"}) {
		t.Errorf("in %q, others %q", in, others)
	}
	if g, ok := r.OneGroup([]string{"foxnews.com", "cnn.com", "hpo"}); !ok || g != "cable" {
		t.Errorf("one group: %q %v", g, ok)
	}
	if _, ok := r.OneGroup([]string{"hpo"}); ok {
		t.Error("a story of ungrouped outlets is covered by one group")
	}
}
