package store

// sqliteMigrations are applied in order; version N is sqliteMigrations[N-1].
// Never edit a released migration: add a new one.
var sqliteMigrations = []string{
	// 1: articles and their full-text index.
	`CREATE TABLE articles (
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
	END;`,
}
