-- Version 1: people, their attempts at the questionnaire, and every answer.
CREATE TABLE profiles (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	context    TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);

CREATE TABLE attempts (
	id           INTEGER PRIMARY KEY,
	profile_id   INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
	started_at   TEXT NOT NULL,
	finished_at  TEXT,
	bank_version TEXT NOT NULL
);
CREATE INDEX attempts_profile ON attempts(profile_id);

-- value is the answer as an answers file writes it (a number, an option ID,
-- an audit object), or null for an item the person chose to skip.
CREATE TABLE answers (
	attempt_id  INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
	item_id     TEXT NOT NULL,
	value       TEXT NOT NULL,
	evidence    TEXT NOT NULL DEFAULT '',
	answered_at TEXT NOT NULL,
	PRIMARY KEY (attempt_id, item_id)
) WITHOUT ROWID;
