package extract

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

func TestDebugNode(t *testing.T) {
	prefix := os.Getenv("PARALLAX_DEBUG_PAGE")
	if prefix == "" {
		t.Skip("set PARALLAX_DEBUG_PAGE")
	}
	files, _ := filepath.Glob(filepath.Join("../../../shared/data/extraction-dev/html", prefix+"*.html.gz"))
	fh, _ := os.Open(files[0])
	zr, _ := gzip.NewReader(fh)
	raw, _ := io.ReadAll(zr)
	res, _ := trafilatura.Extract(strings.NewReader(string(raw)), trafilatura.Options{ExcludeComments: true, IncludeLinks: os.Getenv("LINKS") != "", HtmlDateMode: trafilatura.Disabled})
	var sb strings.Builder
	html.Render(&sb, res.ContentNode)
	fmt.Println(sb.String())
}

func TestDebugBlocks(t *testing.T) {
	prefix := os.Getenv("PARALLAX_DEBUG_PAGE")
	if prefix == "" {
		t.Skip("set PARALLAX_DEBUG_PAGE")
	}
	files, _ := filepath.Glob(filepath.Join("../../../shared/data/extraction-dev/html", prefix+"*.html.gz"))
	fh, _ := os.Open(files[0])
	zr, _ := gzip.NewReader(fh)
	raw, _ := io.ReadAll(zr)
	doc, _ := html.Parse(strings.NewReader(string(raw)))
	for _, b := range extractBlocks(doc, nil) {
		fmt.Printf("%-6s %.2f %s\n", b.tag, b.links, clipText(b.text, 100))
	}
}
