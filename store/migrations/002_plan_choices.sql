-- Version 2: what a person chose for their development plan.
CREATE TABLE plans (
	attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id) ON DELETE CASCADE,
	track      TEXT NOT NULL,
	notes      TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL
);

CREATE TABLE plan_actions (
	attempt_id INTEGER NOT NULL REFERENCES plans(attempt_id) ON DELETE CASCADE,
	competency TEXT NOT NULL,
	kind       TEXT NOT NULL,
	chosen     INTEGER NOT NULL DEFAULT 1,
	slot       INTEGER NOT NULL CHECK (slot IN (30, 60, 90)),
	status     TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done')),
	note       TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (attempt_id, competency, kind)
) WITHOUT ROWID;
