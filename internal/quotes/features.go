package quotes

import (
	"strings"

	"github.com/parallax-news/parallax/internal/words"
)

// featureSet holds hashed features. A feature is the FNV-1a hash of its
// name and values written one after another: the number fhash gives
// their concatenation, without building that string. The analysis scores
// thousands of candidate positions per article, so this matters.
type featureSet []uint64

const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211

// add appends the feature made of parts.
func (f featureSet) add(parts ...string) featureSet {
	h := uint64(fnvOffset)
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h ^= uint64(p[i])
			h *= fnvPrime
		}
	}
	return append(f, h)
}

// attrFeatures describe a unit for the question whether its quotations
// are attributed at all.
func (ui *unitInfo) attrFeatures(f featureSet) featureSet {
	nq := 0
	for _, q := range ui.qs {
		nq += ui.p.closeOf(q) - q.open
	}
	f = f.add("bias").add("rule:", ui.ruleKind).add("nq:", bucket(len(ui.qs))).add("qlen:", bucket(nq/3)).
		add("tags:", boolS(ui.speechTags)).add("qstart:", boolS(ui.firstOpen == ui.u.a)).
		add("cues:", bucket(len(ui.cues)))
	for _, c := range ui.cues {
		f = f.add("cue:", ui.word(c)).add("cuepos:", bucket((c-ui.firstOpen)/2))
	}
	if ui.firstOpen+1 <= ui.u.b {
		f = f.add("q1cap:", boolS(words.StartsUpper(ui.p.toks[ui.firstOpen+1].Text)))
	}
	f = f.add("before:", ui.word(ui.firstOpen-1)).add("after:", ui.word(ui.lastClose+1))
	// The first quotation's shape: scare quotes and titles are short and
	// capitalised; statements end with their own punctuation.
	q := ui.qs[0]
	n, caps := 0, 0
	for k := q.open + 1; k < ui.p.closeOf(q); k++ {
		if t := ui.p.toks[k].Text; words.IsWord(t) {
			n++
			if words.StartsUpper(t) {
				caps++
			}
		}
	}
	endPunct := ui.p.closeOf(q) > q.open+1 && strings.ContainsAny(ui.p.toks[ui.p.closeOf(q)-1].Text, ".,!?;:…")
	f = f.add("q1words:", bucket(n)).add("q1title:", boolS(n > 0 && caps == n)).add("q1punct:", boolS(endPunct)).
		add("q1words&punct:", bucket(n), boolS(endPunct))
	speech := ui.p.firstSpeechVerb(ui.u.a, ui.u.b+1) >= 0
	f = f.add("speech:", boolS(speech)).add("spk:", boolS(ui.rule != nil && ui.rule.Speaker.Len() > 0))
	if len(ui.cues) > 0 {
		best := 1 << 30
		for _, c := range ui.cues {
			d := min(abs(c-ui.firstOpen), abs(c-ui.lastClose))
			best = min(best, d)
		}
		f = f.add("cuedist:", bucket(best)).add("cuedist&punct:", bucket(best), boolS(endPunct))
	}
	return f
}

// startFeatures describe token k as the first of the attributed content.
func (ui *unitInfo) startFeatures(f featureSet, k int) featureSet {
	w, w1, w2 := ui.word(k), ui.word(k-1), ui.word(k-2)
	next := ui.nextOpen(k)
	open := boolS(ui.isOpen(k))
	f = f.add("bias").add("w:", w).add("w-1:", w1).add("w-2:", w2).add("w-1w:", w1, "|", w).
		add("rel:", bucket(k-next)).add("first:", boolS(next == ui.firstOpen)).add("open:", open).add("ustart:", boolS(k == ui.u.a)).
		add("rule:", boolS(k == ui.ruleStart)).add("kind:", ui.ruleKind).add("inq:", boolS(ui.p.inQuote(k) && !ui.isOpen(k))).
		add("cuebetween:", boolS(ui.cueIn(k, next))).add("cuebefore:", boolS(ui.cueIn(ui.u.a, k))).
		add("prevcue:", boolS(k > ui.u.a && IsCue(ui.p.toks, k-1) > 0)).add("tags:", boolS(ui.speechTags))
	f = f.add("rule&kind:", boolS(k == ui.ruleStart), ui.ruleKind).add("open&kind:", open, ui.ruleKind)
	// Contents open right after their cue (and its "that"), or at a
	// sentence start when the tag follows.
	if c := ui.lastCueBefore(k); c >= 0 {
		d := bucket(k - c)
		f = f.add("dcue:", d).add("dcue&w:", d, "|", w).add("dcue&cue:", d, "|", ui.word(c)).add("dcue&open:", d, open)
	} else {
		f = f.add("nocue&w:", w)
	}
	f = f.add("sstart:", boolS(k == ui.p.first[ui.p.sentOf[k]])).add("cap:", boolS(words.StartsUpper(ui.p.toks[k].Text))).
		add("w-1&open:", w1, open)
	// A verb the cue list lacks ("admires", "exhorted") shows in its
	// ending: the content is its object.
	f = f.add("w-1suf:", suffix(w1, 2)).add("w-1suf3:", suffix(w1, 3)).add("wsuf:", suffix(w, 2))
	if ui.rule != nil && ui.rule.Cue.Len() > 0 {
		c := ui.p.tokenAt(ui.rule.Cue.End - 1)
		f = f.add("drulecue:", bucket(k-c)).add("drulecue&w:", bucket(k-c), "|", w)
	}
	return f
}

// endFeatures describe token k as the last of the attributed content.
func (ui *unitInfo) endFeatures(f featureSet, k int) featureSet {
	w, n1, n2 := ui.word(k), ui.word(k+1), ui.word(k+2)
	prev := ui.prevClose(k)
	closes := boolS(ui.isClose(k))
	f = f.add("bias").add("w:", w).add("w+1:", n1).add("w+2:", n2).add("w-1:", ui.word(k-1)).add("ww+1:", w, "|", n1).
		add("rel:", bucket(k-prev)).add("last:", boolS(prev == ui.lastClose)).add("close:", closes).add("uend:", boolS(k == ui.u.b)).
		add("uend-1:", boolS(k == ui.u.b-1)).add("rule:", boolS(k == ui.ruleEnd)).add("kind:", ui.ruleKind).
		add("inq:", boolS(ui.p.inQuote(k) && !ui.isClose(k))).add("cueafter:", boolS(ui.cueIn(k+1, ui.u.b+1))).
		add("cuebetween:", boolS(ui.cueIn(prev+1, k+1))).add("tags:", boolS(ui.speechTags))
	f = f.add("rule&kind:", boolS(k == ui.ruleEnd), ui.ruleKind).add("close&kind:", closes, ui.ruleKind)
	// Contents end at a clause boundary: punctuation, a conjunction or a
	// relative word next, or the sentence's end.
	last := ui.p.last[ui.p.sentOf[k]]
	f = f.add("w+1&close:", n1, closes).add("send:", boolS(k == last || k+1 == last && !words.IsWord(ui.p.toks[last].Text))).
		add("dsend:", bucket(last-k))
	if c := ui.firstCueAfter(k); c >= 0 {
		f = f.add("dnextcue:", bucket(c-k)).add("dnextcue&w+1:", bucket(c-k), "|", n1)
	}
	return f
}

// speakerFeatures describe token k as the head of the speaker of a quote
// whose content is [start, end] and whose cue is at cue (-1 if none).
func (ui *unitInfo) speakerFeatures(f featureSet, k, start, end, cue, ruleHead int) featureSet {
	t := ui.p.toks[k].Text
	w := strings.ToLower(t)
	cls := "lower"
	switch {
	case words.Pronouns[w]:
		cls = "pron"
	case words.StartsUpper(t):
		cls = "cap"
		if k > ui.u.a && words.StartsUpper(ui.p.toks[k-1].Text) && words.IsWord(ui.p.toks[k-1].Text) {
			cls = "capin"
		}
	}
	nextCap := k+1 <= ui.u.b && words.StartsUpper(ui.p.toks[k+1].Text) && words.IsWord(ui.p.toks[k+1].Text)
	side := "in"
	if k < start {
		side = "before"
	} else if k > end {
		side = "after"
	}
	rule := boolS(k == ruleHead)
	f = f.add("bias").add("w:", w).add("cls:", cls).add("side:", side).add("cls&side:", cls, side).
		add("w-1:", ui.word(k-1)).add("w+1:", ui.word(k+1)).add("nextcap:", boolS(nextCap)).
		add("rule:", rule).add("rule&cls:", rule, cls).
		add("sent:", boolS(k == ui.p.first[ui.p.sentOf[k]])).add("afterdash:", boolS(k > 0 && ui.p.isDashCredit(k-1)))
	if cue >= 0 {
		d := bucket(k - cue)
		f = f.add("dcue:", d).add("dcue&cls:", d, cls).add("cue:", ui.word(cue)).add("cue&side:", ui.word(cue), boolS(k < cue))
		between := false
		for j := min(k, cue) + 1; j < max(k, cue); j++ {
			if tx := ui.p.toks[j].Text; tx == "," || ui.p.inQuote(j) {
				between = true
				break
			}
		}
		f = f.add("commabetween:", boolS(between))
	}
	return f
}
