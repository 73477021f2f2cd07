package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the store to path while it is in use
// (SQLite's VACUUM INTO reads one snapshot; writers go on meanwhile). The
// copy is written under a temporary name and renamed when complete, so a
// failed backup never leaves a file that looks whole. An existing file at
// path is refused.
func (s *SQLite) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup %s: the file exists; choose another name or remove it", path)
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".partial")
	os.Remove(tmp)
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup %s: %w", path, err)
	}
	return nil
}

// Restore replaces the store at path with a backup made by Backup. The
// backup is checked first (it must open, pass SQLite's integrity check and
// have a schema this program knows); then it is copied beside path and
// renamed over it, so that path holds either the old store or the whole
// backup. Stop every process using the store before restoring: an existing
// store is replaced only when replace is set.
func Restore(ctx context.Context, backup, path string, replace bool) error {
	if _, err := os.Stat(path); err == nil && !replace {
		return fmt.Errorf("restore: %s exists; stop every process using it and pass --replace to overwrite it", path)
	}
	if err := checkBackup(ctx, backup); err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".restoring")
	if err := copyFile(backup, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("restore: %w", err)
	}
	// The old store's journal belongs to the old file.
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			os.Remove(tmp)
			return fmt.Errorf("restore: %w", err)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("restore: %w", err)
	}
	return nil
}

// checkBackup opens a backup read-only and checks it.
func checkBackup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("restore: backup %s: %w", path, err)
	}
	s, err := openSQLite(ctx, path, true)
	if err != nil {
		return fmt.Errorf("restore: backup %s: %w", path, err)
	}
	defer s.Close()
	var check string
	if err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		return fmt.Errorf("restore: backup %s fails SQLite's integrity check: %v %s", path, err, check)
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("restore: backup %s is not a Parallax store: %w", path, err)
	}
	if v > len(sqliteMigrations) {
		return fmt.Errorf("restore: backup %s has schema %d, newer than this program knows (%d): upgrade parallax", path, v, len(sqliteMigrations))
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// Check runs SQLite's integrity check and the full-text indexes' own.
func (s *SQLite) Check(ctx context.Context) error {
	var check string
	if err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil {
		return fmt.Errorf("integrity check of %s: %w", s.path, err)
	}
	if check != "ok" {
		return fmt.Errorf("store %s is damaged: %s", s.path, check)
	}
	for _, fts := range []string{"articles_fts", "story_quotes_fts"} {
		if _, err := s.db.ExecContext(ctx, `INSERT INTO `+fts+`(`+fts+`) VALUES ('integrity-check')`); err != nil {
			return fmt.Errorf("store %s: the full-text index %s is out of step: %w", s.path, fts, err)
		}
	}
	return nil
}
