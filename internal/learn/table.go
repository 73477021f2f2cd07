package learn

// Table is a dense table of weights learned by an averaged perceptron (a
// tagger's weights per feature and label, its transition scores). W holds
// the current weights, which the learner reads as it goes; Averaged gives
// the averaged ones.
type Table struct {
	W []float32
	u []float64
	c float64
}

// NewTable returns a table of n zero weights.
func NewTable(n int) *Table {
	return &Table{W: make([]float32, n), u: make([]float64, n), c: 1}
}

// Add adds delta (±1 in a perceptron) to weight i.
func (t *Table) Add(i int, delta float32) {
	t.W[i] += delta
	t.u[i] += float64(delta) * t.c
}

// Tick ends a step: one example seen.
func (t *Table) Tick() { t.c++ }

// Averaged returns the averaged weights (a copy; learning can go on).
func (t *Table) Averaged() []float32 {
	out := make([]float32, len(t.W))
	for i := range out {
		out[i] = t.W[i] - float32(t.u[i]/t.c)
	}
	return out
}
