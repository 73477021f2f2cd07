package cluster

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"os"
)

// Model is the logistic model that decides whether an article belongs to a
// story: P = σ(bias + Σ weight·feature). An article joins its most
// probable candidate story when P ≥ Threshold.
type Model struct {
	Features  []string  `json:"features"`
	Weights   []float64 `json:"weights"`
	Bias      float64   `json:"bias"`
	Threshold float64   `json:"threshold"`
	// BridgeThreshold is the probability at which an article that joined
	// one story also merges another it matches into it (0 disables).
	BridgeThreshold float64 `json:"bridge_threshold"`
	// Trained says on what data and how the model was learned.
	Trained string `json:"trained,omitempty"`
}

// Prob is the model's probability for a feature vector.
func (m Model) Prob(x []float64) float64 {
	z := m.Bias
	for i, w := range m.Weights {
		z += w * x[i]
	}
	return 1 / (1 + math.Exp(-z))
}

//go:embed model.json
var shippedModel []byte

// DefaultModel returns the shipped model (written by `parallax train
// cluster`).
func DefaultModel() Model {
	var m Model
	if err := json.Unmarshal(shippedModel, &m); err != nil || len(m.Weights) != nFeatures {
		panic(fmt.Sprintf("cluster: shipped model.json is invalid (%v); run `parallax train cluster`", err))
	}
	return m
}

// SaveModel writes a model as indented JSON.
func SaveModel(path string, m Model) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
