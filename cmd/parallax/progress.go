package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// progress draws a one-line progress bar on standard error when it is a
// terminal, and nothing when output is piped or --quiet is given.
type progress struct {
	mu      sync.Mutex
	w       io.Writer
	on      bool
	label   string
	start   time.Time
	last    time.Time
	done    int64
	total   int64
	items   int
	drawn   bool
	itemsOf string
}

func newProgress(label string, quiet bool) *progress {
	return &progress{
		w: os.Stderr, label: label, start: time.Now(), itemsOf: "articles",
		on: !quiet && term.IsTerminal(int(os.Stderr.Fd())),
	}
}

// bytes records bytes read of a known total.
func (p *progress) bytes(done, total int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done, p.total = done, total
	p.drawLocked(false)
}

// count records the number of items finished.
func (p *progress) count(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.items = n
	p.drawLocked(false)
}

func (p *progress) drawLocked(force bool) {
	if !p.on || !force && time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	const width = 30
	bar := strings.Repeat("·", width)
	pct := ""
	if p.total > 0 {
		f := float64(p.done) / float64(p.total)
		f = min(1, f)
		n := int(f * width)
		bar = strings.Repeat("█", n) + strings.Repeat("·", width-n)
		pct = fmt.Sprintf("%3.0f%%", f*100)
	}
	elapsed := time.Since(p.start).Seconds()
	rate := ""
	if elapsed > 0.5 && p.items > 0 {
		rate = fmt.Sprintf(" %.0f/s", float64(p.items)/elapsed)
	}
	fmt.Fprintf(p.w, "\r\033[K%s %s %s %d %s%s", p.label, bar, pct, p.items, p.itemsOf, rate)
	p.drawn = true
}

// clear removes the bar so that the next line prints cleanly.
func (p *progress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

// printErr prints an error line above the bar.
func (p *progress) printErr(err error) {
	p.clear()
	fmt.Fprintf(os.Stderr, "parallax: %s\n", terminalSafe(err.Error()))
	p.mu.Lock()
	p.drawLocked(true)
	p.mu.Unlock()
}
