package quotes

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"sort"
	"sync"

	"github.com/parallax-news/parallax/internal/featmap"
	"github.com/parallax-news/parallax/internal/learn"
	"github.com/parallax-news/parallax/internal/words"
)

// Model holds three linear scorers learned from annotated quotes:
// whether a unit's quotations are an attribution at all, where the
// attributed content starts, and where it ends. Each weighs string
// features of a token position; the rules' own answers are features too.
type Model struct {
	attr, start, end, speaker *featmap.Map[float32]
	// AttrThreshold is the score a unit's quotations need to count as an
	// attribution (chosen by cross-validation when training).
	AttrThreshold float32
}

//go:embed model.gz
var shippedQuoteModel []byte

var (
	quoteModelOnce sync.Once
	quoteModel     *Model
)

// DefaultModel returns the shipped model, or nil if there is none
// (then the rules decide alone).
func DefaultModel() *Model {
	quoteModelOnce.Do(func() {
		if len(shippedQuoteModel) == 0 {
			return
		}
		m, err := ReadModel(bytes.NewReader(shippedQuoteModel))
		if err == nil {
			quoteModel = m
		}
	})
	return quoteModel
}

// bucket turns a distance into a coarse class.
func bucket(d int) string {
	switch {
	case d < -12:
		return "-13+"
	case d < -6:
		return "-7-12"
	case d < -3:
		return "-4-6"
	case d < 0:
		return negSmall[-d]
	case d <= 3:
		return small[d]
	case d <= 6:
		return "4-6"
	case d <= 12:
		return "7-12"
	}
	return "13+"
}

var small, negSmall = [4]string{"0", "1", "2", "3"}, [4]string{"-0", "-1", "-2", "-3"}

// unitInfo is what the features of one unit need.
type unitInfo struct {
	p          *paragraph
	u          unit
	qs         []interval
	ruleKind   string // direct, partial or none
	ruleStart  int
	ruleEnd    int
	firstOpen  int
	lastClose  int
	cues       []int // cue tokens of the unit outside quotations
	speechTags bool
	rule       *Quote
}

func (p *paragraph) unitInfo(u unit, qs []interval, rule *Quote, ruleKind string) *unitInfo {
	ui := &unitInfo{p: p, u: u, qs: qs, ruleKind: ruleKind, ruleStart: -1, ruleEnd: -1,
		firstOpen: qs[0].open, lastClose: p.closeOf(qs[len(qs)-1])}
	for k := u.a; k <= u.b; k++ {
		if !p.inQuote(k) && IsCue(p.toks, k) > 0 {
			ui.cues = append(ui.cues, k)
		}
	}
	ui.speechTags = p.speechTagsOnly(p.framePieces(u, qs))
	ui.rule = rule
	if rule != nil {
		ui.ruleStart, ui.ruleEnd = p.tokenAt(rule.Span.Start), p.tokenAt(rule.Span.End-1)
	}
	return ui
}

// tokenAt returns the paragraph token covering byte offset b.
func (p *paragraph) tokenAt(b int) int {
	i := sort.Search(len(p.toks), func(i int) bool { return p.toks[i].Span.End > b })
	if i >= len(p.toks) {
		return len(p.toks) - 1
	}
	return i
}

func (ui *unitInfo) word(k int) string {
	if k < ui.u.a {
		return "<u>"
	}
	if k > ui.u.b {
		return "</u>"
	}
	return ui.p.lower(k)
}

func (ui *unitInfo) cueIn(a, b int) bool {
	for _, c := range ui.cues {
		if c >= a && c < b {
			return true
		}
	}
	return false
}

func (ui *unitInfo) isOpen(k int) bool {
	for _, q := range ui.qs {
		if q.open == k {
			return true
		}
	}
	return false
}

func (ui *unitInfo) isClose(k int) bool {
	for _, q := range ui.qs {
		if ui.p.closeOf(q) == k {
			return true
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// nextOpen returns the first quotation opening at or after k.
func (ui *unitInfo) nextOpen(k int) int {
	for _, q := range ui.qs {
		if q.open >= k {
			return q.open
		}
	}
	return ui.lastOpen()
}

func (ui *unitInfo) lastOpen() int { return ui.qs[len(ui.qs)-1].open }

// prevClose returns the last quotation closing at or before k.
func (ui *unitInfo) prevClose(k int) int {
	out := ui.p.closeOf(ui.qs[0])
	for _, q := range ui.qs {
		if c := ui.p.closeOf(q); c <= k {
			out = c
		}
	}
	return out
}

// lastCueBefore returns the last cue of the unit before token k, or -1.
func (ui *unitInfo) lastCueBefore(k int) int {
	best := -1
	for _, c := range ui.cues {
		if c < k {
			best = c
		}
	}
	return best
}

// firstCueAfter returns the first cue of the unit after token k, or -1.
func (ui *unitInfo) firstCueAfter(k int) int {
	for _, c := range ui.cues {
		if c > k {
			return c
		}
	}
	return -1
}

// suffix returns the last n bytes of a word (all of it if shorter).
func suffix(w string, n int) string {
	if len(w) <= n {
		return w
	}
	return w[len(w)-n:]
}

func boolS(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// decide applies the model to a unit: whether it is an attribution and
// the token range of its content.
func (m *Model) decide(ui *unitInfo) (bool, int, int) {
	buf := ui.attrFeatures(make(featureSet, 0, 64))
	if learn.Score(m.attr, buf) <= m.AttrThreshold {
		return false, 0, 0
	}
	bestS, start := float32(-1e30), ui.u.a
	for k := ui.u.a; k <= ui.lastOpen(); k++ {
		buf = ui.startFeatures(buf[:0], k)
		if s := learn.Score(m.start, buf); s > bestS {
			bestS, start = s, k
		}
	}
	if start > ui.u.a && ui.p.isCliticAt(start) {
		start-- // content starts at a word, not inside one ("Friday|'s")
	}
	bestE, end := float32(-1e30), ui.u.b
	for k := ui.p.closeOf(ui.firstQuoteFrom(start)); k <= ui.u.b; k++ {
		buf = ui.endFeatures(buf[:0], k)
		if s := learn.Score(m.end, buf); s > bestE {
			bestE, end = s, k
		}
	}
	return true, start, end
}

// WriteModel saves the model: gzip of the attribution threshold and
// the four weight tables.
func WriteModel(w io.Writer, m *Model) error {
	return learn.Write(w, quoteMagic, m.write)
}

// SaveModel writes the model to path.
func SaveModel(path string, m *Model) error {
	return learn.WriteFile(path, quoteMagic, m.write)
}

// The quote model's magics: PXQ2 had no attribution threshold.
const quoteMagic, quoteMagicV2 = "PXQ3", "PXQ2"

func (m *Model) write(bw *bufio.Writer) error {
	binary.Write(bw, binary.LittleEndian, m.AttrThreshold)
	for _, t := range []*featmap.Map[float32]{m.attr, m.start, m.end, m.speaker} {
		keys := make([]uint64, 0, t.Len())
		t.Each(func(k uint64, v float32) {
			if v != 0 {
				keys = append(keys, k)
			}
		})
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		binary.Write(bw, binary.LittleEndian, uint32(len(keys)))
		for _, k := range keys {
			v, _ := t.Get(k)
			binary.Write(bw, binary.LittleEndian, k)
			if err := binary.Write(bw, binary.LittleEndian, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// ReadModel loads a model saved by WriteModel.
func ReadModel(r io.Reader) (*Model, error) {
	br, magic, err := learn.Read(r, "quote model", quoteMagic, quoteMagicV2)
	if err != nil {
		return nil, err
	}
	m := &Model{}
	if magic == quoteMagic {
		if err := binary.Read(br, binary.LittleEndian, &m.AttrThreshold); err != nil {
			return nil, fmt.Errorf("quote model: %w", err)
		}
	}
	for _, t := range []**featmap.Map[float32]{&m.attr, &m.start, &m.end, &m.speaker} {
		var n uint32
		if err := binary.Read(br, binary.LittleEndian, &n); err != nil {
			return nil, fmt.Errorf("quote model: %w", err)
		}
		*t = featmap.New[float32](int(n))
		for i := 0; i < int(n); i++ {
			var k uint64
			var v float32
			binary.Read(br, binary.LittleEndian, &k)
			if err := binary.Read(br, binary.LittleEndian, &v); err != nil {
				return nil, fmt.Errorf("quote model: %w", err)
			}
			(*t).Set(k, v)
		}
	}
	return m, nil
}

// speakerCandidates are the tokens that may head the speaker mention: the
// words of the unit outside its quotations.
func (ui *unitInfo) speakerCandidates() []int {
	var out []int
	for k := ui.u.a; k <= ui.u.b; k++ {
		if !ui.p.inQuote(k) && words.IsWord(ui.p.toks[k].Text) {
			out = append(out, k)
		}
	}
	return out
}

// pickSpeaker returns the token the model takes for the speaker's head.
func (m *Model) pickSpeaker(ui *unitInfo, start, end, cue, ruleHead int) int {
	best, bestS := -1, float32(-1e30)
	buf := make(featureSet, 0, 32)
	for _, k := range ui.speakerCandidates() {
		if k >= start && k <= end {
			continue
		}
		buf = ui.speakerFeatures(buf[:0], k, start, end, cue, ruleHead)
		if s := learn.Score(m.speaker, buf); s > bestS {
			best, bestS = k, s
		}
	}
	return best
}

// cueFor returns the cue of a content span [start, end]: the first verb of
// saying before it, else the nearest cue before it, else after it.
func (ui *unitInfo) cueFor(start, end int) int {
	p := ui.p
	if c := p.firstSpeechVerb(ui.u.a, start); c >= 0 {
		return c
	}
	if c := p.nearestCue(ui.u.a, start, start); c >= 0 {
		return c
	}
	if c := p.nearestCue(end+1, ui.u.b+1, end); c >= 0 {
		return c
	}
	return -1
}

// ruleHead returns the head token of the rules' speaker, or -1.
func (ui *unitInfo) ruleHead() int {
	if ui.rule == nil || ui.rule.SpeakerHead.Len() == 0 {
		return -1
	}
	return ui.p.tokenAt(ui.rule.SpeakerHead.Start)
}

// firstQuoteFrom returns the first quotation opening at or after k.
func (ui *unitInfo) firstQuoteFrom(k int) interval {
	for _, q := range ui.qs {
		if q.open >= k {
			return q
		}
	}
	return ui.qs[len(ui.qs)-1]
}
