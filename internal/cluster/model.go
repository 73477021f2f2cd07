package cluster

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"

	"github.com/parallax-news/parallax/internal/learn"
)

// Model is the logistic model that decides whether an article belongs to a
// story: P = σ(bias + Σ weight·feature). An article joins its most
// probable candidate story when P ≥ Threshold.
type Model struct {
	Features []string `json:"features"`
	learn.Logistic
	Threshold float64 `json:"threshold"`
	// UndatedThreshold is the join threshold when the article or the
	// story has no time (0: Threshold). Without time's evidence the
	// model's probabilities sit at another level, and a newswire stream
	// and an archive of undated pages each deserve their own.
	UndatedThreshold float64 `json:"undated_threshold,omitempty"`
	// BridgeThreshold is the probability at which an article that joined
	// one story also merges another it matches into it (0 disables).
	BridgeThreshold float64 `json:"bridge_threshold"`
	// MergeThreshold is the likeness of two stories (the cosine of their
	// centroids) at which a story that just grew absorbs another (0
	// disables): the merge pass that mends an event split by its first
	// reports.
	MergeThreshold float64 `json:"merge_threshold,omitempty"`
	// Trained says on what data and how the model was learned.
	Trained string `json:"trained,omitempty"`
}

// JoinThreshold is the threshold for a comparison with or without times
// on both sides.
func (m Model) JoinThreshold(dated bool) float64 {
	if !dated && m.UndatedThreshold > 0 {
		return m.UndatedThreshold
	}
	return m.Threshold
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
