package learn

import "math"

// Logistic is a logistic model: P = σ(bias + Σ weight·x).
type Logistic struct {
	Weights []float64 `json:"weights"`
	Bias    float64   `json:"bias"`
}

// Prob is the model's probability for a feature vector.
func (m Logistic) Prob(x []float64) float64 {
	z := m.Bias
	for i, w := range m.Weights {
		z += w * x[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// Example is a feature vector with its label.
type Example struct {
	X []float64
	Y bool
}

// FitLogistic fits a logistic model to examples of n features with an L2
// penalty on the weights (not the bias), by Newton's method.
func FitLogistic(ex []Example, n int, l2 float64) Logistic {
	if len(ex) == 0 {
		return Logistic{Weights: make([]float64, n)}
	}
	d := len(ex[0].X) + 1 // the last coordinate is the bias
	beta := make([]float64, d)
	for iter := 0; iter < 50; iter++ {
		grad := make([]float64, d)
		hess := make([][]float64, d)
		for i := range hess {
			hess[i] = make([]float64, d)
		}
		for _, e := range ex {
			z := beta[d-1]
			for j, v := range e.X {
				z += beta[j] * v
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if e.Y {
				y = 1
			}
			w := p * (1 - p)
			for j := 0; j < d; j++ {
				xj := 1.0
				if j < d-1 {
					xj = e.X[j]
				}
				grad[j] += (p - y) * xj
				for k := 0; k <= j; k++ {
					xk := 1.0
					if k < d-1 {
						xk = e.X[k]
					}
					hess[j][k] += w * xj * xk
				}
			}
		}
		for j := 0; j < d; j++ {
			for k := 0; k < j; k++ {
				hess[k][j] = hess[j][k]
			}
			if j < d-1 {
				grad[j] += l2 * beta[j]
				hess[j][j] += l2
			}
			hess[j][j] += 1e-9
		}
		step := solve(hess, grad)
		change := 0.0
		for j := range beta {
			beta[j] -= step[j]
			change = math.Max(change, math.Abs(step[j]))
		}
		if change < 1e-8 {
			break
		}
	}
	return Logistic{Weights: beta[:d-1], Bias: beta[d-1]}
}

// solve solves A x = b by Gaussian elimination with partial pivoting.
func solve(a [][]float64, b []float64) []float64 {
	n := len(b)
	m := make([][]float64, n)
	for i := range a {
		m[i] = append(append([]float64(nil), a[i]...), b[i])
	}
	for col := 0; col < n; col++ {
		p := col
		for r := col + 1; r < n; r++ {
			if math.Abs(m[r][col]) > math.Abs(m[p][col]) {
				p = r
			}
		}
		m[col], m[p] = m[p], m[col]
		if math.Abs(m[col][col]) < 1e-12 {
			continue
		}
		for r := col + 1; r < n; r++ {
			f := m[r][col] / m[col][col]
			for k := col; k <= n; k++ {
				m[r][k] -= f * m[col][k]
			}
		}
	}
	x := make([]float64, n)
	for i := n - 1; i >= 0; i-- {
		s := m[i][n]
		for k := i + 1; k < n; k++ {
			s -= m[i][k] * x[k]
		}
		if math.Abs(m[i][i]) > 1e-12 {
			x[i] = s / m[i][i]
		}
	}
	return x
}
