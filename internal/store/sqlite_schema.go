package store

import (
	"context"
	"database/sql"
)

// migration is one step of the schema: SQL, then (when set) Go code in the
// same transaction for what SQL cannot compute.
type migration struct {
	sql  string
	code func(ctx context.Context, tx *sql.Tx) error
}

// sqliteMigrations are applied in order; version N is sqliteMigrations[N-1].
// Never edit a released migration: add a new one.
var sqliteMigrations = []migration{
	// 1: articles and their full-text index.
	{sql: `CREATE TABLE articles (
		id          TEXT PRIMARY KEY,
		outlet      TEXT NOT NULL,
		url         TEXT NOT NULL DEFAULT '',
		source      TEXT NOT NULL DEFAULT '',
		format      TEXT NOT NULL,
		title       TEXT NOT NULL DEFAULT '',
		published   TEXT NOT NULL DEFAULT '',
		language    TEXT NOT NULL DEFAULT '',
		hash        TEXT NOT NULL,
		raw         TEXT NOT NULL,
		text        TEXT NOT NULL,
		meta        TEXT NOT NULL,
		analysis    TEXT,
		story_id    TEXT,
		ingested_at TEXT NOT NULL,
		words       INTEGER NOT NULL DEFAULT 0
	);
	CREATE UNIQUE INDEX articles_outlet_hash ON articles(outlet, hash);
	CREATE INDEX articles_published ON articles(published);
	CREATE INDEX articles_story ON articles(story_id);
	CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
	CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
		INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
	END;
	CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
		INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
	END;
	CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
		INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
		INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
	END;`},
	// 2: what clustering needs of each article, stories and copy links.
	{sql: `ALTER TABLE articles ADD COLUMN cluster_doc TEXT;
	ALTER TABLE articles ADD COLUMN signature BLOB;
	CREATE TABLE stories (
		id         TEXT PRIMARY KEY,
		title      TEXT NOT NULL DEFAULT '',
		first      TEXT NOT NULL DEFAULT '',
		last       TEXT NOT NULL DEFAULT '',
		articles   INTEGER NOT NULL DEFAULT 0,
		outlets    INTEGER NOT NULL DEFAULT 0,
		copies     INTEGER NOT NULL DEFAULT 0,
		updated_at TEXT NOT NULL,
		report     TEXT
	);
	CREATE INDEX stories_last ON stories(last);
	CREATE TABLE copies (
		article_id TEXT NOT NULL,
		of_id      TEXT NOT NULL,
		relation   TEXT NOT NULL,
		jaccard    REAL NOT NULL,
		contained  REAL NOT NULL,
		contains   REAL NOT NULL,
		PRIMARY KEY (article_id, of_id)
	);
	CREATE INDEX copies_of ON copies(of_id);`},
	// 3: what story reports name, for entity pages and quote search.
	{sql: `CREATE TABLE story_entities (
		story_id TEXT NOT NULL,
		name     TEXT NOT NULL,
		type     TEXT NOT NULL,
		outlets  INTEGER NOT NULL DEFAULT 0,
		PRIMARY KEY (story_id, name, type)
	);
	CREATE INDEX story_entities_name ON story_entities(name COLLATE NOCASE);
	CREATE TABLE story_quotes (
		id         INTEGER PRIMARY KEY,
		story_id   TEXT NOT NULL,
		article_id TEXT NOT NULL,
		speaker    TEXT NOT NULL,
		words      TEXT NOT NULL
	);
	CREATE INDEX story_quotes_story ON story_quotes(story_id);
	CREATE VIRTUAL TABLE story_quotes_fts USING fts5(speaker, words, content='story_quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
	CREATE TRIGGER story_quotes_ai AFTER INSERT ON story_quotes BEGIN
		INSERT INTO story_quotes_fts(rowid, speaker, words) VALUES (new.id, new.speaker, new.words);
	END;
	CREATE TRIGGER story_quotes_ad AFTER DELETE ON story_quotes BEGIN
		INSERT INTO story_quotes_fts(story_quotes_fts, rowid, speaker, words) VALUES ('delete', old.id, old.speaker, old.words);
	END;`},
	// 4: what a story list shows of each report, without reading it.
	{sql: `ALTER TABLE stories ADD COLUMN glance TEXT;`},
	// 5: the full-text index follows changes of title and text only:
	// assigning a story or storing an analysis re-indexed the whole text.
	{sql: `DROP TRIGGER articles_au;
	CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
		INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
		INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
	END;`},
	// 6: identity keys, revisions, and the clustering generation that
	// lets several processes share one store (see rekey and
	// sqlite_cluster.go). An article's current revision is its articles
	// row; the revisions table holds the earlier ones, with their text.
	{sql: `ALTER TABLE articles ADD COLUMN key TEXT;
	ALTER TABLE articles ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
	ALTER TABLE articles ADD COLUMN cluster_gen INTEGER NOT NULL DEFAULT 0;
	DROP INDEX articles_outlet_hash;
	CREATE INDEX articles_outlet_hash ON articles(outlet, hash);
	CREATE INDEX articles_cluster_gen ON articles(cluster_gen);
	CREATE TABLE revisions (
		article_id  TEXT NOT NULL,
		number      INTEGER NOT NULL,
		hash        TEXT NOT NULL,
		source      TEXT NOT NULL DEFAULT '',
		fetched     TEXT NOT NULL DEFAULT '',
		ingested_at TEXT NOT NULL,
		title       TEXT NOT NULL DEFAULT '',
		raw         TEXT,
		text        TEXT,
		meta        TEXT,
		PRIMARY KEY (article_id, number)
	);
	CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
	INSERT INTO counters(name, value) VALUES ('cluster_generation', 0), ('cluster_epoch', 0);
	ALTER TABLE stories ADD COLUMN changed_gen INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE stories ADD COLUMN report_gen INTEGER;
	UPDATE stories SET report_gen = 0 WHERE report IS NOT NULL;`,
		code: rekey},
	// 7: saved searches that alert by webhook, and the outbox of their
	// deliveries (see alerts.go).
	{sql: alertsSchema},
}
