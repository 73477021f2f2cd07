package store

// postgresMigrations are applied in order; version N is
// postgresMigrations[N-1]. Never edit a released migration: add a new one.
//
// The tables are SQLite's (sqlite_schema.go) as they stand after its
// sixth migration, with PostgreSQL's types: the encoded stage results and
// the raw input are bytea (the input exactly as read), times of storing
// are timestamptz, and publication times stay RFC 3339 text in UTC, so
// that "unknown" is ” and the order of the text is the order in time,
// as in SQLite; ids and times compare byte by byte (COLLATE "C"), as
// SQLite compares them, whatever the database's locale. Full-text search is a tsvector with a GIN index
// ('simple' configuration: words as written, lower-cased, as SQLite's
// unicode61 tokenizer reads them), in a table of its own that a trigger
// keeps in step with the title and text: an article's row changes each
// time it is placed in a story, and were the tsvector in it, every
// placement would index the whole text again.
var postgresMigrations = []string{
	// 1: the whole schema.
	`CREATE TABLE articles (
		id          TEXT COLLATE "C" PRIMARY KEY,
		key         TEXT NOT NULL UNIQUE,
		revision    INTEGER NOT NULL DEFAULT 1,
		outlet      TEXT NOT NULL,
		url         TEXT NOT NULL DEFAULT '',
		source      TEXT NOT NULL DEFAULT '',
		format      TEXT NOT NULL,
		title       TEXT NOT NULL DEFAULT '',
		published   TEXT COLLATE "C" NOT NULL DEFAULT '',
		language    TEXT NOT NULL DEFAULT '',
		hash        TEXT NOT NULL,
		fetched     TEXT NOT NULL DEFAULT '',
		raw         BYTEA NOT NULL,
		text        TEXT NOT NULL,
		meta        TEXT NOT NULL,
		analysis    BYTEA,
		cluster_doc BYTEA,
		signature   BYTEA,
		story_id    TEXT COLLATE "C",
		cluster_gen BIGINT NOT NULL DEFAULT 0,
		ingested_at TIMESTAMPTZ NOT NULL,
		words       INTEGER NOT NULL DEFAULT 0
	);
	CREATE INDEX articles_outlet_hash ON articles(outlet, hash);
	CREATE INDEX articles_published ON articles(published);
	CREATE INDEX articles_story ON articles(story_id);
	CREATE INDEX articles_pending ON articles((published = ''), published, id) WHERE story_id IS NULL OR story_id = '';
	CREATE INDEX articles_order ON articles(story_id, (published = ''), published, id);
	CREATE INDEX articles_cluster_gen ON articles(cluster_gen);
	CREATE TABLE article_search (
		id     TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
		search TSVECTOR NOT NULL
	);
	CREATE INDEX article_search_gin ON article_search USING GIN (search);
	CREATE FUNCTION article_search_update() RETURNS trigger AS $$
	BEGIN
		INSERT INTO article_search(id, search) VALUES (NEW.id, to_tsvector('simple', NEW.title || ' ' || left(NEW.text, 200000)))
		ON CONFLICT (id) DO UPDATE SET search = excluded.search;
		RETURN NULL;
	END $$ LANGUAGE plpgsql;
	CREATE TRIGGER articles_search AFTER INSERT OR UPDATE OF title, text ON articles
		FOR EACH ROW EXECUTE FUNCTION article_search_update();
	CREATE TABLE revisions (
		article_id  TEXT NOT NULL,
		number      INTEGER NOT NULL,
		hash        TEXT NOT NULL,
		source      TEXT NOT NULL DEFAULT '',
		fetched     TEXT NOT NULL DEFAULT '',
		ingested_at TIMESTAMPTZ NOT NULL,
		title       TEXT NOT NULL DEFAULT '',
		raw         BYTEA,
		text        TEXT,
		meta        TEXT,
		PRIMARY KEY (article_id, number)
	);
	CREATE TABLE stories (
		id          TEXT COLLATE "C" PRIMARY KEY,
		title       TEXT NOT NULL DEFAULT '',
		first       TEXT COLLATE "C" NOT NULL DEFAULT '',
		last        TEXT COLLATE "C" NOT NULL DEFAULT '',
		articles    INTEGER NOT NULL DEFAULT 0,
		outlets     INTEGER NOT NULL DEFAULT 0,
		copies      INTEGER NOT NULL DEFAULT 0,
		updated_at  TIMESTAMPTZ NOT NULL,
		changed_gen BIGINT NOT NULL DEFAULT 0,
		report      TEXT,
		report_gen  BIGINT,
		glance      TEXT
	);
	CREATE INDEX stories_last ON stories(last);
	CREATE INDEX stories_stale ON stories(id) WHERE report_gen IS NULL OR report_gen < changed_gen;
	CREATE TABLE copies (
		article_id TEXT NOT NULL,
		of_id      TEXT NOT NULL,
		relation   TEXT NOT NULL,
		jaccard    DOUBLE PRECISION NOT NULL,
		contained  DOUBLE PRECISION NOT NULL,
		contains   DOUBLE PRECISION NOT NULL,
		PRIMARY KEY (article_id, of_id)
	);
	CREATE INDEX copies_of ON copies(of_id);
	CREATE TABLE story_entities (
		story_id TEXT NOT NULL,
		name     TEXT NOT NULL,
		type     TEXT NOT NULL,
		outlets  INTEGER NOT NULL DEFAULT 0,
		PRIMARY KEY (story_id, name, type)
	);
	CREATE INDEX story_entities_name ON story_entities(lower(name));
	CREATE TABLE story_quotes (
		id         BIGSERIAL PRIMARY KEY,
		story_id   TEXT NOT NULL,
		article_id TEXT NOT NULL,
		speaker    TEXT NOT NULL,
		words      TEXT NOT NULL,
		search     TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', speaker || ' ' || words)) STORED
	);
	CREATE INDEX story_quotes_story ON story_quotes(story_id);
	CREATE INDEX story_quotes_search ON story_quotes USING GIN (search);
	CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
	INSERT INTO counters(name, value) VALUES ('cluster_generation', 0), ('cluster_epoch', 0);`,
	// 2: stores copied in by 'parallax migrate', so that an interrupted
	// copy resumes and a finished one is known.
	`CREATE TABLE store_copies (
		source      TEXT PRIMARY KEY,
		started_at  TIMESTAMPTZ NOT NULL,
		finished_at TIMESTAMPTZ
	);`,
	// 3: saved searches that alert by webhook, and the outbox of their
	// deliveries (see alerts.go).
	alertsSchema,
}
