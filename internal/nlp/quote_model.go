package nlp

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// QuoteModel holds three linear scorers learned from annotated quotes:
// whether a unit's quotations are an attribution at all, where the
// attributed content starts, and where it ends. Each weighs string
// features of a token position; the rules' own answers are features too.
type QuoteModel struct {
	attr, start, end, speaker map[uint64]float32
}

//go:embed quotes.model.gz
var shippedQuoteModel []byte

var (
	quoteModelOnce sync.Once
	quoteModel     *QuoteModel
)

// DefaultQuoteModel returns the shipped model, or nil if there is none
// (then the rules decide alone).
func DefaultQuoteModel() *QuoteModel {
	quoteModelOnce.Do(func() {
		if len(shippedQuoteModel) == 0 {
			return
		}
		m, err := ReadQuoteModel(bytes.NewReader(shippedQuoteModel))
		if err == nil {
			quoteModel = m
		}
	})
	return quoteModel
}

func fhash(s string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime
	}
	return h
}

func score(w map[uint64]float32, feats []string) float32 {
	var s float32
	for _, f := range feats {
		s += w[fhash(f)]
	}
	return s
}

// bucket turns a distance into a coarse class.
func bucket(d int) string {
	switch {
	case d < 0:
		return "-" + bucket(-d)
	case d <= 3:
		return strconv.Itoa(d)
	case d <= 6:
		return "4-6"
	case d <= 12:
		return "7-12"
	}
	return "13+"
}

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
		if !p.inQuote(k) && isCue(p.toks, k) > 0 {
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
	return strings.ToLower(ui.p.toks[k].Text)
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

func (ui *unitInfo) attrFeatures() []string {
	nq := 0
	for _, q := range ui.qs {
		nq += ui.p.closeOf(q) - q.open
	}
	f := []string{"bias", "rule:" + ui.ruleKind, "nq:" + bucket(len(ui.qs)), "qlen:" + bucket(nq/3),
		"tags:" + boolS(ui.speechTags), "qstart:" + boolS(ui.firstOpen == ui.u.a),
		"cues:" + bucket(len(ui.cues))}
	for _, c := range ui.cues {
		f = append(f, "cue:"+ui.word(c), "cuepos:"+bucket((c-ui.firstOpen)/2))
	}
	if ui.firstOpen+1 <= ui.u.b {
		f = append(f, "q1cap:"+boolS(firstUpperTok(ui.p.toks[ui.firstOpen+1].Text)))
	}
	f = append(f, "before:"+ui.word(ui.firstOpen-1), "after:"+ui.word(ui.lastClose+1))
	// The first quotation's shape: scare quotes and titles are short and
	// capitalised; statements end with their own punctuation.
	q := ui.qs[0]
	words, caps := 0, 0
	for k := q.open + 1; k < ui.p.closeOf(q); k++ {
		if t := ui.p.toks[k].Text; isWordToken(t) {
			words++
			if firstUpperTok(t) {
				caps++
			}
		}
	}
	endPunct := ui.p.closeOf(q) > q.open+1 && strings.ContainsAny(ui.p.toks[ui.p.closeOf(q)-1].Text, ".,!?;:…")
	f = append(f, "q1words:"+bucket(words), "q1title:"+boolS(words > 0 && caps == words), "q1punct:"+boolS(endPunct),
		"q1words&punct:"+bucket(words)+boolS(endPunct))
	speech := ui.p.firstSpeechVerb(ui.u.a, ui.u.b+1) >= 0
	f = append(f, "speech:"+boolS(speech), "spk:"+boolS(ui.rule != nil && ui.rule.Speaker.Len() > 0))
	if len(ui.cues) > 0 {
		best := 1 << 30
		for _, c := range ui.cues {
			d := min(abs(c-ui.firstOpen), abs(c-ui.lastClose))
			best = min(best, d)
		}
		f = append(f, "cuedist:"+bucket(best), "cuedist&punct:"+bucket(best)+boolS(endPunct))
	}
	return f
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

func (ui *unitInfo) startFeatures(k int) []string {
	w, w1, w2 := ui.word(k), ui.word(k-1), ui.word(k-2)
	next := ui.nextOpen(k)
	f := []string{"bias", "w:" + w, "w-1:" + w1, "w-2:" + w2, "w-1w:" + w1 + "|" + w,
		"rel:" + bucket(k-next), "first:" + boolS(next == ui.firstOpen), "open:" + boolS(ui.isOpen(k)), "ustart:" + boolS(k == ui.u.a),
		"rule:" + boolS(k == ui.ruleStart), "kind:" + ui.ruleKind, "inq:" + boolS(ui.p.inQuote(k) && !ui.isOpen(k)),
		"cuebetween:" + boolS(ui.cueIn(k, next)), "cuebefore:" + boolS(ui.cueIn(ui.u.a, k)),
		"prevcue:" + boolS(k > ui.u.a && isCue(ui.p.toks, k-1) > 0), "tags:" + boolS(ui.speechTags)}
	f = append(f, "rule&kind:"+boolS(k == ui.ruleStart)+ui.ruleKind, "open&kind:"+boolS(ui.isOpen(k))+ui.ruleKind)
	// Contents open right after their cue (and its "that"), or at a
	// sentence start when the tag follows.
	if c := ui.lastCueBefore(k); c >= 0 {
		d := bucket(k - c)
		f = append(f, "dcue:"+d, "dcue&w:"+d+"|"+w, "dcue&cue:"+d+"|"+ui.word(c), "dcue&open:"+d+boolS(ui.isOpen(k)))
	} else {
		f = append(f, "nocue&w:"+w)
	}
	f = append(f, "sstart:"+boolS(k == ui.p.first[ui.p.sentOf[k]]), "cap:"+boolS(firstUpperTok(ui.p.toks[k].Text)),
		"w-1&open:"+w1+boolS(ui.isOpen(k)))
	// A verb the cue list lacks ("admires", "exhorted") shows in its
	// ending: the content is its object.
	f = append(f, "w-1suf:"+suffix(w1, 2), "w-1suf3:"+suffix(w1, 3), "wsuf:"+suffix(w, 2))
	if ui.rule != nil && ui.rule.Cue.Len() > 0 {
		c := ui.p.tokenAt(ui.rule.Cue.End - 1)
		f = append(f, "drulecue:"+bucket(k-c), "drulecue&w:"+bucket(k-c)+"|"+w)
	}
	return f
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

func (ui *unitInfo) endFeatures(k int) []string {
	w, n1, n2 := ui.word(k), ui.word(k+1), ui.word(k+2)
	prev := ui.prevClose(k)
	f := []string{"bias", "w:" + w, "w+1:" + n1, "w+2:" + n2, "w-1:" + ui.word(k-1), "ww+1:" + w + "|" + n1,
		"rel:" + bucket(k-prev), "last:" + boolS(prev == ui.lastClose), "close:" + boolS(ui.isClose(k)), "uend:" + boolS(k == ui.u.b),
		"uend-1:" + boolS(k == ui.u.b-1), "rule:" + boolS(k == ui.ruleEnd), "kind:" + ui.ruleKind,
		"inq:" + boolS(ui.p.inQuote(k) && !ui.isClose(k)), "cueafter:" + boolS(ui.cueIn(k+1, ui.u.b+1)),
		"cuebetween:" + boolS(ui.cueIn(prev+1, k+1)), "tags:" + boolS(ui.speechTags)}
	f = append(f, "rule&kind:"+boolS(k == ui.ruleEnd)+ui.ruleKind, "close&kind:"+boolS(ui.isClose(k))+ui.ruleKind)
	// Contents end at a clause boundary: punctuation, a conjunction or a
	// relative word next, or the sentence's end.
	last := ui.p.last[ui.p.sentOf[k]]
	f = append(f, "w+1&close:"+n1+boolS(ui.isClose(k)), "send:"+boolS(k == last || k+1 == last && !isWordToken(ui.p.toks[last].Text)),
		"dsend:"+bucket(last-k))
	if c := ui.firstCueAfter(k); c >= 0 {
		f = append(f, "dnextcue:"+bucket(c-k), "dnextcue&w+1:"+bucket(c-k)+"|"+n1)
	}
	return f
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

func firstUpperTok(s string) bool {
	for _, r := range s {
		return r >= 'A' && r <= 'Z' || r > 127 && strings.ToUpper(string(r)) == string(r)
	}
	return false
}

// decide applies the model to a unit: whether it is an attribution and
// the token range of its content.
func (m *QuoteModel) decide(ui *unitInfo) (bool, int, int) {
	if score(m.attr, ui.attrFeatures()) <= 0 {
		return false, 0, 0
	}
	bestS, start := float32(-1e30), ui.u.a
	for k := ui.u.a; k <= ui.lastOpen(); k++ {
		if s := score(m.start, ui.startFeatures(k)); s > bestS {
			bestS, start = s, k
		}
	}
	bestE, end := float32(-1e30), ui.u.b
	for k := ui.p.closeOf(ui.firstQuoteFrom(start)); k <= ui.u.b; k++ {
		if s := score(m.end, ui.endFeatures(k)); s > bestE {
			bestE, end = s, k
		}
	}
	return true, start, end
}

// WriteQuoteModel saves the model: gzip of the three weight tables.
func WriteQuoteModel(w io.Writer, m *QuoteModel) error {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	bw.WriteString("PXQ2")
	for _, t := range []map[uint64]float32{m.attr, m.start, m.end, m.speaker} {
		keys := make([]uint64, 0, len(t))
		for k, v := range t {
			if v != 0 {
				keys = append(keys, k)
			}
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		binary.Write(bw, binary.LittleEndian, uint32(len(keys)))
		for _, k := range keys {
			binary.Write(bw, binary.LittleEndian, k)
			binary.Write(bw, binary.LittleEndian, t[k])
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// ReadQuoteModel loads a model saved by WriteQuoteModel.
func ReadQuoteModel(r io.Reader) (*QuoteModel, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReader(zr)
	head := make([]byte, 4)
	if _, err := io.ReadFull(br, head); err != nil || string(head) != "PXQ2" {
		return nil, errors.New("not a Parallax quote model")
	}
	m := &QuoteModel{}
	for _, t := range []*map[uint64]float32{&m.attr, &m.start, &m.end, &m.speaker} {
		var n uint32
		if err := binary.Read(br, binary.LittleEndian, &n); err != nil {
			return nil, fmt.Errorf("quote model: %w", err)
		}
		*t = make(map[uint64]float32, n)
		for i := 0; i < int(n); i++ {
			var k uint64
			var v float32
			binary.Read(br, binary.LittleEndian, &k)
			if err := binary.Read(br, binary.LittleEndian, &v); err != nil {
				return nil, fmt.Errorf("quote model: %w", err)
			}
			(*t)[k] = v
		}
	}
	return m, nil
}

// SaveQuoteModel writes the model to path.
func SaveQuoteModel(path string, m *QuoteModel) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := WriteQuoteModel(f, m); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// speakerCandidates are the tokens that may head the speaker mention: the
// words of the unit outside its quotations.
func (ui *unitInfo) speakerCandidates() []int {
	var out []int
	for k := ui.u.a; k <= ui.u.b; k++ {
		if !ui.p.inQuote(k) && isWordToken(ui.p.toks[k].Text) {
			out = append(out, k)
		}
	}
	return out
}

// speakerFeatures describe token k as the head of the speaker of a quote
// whose content is [start, end] and whose cue is at cue (-1 if none).
func (ui *unitInfo) speakerFeatures(k, start, end, cue, ruleHead int) []string {
	t := ui.p.toks[k].Text
	w := strings.ToLower(t)
	cls := "lower"
	switch {
	case pronouns[w]:
		cls = "pron"
	case firstUpperTok(t):
		cls = "cap"
		if k > ui.u.a && firstUpperTok(ui.p.toks[k-1].Text) && isWordToken(ui.p.toks[k-1].Text) {
			cls = "capin"
		}
	}
	nextCap := k+1 <= ui.u.b && firstUpperTok(ui.p.toks[k+1].Text) && isWordToken(ui.p.toks[k+1].Text)
	side := "in"
	if k < start {
		side = "before"
	} else if k > end {
		side = "after"
	}
	f := []string{"bias", "w:" + w, "cls:" + cls, "side:" + side, "cls&side:" + cls + side,
		"w-1:" + ui.word(k-1), "w+1:" + ui.word(k+1), "nextcap:" + boolS(nextCap),
		"rule:" + boolS(k == ruleHead), "rule&cls:" + boolS(k == ruleHead) + cls,
		"sent:" + boolS(k == ui.p.first[ui.p.sentOf[k]]), "afterdash:" + boolS(k > 0 && ui.p.isDashCredit(k-1))}
	if cue >= 0 {
		d := k - cue
		f = append(f, "dcue:"+bucket(d), "dcue&cls:"+bucket(d)+cls, "cue:"+ui.word(cue), "cue&side:"+ui.word(cue)+boolS(d < 0))
		between := false
		for j := min(k, cue) + 1; j < max(k, cue); j++ {
			if tx := ui.p.toks[j].Text; tx == "," || ui.p.inQuote(j) {
				between = true
				break
			}
		}
		f = append(f, "commabetween:"+boolS(between))
	}
	return f
}

// pickSpeaker returns the token the model takes for the speaker's head.
func (m *QuoteModel) pickSpeaker(ui *unitInfo, start, end, cue, ruleHead int) int {
	best, bestS := -1, float32(-1e30)
	for _, k := range ui.speakerCandidates() {
		if k >= start && k <= end {
			continue
		}
		if s := score(m.speaker, ui.speakerFeatures(k, start, end, cue, ruleHead)); s > bestS {
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
