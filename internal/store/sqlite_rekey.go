package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/parallax-news/parallax/internal/ingest"
)

// rekey gives every article stored before migration 6 its identity key.
// Earlier versions named an article by its outlet and a file's bare name,
// so that a/fox.txt and b/fox.txt were one article; now a file is its full
// resolved path. Every stored article is kept under its id:
//   - an article read from a URL is keyed by that URL, as new ones are;
//   - a file is keyed by its path when the path is absolute, or when it
//     names a file that exists from here;
//   - anything else, and a second article that would take a key already
//     given, is keyed "legacy:<id>". Such an article is matched again by
//     its id when a later input computes that same id (record ids and
//     content hashes give the ids they gave before).
func rekey(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, url, source, meta FROM articles ORDER BY ingested_at, id`)
	if err != nil {
		return err
	}
	type row struct{ id, key string }
	var keyed []row
	taken := map[string]bool{}
	for rows.Next() {
		var id, url, source, meta string
		if err := rows.Scan(&id, &url, &source, &meta); err != nil {
			rows.Close()
			return err
		}
		key := legacyKey(id, url, source, meta)
		if taken[key] {
			key = "legacy:" + id
		}
		taken[key] = true
		keyed = append(keyed, row{id, key})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range keyed {
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET key = ? WHERE id = ?`, r.key, r.id); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `CREATE UNIQUE INDEX articles_key ON articles(key)`)
	return err
}

// legacyKey is the identity key of an article stored before keys were.
func legacyKey(id, url, source, meta string) string {
	if url != "" {
		return "url:" + ingest.NormaliseURL(url)
	}
	var m struct {
		Article struct {
			Container string `json:"container"`
		} `json:"article"`
	}
	if json.Unmarshal([]byte(meta), &m) == nil && m.Article.Container == "file" && source != "" {
		if filepath.IsAbs(source) {
			return "path:" + ingest.ResolvePath(source)
		}
		if _, err := os.Stat(source); err == nil {
			return "path:" + ingest.ResolvePath(source)
		}
	}
	return "legacy:" + id
}
