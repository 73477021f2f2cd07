package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// The cross-validation builds reports in memory from what the store
// holds; they must be the reports `parallax report --format json` prints,
// or its figures would forecast another program.
func TestInMemoryReportIsTheCommandLinesReport(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	data := "../../../shared/data/basil-dev.jsonl.gz"
	if _, err := os.Stat(data); err != nil {
		t.Skip("no BASIL data beside the repository")
	}
	n := 0
	dir := t.TempDir()
	err := EachJSONLine(data, func(b []byte) error {
		if n == 3 {
			return nil
		}
		n++
		var ev BasilEvent
		if err := json.Unmarshal(b, &ev); err != nil {
			return err
		}
		// The same folder path gives the same article ids.
		work := filepath.Join(dir, ev.EventID)
		want, err := EventReport(context.Background(), &ev, work)
		if err != nil {
			return err
		}
		os.RemoveAll(work)
		ce, err := readEvent(context.Background(), &ev, work)
		if err != nil {
			return err
		}
		os.RemoveAll(work)
		got, err := ce.report(nil)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, want) {
			t.Errorf("event %s: the in-memory report differs from the command line's", ev.EventID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
