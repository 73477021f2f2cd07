package engine

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/store"
)

// BenchmarkIngestLongPage stores, clusters and reports on one very long
// page, as `parallax ingest` does: news text (PolNeAR articles run
// together, one paragraph each) and junk (random tokens of letters,
// digits and marks, no paragraph breaks). The MB/s column should not
// fall as the page grows: every stage is meant to be linear in its
// length.
func BenchmarkIngestLongPage(b *testing.B) {
	news := newsText(b, 4<<20)
	if _, err := nlp.Default(); err != nil { // load the models untimed
		b.Fatal(err)
	}
	for _, size := range []int{256 << 10, 1 << 20, 4 << 20} {
		for _, kind := range []string{"news", "junk"} {
			text := junkText(size)
			if kind == "news" {
				text = news[:size]
			}
			b.Run(fmt.Sprintf("%s-%dKB", kind, size>>10), func(b *testing.B) {
				path := filepath.Join(b.TempDir(), "page.txt")
				if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(text)))
				for i := 0; i < b.N; i++ {
					ingestOnce(b, path)
				}
			})
		}
	}
}

// ingestOnce ingests a file into a fresh store, clusters it and builds
// its report.
func ingestOnce(b *testing.B, path string) {
	b.StopTimer()
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(b.TempDir(), "p.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	e := &Engine{Store: st}
	b.StartTimer()
	res, err := e.Run(ctx, Files([]string{path}, ingest.Options{}), Options{})
	if err != nil || res.Added != 1 {
		b.Fatalf("ingest: %+v, %v", res, err)
	}
}

// newsText runs PolNeAR articles together up to n bytes.
func newsText(b *testing.B, n int) string {
	var sb strings.Builder
	for _, name := range []string{"quotes-train.jsonl.gz", "quotes-dev.jsonl.gz"} {
		f, err := os.Open("../../../shared/data/" + name)
		if err != nil {
			b.Skip("PolNeAR data not found:", err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(zr)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() && sb.Len() < n {
			var rec struct{ Text string }
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				b.Fatal(err)
			}
			sb.WriteString(strings.Join(strings.Fields(rec.Text), " "))
			sb.WriteString("\n\n")
		}
		f.Close()
	}
	if sb.Len() < n {
		b.Fatalf("only %d bytes of PolNeAR text", sb.Len())
	}
	return sb.String()
}

// junkText is n bytes of random tokens, the same on every run.
func junkText(n int) string {
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?-\"'()"
	r := rand.New(rand.NewPCG(7, 7))
	var sb strings.Builder
	for sb.Len() < n {
		for k := 1 + r.IntN(12); k > 0; k-- {
			sb.WriteByte(chars[r.IntN(len(chars))])
		}
		sb.WriteByte(' ')
	}
	return sb.String()[:n]
}
