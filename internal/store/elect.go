package store

import (
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"syscall"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Elector is a store that chooses one process, among all those sharing
// it, for a role only one may play at a time (the clusterer). The choice
// outlives no process: a process that dies gives the role up, and a
// standby takes it.
type Elector interface {
	// TryLead takes the role if no other process holds it.
	TryLead(ctx context.Context, role string) (Lease, bool, error)
}

// Lease is a role held.
type Lease interface {
	// Held reports whether the role is still held (a lost connection to
	// a server loses it).
	Held(ctx context.Context) bool
	// Release gives the role up.
	Release()
}

// TryLead takes the role with a session advisory lock on a connection of
// its own: the server releases it when the connection ends, however the
// process ended.
func (s *Postgres) TryLead(ctx context.Context, role string) (Lease, bool, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, false, err
	}
	var ok bool
	space := s.lockSpace("roles")
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1, $2)`, space, roleKey(role)).Scan(&ok); err != nil || !ok {
		conn.Release()
		return nil, false, err
	}
	return &pgLease{conn: conn, space: space, role: role}, true, nil
}

type pgLease struct {
	conn  *pgxpool.Conn
	space int32
	role  string
}

func (l *pgLease) Held(ctx context.Context) bool {
	return l.conn.Ping(ctx) == nil
}

func (l *pgLease) Release() {
	l.conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1, $2)`, l.space, roleKey(l.role))
	l.conn.Release()
}

func roleKey(role string) int32 {
	h := fnv.New32a()
	h.Write([]byte(role))
	return int32(h.Sum32())
}

// TryLead takes the role with an exclusive lock on a file beside the
// database: the system releases it when the process ends.
func (s *SQLite) TryLead(ctx context.Context, role string) (Lease, bool, error) {
	f, err := os.OpenFile(s.path+"."+role+".lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, false, fmt.Errorf("lock for %s: %w", role, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if err == syscall.EWOULDBLOCK {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("lock for %s: %w", role, err)
	}
	return fileLease{f}, true, nil
}

type fileLease struct{ f *os.File }

func (l fileLease) Held(context.Context) bool { return true }

func (l fileLease) Release() {
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
}
