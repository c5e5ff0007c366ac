-- Version 3: imported attempts are recognised when imported again, and
-- cohorts (workshop groups) have a place to live.
ALTER TABLE attempts ADD COLUMN origin TEXT NOT NULL DEFAULT 'here';
ALTER TABLE attempts ADD COLUMN fingerprint TEXT;
CREATE UNIQUE INDEX attempts_fingerprint ON attempts(fingerprint) WHERE fingerprint IS NOT NULL;

CREATE TABLE cohorts (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL
);

CREATE TABLE cohort_members (
	cohort_id  INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
	profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
	code       TEXT NOT NULL,
	PRIMARY KEY (cohort_id, profile_id),
	UNIQUE (cohort_id, code)
);
