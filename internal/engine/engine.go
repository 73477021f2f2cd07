// Package engine runs the pipeline over a store: read, clean, analyse and
// sign articles, store them, place them in stories (copies first), and
// refresh the reports of the stories that changed. Run is the one entry
// point: the command line, the API's upload, the folder watcher and the
// feed poller all call it, so they behave the same.
package engine

import (
	"sync"

	"github.com/parallax-news/parallax/internal/store"
)

// Engine runs the pipeline over one store. Its methods are safe for
// concurrent use; clustering runs one call at a time.
type Engine struct {
	Store store.Store
	// OnReport, if set, is told of each report rebuilt: how many of how
	// many (a progress bar).
	OnReport func(done, total int)
	// OnPlaced, if set, is told after each clustering step how many
	// articles this call of Cluster has placed (a progress bar).
	OnPlaced func(placed int)

	mu sync.Mutex // guards tr
	tr *tracker   // clustering state, loaded on first use
}
