package server

import (
	"context"
	"encoding/csv"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserOutletPages opens the outlets list and an outlet's page in
// Chromium at a desktop and a phone width: nothing overflows sideways,
// the chart has both axes' labels, the page says what the registry says,
// and the CSV link returns a table that parses. Screenshots go to
// $PARALLAX_SCREENSHOTS when set.
func TestBrowserOutletPages(t *testing.T) {
	exe := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	dir := t.TempDir()
	reg := filepath.Join(dir, "outlets.toml")
	if err := os.WriteFile(reg, []byte("[[outlet]]\nkey = \"wire-desk\"\nname = \"Wire Desk International\"\ngroups = [\"wire\", \"global\"]\ncountry = \"IN\"\nowner = \"Desk Holdings\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := liveServer(ctx, t, Options{OutletsFile: reg})
	story := ""
	for _, p := range []struct{ outlet, seed string }{{"wire-desk", "000_9cfc92a05877532c.txt"}, {"kyiv-daily", "004_9db2e0d9894f95f3.txt"}} {
		code, res, e := postURL(t, base+"/api/articles?outlet="+p.outlet, "", "text/plain", "", seed(t, p.seed))
		if code != 200 || len(res.Articles) != 1 {
			t.Fatalf("post: %d %+v", code, e)
		}
		story = res.Articles[0].StoryID
	}
	shots := os.Getenv("PARALLAX_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	for _, width := range []int{1400, 390} {
		bctx, bcancel := browser(ctx, t, exe, width, 900)
		for _, page := range []struct {
			path, name string
			wants      []string
		}{
			{"/dashboard", "dashboard", []string{"Articles per day by group", "wire", "People"}},
			{"/outlets", "outlets", []string{"Wire Desk International", "wire, global"}},
			{"/stories/" + story, "story", []string{"Coverage by group", "Wire Desk International"}},
			{"/outlets/wire-desk", "outlet", []string{"Wire Desk International", "wire, global"}},
		} {
			if _, err := chromedp.Run(bctx, chromedp.Navigate(base+page.path)); err != nil {
				t.Fatalf("%d px, open %s: %v", width, page.path, err)
			}
			over, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if over {
				t.Errorf("%d px: %s overflows sideways", width, page.path)
			}
			body, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`main`)))
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range page.wants {
				if !strings.Contains(body, want) {
					t.Errorf("%d px: %s lacks %q", width, page.path, want)
				}
			}
			shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(shots, page.name+"-"+strconv.Itoa(width)+".png"), shot, 0o644)
		}
		// The outlet page (the last opened) has its chart's axes labelled:
		// the day and the count.
		labels, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('svg.chart text')).map(e => e.textContent)`))
		if err != nil {
			t.Fatal(err)
		}
		if len(labels) < 3 || !strings.HasPrefix(labels[len(labels)-1], "20") {
			t.Errorf("%d px: chart labels %q", width, labels)
		}
		href, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector('a[href*="format=csv"]').href`))
		if err != nil {
			t.Fatal(err)
		}
		checkCSVLinks(t, bctx, base+"/dashboard", 2)
		bcancel()
		resp, err := http.Get(href)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(resp.Body).ReadAll()
		resp.Body.Close()
		if err != nil || len(rows) != 2 || !strings.Contains(strings.Join(rows[1], ","), "wire-desk") {
			t.Errorf("the CSV link %s: %v %q", href, err, rows)
		}
	}
}

// checkCSVLinks opens a page and reads every CSV it links to: each must
// parse and hold a header and at least one row.
func checkCSVLinks(t *testing.T, bctx context.Context, page string, want int) {
	t.Helper()
	if _, err := chromedp.Run(bctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	links, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('a')).map(a => a.href).filter(h => /\.csv(\?|$)|format=csv/.test(h))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(links) < want {
		t.Errorf("%s links %d CSV files, want %d: %q", page, len(links), want, links)
	}
	for _, href := range links {
		resp, err := http.Get(href)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(resp.Body).ReadAll()
		resp.Body.Close()
		if err != nil || len(rows) < 2 {
			t.Errorf("the CSV link %s: %v, %d rows", href, err, len(rows))
		}
	}
}
