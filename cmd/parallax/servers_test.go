package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats.go"

	"github.com/parallax-news/parallax/internal/queue/natstest"
	"github.com/parallax-news/parallax/internal/store/pgtest"
)

// The fault tests restart servers, so they run servers of their own
// (the machine's must keep serving the other tests): a PostgreSQL
// cluster in a temporary folder and a NATS server with its own store,
// each on a free port.

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// server is a server process the test can kill and start again.
type testServer struct {
	t     *testing.T
	name  string
	args  []string
	ready func() bool
	cmd   *exec.Cmd
}

func (s *testServer) start() {
	s.t.Helper()
	s.cmd = exec.Command(s.args[0], s.args[1:]...)
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := s.cmd.Start(); err != nil {
		s.t.Fatalf("start %s: %v", s.name, err)
	}
	for deadline := time.Now().Add(20 * time.Second); !s.ready(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			s.t.Fatalf("%s did not start", s.name)
		}
	}
}

// crash kills the server at once (SIGKILL for NATS; PostgreSQL's
// immediate shutdown, SIGQUIT, which is what it does on a crash).
func (s *testServer) crash(sig syscall.Signal) {
	syscall.Kill(-s.cmd.Process.Pid, sig)
	s.cmd.Wait()
}

// privateNATS starts a NATS server with JetStream on a free port.
func privateNATS(t *testing.T) (url string, srv *testServer) {
	t.Helper()
	natstest.ServerURL(t) // skip (or fail under CI) where NATS is not installed
	bin, err := exec.LookPath("nats-server")
	if err != nil {
		bin = "/usr/sbin/nats-server"
	}
	port := freePort(t)
	url = fmt.Sprintf("nats://127.0.0.1:%d", port)
	srv = &testServer{t: t, name: "nats-server", args: []string{bin, "-a", "127.0.0.1", "-p", strconv.Itoa(port), "-js", "-sd", t.TempDir()},
		ready: func() bool {
			nc, err := nats.Connect(url, nats.Timeout(200*time.Millisecond))
			if err == nil {
				nc.Close()
			}
			return err == nil
		}}
	srv.start()
	t.Cleanup(func() { srv.crash(syscall.SIGKILL) })
	return url, srv
}

// privatePostgres initialises and starts a PostgreSQL cluster on a free
// port (as the postgres user when the test runs as root: PostgreSQL
// refuses to run as root).
func privatePostgres(t *testing.T) (url string, srv *testServer) {
	t.Helper()
	pgtest.ServerURL(t) // skip (or fail under CI) where PostgreSQL is not installed
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	if len(bins) == 0 {
		t.Fatal("no PostgreSQL binaries in /usr/lib/postgresql/*/bin")
	}
	bin := bins[len(bins)-1]
	dir, err := os.MkdirTemp("", "parallax-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	var as []string
	if os.Getuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatal(err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		os.Chmod(dir, 0o755)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		as = []string{"runuser", "-u", "postgres", "--"}
	}
	data := filepath.Join(dir, "data")
	initdb := slices.Concat(as, []string{filepath.Join(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync"})
	if out, err := exec.Command(initdb[0], initdb[1:]...).CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	port := freePort(t)
	url = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
	args := slices.Concat(as, []string{filepath.Join(bin, "postgres"), "-D", data, "-p", strconv.Itoa(port), "-k", dir,
		"-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=100"})
	srv = &testServer{t: t, name: "postgres", args: args, ready: func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		defer cancel()
		c, err := pgx.Connect(ctx, url)
		if err == nil {
			c.Close(ctx)
		}
		return err == nil
	}}
	srv.start()
	t.Cleanup(func() { srv.crash(syscall.SIGQUIT) })
	return url, srv
}
