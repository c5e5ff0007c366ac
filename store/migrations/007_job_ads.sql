-- Version 7: job ads a person checked against an attempt (issue 14). The
-- text is kept, not the result: the analysis is deterministic and is
-- recomputed, so a better lexicon improves old checks too; the version of
-- the lexicon that first read it is noted.
CREATE TABLE job_ads (
	id         INTEGER PRIMARY KEY,
	attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
	name       TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL,
	checked_at TEXT NOT NULL,
	lexicon    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX job_ads_attempt ON job_ads(attempt_id);
