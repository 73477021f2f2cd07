package learn

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"math"
	"testing"
)

func TestFitLogisticSeparates(t *testing.T) {
	x := func(sim float64) []float64 { return []float64{sim, 0, 0} }
	var ex []Example
	for i := 0; i < 200; i++ {
		sim := float64(i%100) / 100
		ex = append(ex, Example{X: x(sim), Y: sim > 0.6})
	}
	m := FitLogistic(ex, 3, 0.01)
	if m.Prob(x(0.9)) < 0.9 || m.Prob(x(0.2)) > 0.1 {
		t.Errorf("fitted %+v: P(0.9)=%.2f P(0.2)=%.2f", m, m.Prob(x(0.9)), m.Prob(x(0.2)))
	}
}

// The averaged weights are the mean of the weights over the states they
// pass through, the first (all zero) included: over four steps there are
// five states, so a feature raised at the first step and kept averages
// 4/5, one raised at the last step 1/5.
func TestAveraging(t *testing.T) {
	p := NewPerceptron()
	p.Update([]uint64{1}, 1)
	for range 3 {
		p.Tick()
	}
	p.Update([]uint64{2}, 1)
	p.Tick()
	w := p.Averaged()
	if a, _ := w.Get(1); math.Abs(float64(a)-0.8) > 1e-6 {
		t.Errorf("early feature: %v, want 0.8", a)
	}
	if b, _ := w.Get(2); math.Abs(float64(b)-0.2) > 1e-6 {
		t.Errorf("late feature: %v, want 0.2", b)
	}
	tab := NewTable(2)
	tab.Add(0, 1)
	for range 3 {
		tab.Tick()
	}
	tab.Add(1, -1)
	tab.Tick()
	if got := tab.Averaged(); math.Abs(float64(got[0])-0.8) > 1e-6 || math.Abs(float64(got[1])+0.2) > 1e-6 {
		t.Errorf("table: %v", got)
	}
}

func TestModelFiles(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "PXT1", func(w *bufio.Writer) error { return binary.Write(w, binary.LittleEndian, uint32(7)) }); err != nil {
		t.Fatal(err)
	}
	r, magic, err := Read(bytes.NewReader(buf.Bytes()), "test model", "PXT0", "PXT1")
	var v uint32
	if err != nil || magic != "PXT1" || binary.Read(r, binary.LittleEndian, &v) != nil || v != 7 {
		t.Errorf("read back: %v %q %d", err, magic, v)
	}
	if _, _, err := Read(bytes.NewReader(buf.Bytes()), "test model", "PXQ9"); err == nil {
		t.Error("a model of another kind was accepted")
	}
}
