package main

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/queue/natstest"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/store/pgtest"
	"github.com/parallax-news/parallax/internal/synth"
)

// The fault tests of the scaled-out path: real worker processes over
// real PostgreSQL and NATS servers, killed and restarted mid-run. Each
// ends when the store holds every article exactly once, every article is
// in a story and every story's report is current, or fails after a
// minute.

// writeEvents writes n generated pages, `per` to an event, under dir.
func writeEvents(t *testing.T, dir string, from, n, per int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		p := synth.EventPage(i, per)
		writeFile(t, filepath.Join(dir, fmt.Sprintf("outlet-%d", i%4), p.Name), string(p.Body))
	}
}

// lockedBuffer collects a process's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startWorker starts a worker process; it is killed when the test ends.
func startWorker(t *testing.T, pg, q string, extra ...string) (*exec.Cmd, *lockedBuffer) {
	t.Helper()
	cmd := subprocess(append([]string{"worker", "--store", pg, "--queue", q}, extra...)...)
	out := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("worker %d said:\n%s", cmd.Process.Pid, out)
		}
	})
	return cmd, out
}

// progress is what the store holds: articles, articles in no story,
// stories whose report is missing or stale.
type progressOf struct{ articles, unplaced, stale int }

func storeProgress(t *testing.T, st store.Store) progressOf {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var p progressOf
	p.articles, _ = st.CountArticles(ctx)
	st.ClusterItems(ctx, store.ClusterQuery{Pending: true}, func(store.ClusterItem) error { p.unplaced++; return nil })
	stale, _ := st.StaleReports(ctx)
	p.stale = len(stale)
	return p
}

// waitFor polls the store until ok says so, failing after a minute.
func waitFor(t *testing.T, st store.Store, what string, ok func(progressOf) bool) progressOf {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		p := storeProgress(t, st)
		if ok(p) {
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: after a minute the store holds %+v", what, p)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitDone waits until every one of want articles is stored, placed and
// reported on, and checks none is stored twice.
func waitDone(t *testing.T, st store.Store, want int) {
	t.Helper()
	waitFor(t, st, "finishing", func(p progressOf) bool { return p.articles >= want && p.unplaced == 0 && p.stale == 0 })
	if p := storeProgress(t, st); p.articles != want {
		t.Errorf("%d articles stored, want %d", p.articles, want)
	}
	arts, err := st.Articles(context.Background(), store.ArticleQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if a.Revision != 1 {
			t.Errorf("article %s revised (revision %d): an input stored twice", a.ID, a.Revision)
		}
	}
}

func openFaultStore(t *testing.T, url string) store.Store {
	t.Helper()
	st, err := store.OpenPostgres(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// A worker killed with SIGKILL in the middle of its batches loses
// nothing: another takes the unacknowledged messages, and the store
// keeps each article once.
func TestFaultWorkerKilledMidBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("starts servers")
	}
	// A dead worker's messages come back after the ack wait.
	pg, q := pgtest.URL(t), natstest.URL(t)+"&ack_wait=3s"
	st := openFaultStore(t, pg)
	dir := t.TempDir()
	writeEvents(t, dir, 0, 400, 8)
	if r := parallax(t, "ingest", "--queue", q, "--quiet", dir); r.code != 0 {
		t.Fatalf("queue: %d %s", r.code, r.stderr)
	}
	first, _ := startWorker(t, pg, q, "--roles", "articles", "--batch", "40", "--quiet")
	waitFor(t, st, "first batch", func(p progressOf) bool { return p.articles > 0 })
	first.Process.Signal(syscall.SIGKILL)
	first.Wait()
	if p := storeProgress(t, st); p.articles >= 400 {
		t.Skipf("the first worker stored everything (%d) before it was killed", p.articles)
	}
	startWorker(t, pg, q, "--batch", "40", "--quiet")
	waitDone(t, st, 400)
}

// Killing the active clusterer hands the role to a standby, which places
// what arrives next.
func TestFaultClustererKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts servers")
	}
	pg, q := pgtest.URL(t), natstest.URL(t)
	st := openFaultStore(t, pg)
	dir := t.TempDir()
	writeEvents(t, dir, 0, 60, 6)
	a, outA := startWorker(t, pg, q)
	b, outB := startWorker(t, pg, q)
	if r := parallax(t, "ingest", "--queue", q, "--quiet", dir); r.code != 0 {
		t.Fatalf("queue: %d %s", r.code, r.stderr)
	}
	waitDone(t, st, 60)
	active, standby, standbyOut := a, b, outB
	if !strings.Contains(outA.String(), "clusterer: active") {
		active, standby, standbyOut = b, a, outA
	}
	if strings.Count(outA.String()+outB.String(), "clusterer: active") != 1 {
		t.Fatalf("want one active clusterer:\n%s\n%s", outA, outB)
	}
	active.Process.Signal(syscall.SIGKILL)
	active.Wait()
	more := t.TempDir()
	writeEvents(t, more, 60, 60, 6)
	if r := parallax(t, "ingest", "--queue", q, "--quiet", more); r.code != 0 {
		t.Fatalf("queue: %d %s", r.code, r.stderr)
	}
	waitDone(t, st, 120)
	if !strings.Contains(standbyOut.String(), "clusterer: active") {
		t.Errorf("the standby (%d) never took over:\n%s", standby.Process.Pid, standbyOut)
	}
}

// The queue server and the store server each crash and come back while
// a worker works: it resumes, and nothing is lost or stored twice.
func TestFaultServersRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts servers")
	}
	q, natsServer := privateNATS(t)
	pg, pgServer := privatePostgres(t)
	st := openFaultStore(t, pg)
	dir := t.TempDir()
	writeEvents(t, dir, 0, 300, 6)
	if r := parallax(t, "ingest", "--queue", q, "--quiet", dir); r.code != 0 {
		t.Fatalf("queue: %d %s", r.code, r.stderr)
	}
	startWorker(t, pg, q, "--batch", "20")
	waitFor(t, st, "before the queue restart", func(p progressOf) bool { return p.articles >= 40 })
	natsServer.crash(syscall.SIGKILL)
	time.Sleep(300 * time.Millisecond)
	natsServer.start()
	waitFor(t, st, "before the store restart", func(p progressOf) bool { return p.articles >= 140 })
	pgServer.crash(syscall.SIGQUIT)
	time.Sleep(300 * time.Millisecond)
	pgServer.start()
	waitDone(t, st, 300)
}
