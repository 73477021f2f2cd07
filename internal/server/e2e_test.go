package server

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/parallax-news/parallax/internal/engine"
)

// chromium finds Debian's Chromium. In CI (CI set) a missing browser is a
// failure, not a skip: .ci/run installs it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("Chromium is not installed (apt-get install chromium chromium-driver); the browser tests must run in CI")
	}
	t.Skip("Chromium not installed; set CI=1 to make this a failure")
	return ""
}

// liveServer starts a server on a loopback port over a fresh SQLite
// store, serving until ctx ends or the test does, and returns its base
// URL.
func liveServer(ctx context.Context, t *testing.T, opt Options) string {
	t.Helper()
	srv, err := New(&engine.Engine{Store: tempStore(t)}, opt)
	if err != nil {
		t.Fatal(err)
	}
	addr := make(chan string, 1)
	sctx, stop := context.WithCancel(ctx)
	t.Cleanup(stop)
	go srv.Serve(sctx, "127.0.0.1:0", func(a string) { addr <- a })
	return "http://" + <-addr
}

// browser starts Chromium with a window of the given size and returns a
// context driving it; cancel ends the browser.
func browser(ctx context.Context, t *testing.T, exe string, width, height int) (context.Context, context.CancelFunc) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(width, height))
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	return bctx, func() { bcancel(); acancel() }
}

// TestBrowserStoryPage loads the seeds through the API of a server on a
// loopback port, opens the story in Chromium, checks the aligned facts,
// the Hallandale Beach/Miami verdict and the quote diff are on screen,
// takes a screenshot, clicks a fact and checks its spans are highlighted.
func TestBrowserStoryPage(t *testing.T) {
	exe := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := liveServer(ctx, t, Options{})
	story := loadSeeds(t, base, "")

	bctx, bcancel := browser(ctx, t, exe, 1400, 1000)
	defer bcancel()

	must := func(err error, what string) {
		if err != nil {
			t.Fatalf("browser, %s: %v", what, err)
		}
	}
	_, err := chromedp.Run(bctx, chromedp.Navigate(base+"/stories/"+story))
	must(err, "open the story")
	_, err = chromedp.Run(bctx, chromedp.WaitVisible(chromedp.CSS(`table.aligned`)))
	must(err, "wait for the aligned facts")
	aligned, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`table.aligned`)))
	must(err, "read the aligned facts")
	conflicts, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`ul.conflicts`)))
	must(err, "read the conflicts")
	quotes, err := chromedp.Run(bctx, chromedp.OuterHTML(chromedp.CSS(`ul.quotes`)))
	must(err, "read the quotes")
	shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	must(err, "take a screenshot")
	if !strings.Contains(aligned, "safe forever") || !strings.Contains(aligned, "secure forever") {
		t.Errorf("aligned facts lack the two wordings of Rubio's sentence: %.300q", aligned)
	}
	if !strings.Contains(conflicts, "Hallandale Beach") || !strings.Contains(conflicts, "Miami") || !strings.Contains(conflicts, "compatible") {
		t.Errorf("the place verdict is not on screen: %.300q", conflicts)
	}
	if !strings.Contains(quotes, "<del>secure</del>") || !strings.Contains(quotes, "<ins>safe</ins>") {
		t.Errorf("the quote diff is not on screen")
	}
	if len(shot) < 10000 {
		t.Errorf("screenshot of %d bytes", len(shot))
	}
	out := os.Getenv("PARALLAX_SCREENSHOTS")
	if out == "" {
		out = t.TempDir()
	}
	os.WriteFile(filepath.Join(out, "story.png"), shot, 0o644)

	// The timeline is drawn on a time axis.
	canvases, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll('#timeline canvas').length`))
	must(err, "look for the timeline chart")
	if canvases == 0 {
		t.Errorf("no timeline chart drawn")
	}

	// Click the first shared fact in the aligned table: its sentence
	// lights up in the article's text.
	cell := `table.aligned td.item`
	// Before: no offsets in the reading flow, nothing highlighted.
	shown, err := chromedp.Run(bctx, chromedp.Evaluate[int](`Array.from(document.querySelectorAll('.where')).filter(e => e.offsetParent !== null).length`))
	must(err, "count shown offsets")
	if shown != 0 {
		t.Errorf("%d offsets shown in the reading flow before any item is in focus", shown)
	}
	factText, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(cell)))
	must(err, "read a fact")
	_, err = chromedp.Run(bctx, chromedp.Click(chromedp.CSS(cell)))
	must(err, "click the fact")
	_, err = chromedp.Run(bctx, chromedp.WaitVisible(chromedp.CSS(`.c.hl`)))
	must(err, "wait for the highlight")
	count, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll('.c.hl').length`))
	must(err, "count highlights")
	lit, err := chromedp.Run(bctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('.c.hl')).map(e => e.textContent).join('')`))
	must(err, "read highlights")
	// The item in focus shows where it is.
	where, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.querySelector('table.aligned td.item > .where').offsetParent !== null`))
	must(err, "look at the focused item's offsets")
	if !where {
		t.Errorf("the item in focus does not show its offsets")
	}
	// Live update: another outlet's copy of a seed joins the story; the
	// open page says so without a reload.
	code, res, e := postURL(t, base+"/api/articles?outlet=Mirror+Daily", "", "text/plain", "", seed(t, "000_9cfc92a05877532c.txt"))
	if code != 200 || len(res.Articles) != 1 || res.Articles[0].StoryID != story {
		t.Fatalf("the copy did not join the story: %+v %+v", res, e)
	}
	wctx, wcancel := context.WithTimeout(bctx, 15*time.Second)
	_, err = chromedp.Run(wctx, chromedp.WaitVisible(chromedp.CSS(`#live a`)))
	wcancel()
	must(err, "wait for the live-update notice")
	notice, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`#live`)))
	must(err, "read the notice")
	if !strings.Contains(notice, "3 articles") {
		t.Errorf("live notice %q", notice)
	}

	words := strings.Fields(factText)
	if count == 0 || len(words) < 3 || !strings.Contains(lit, strings.Join(words[:3], " ")) {
		t.Errorf("clicking %.80q highlighted %d pieces: %.200q", factText, count, lit)
	}
}
