-- Version 5: a person keeps one plan per hat, so that switching the target
-- hat and back restores what they had; plan_targets remembers which hat
-- the plan is for now.
CREATE TABLE plan_targets (
	attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id) ON DELETE CASCADE,
	track      TEXT NOT NULL
);
INSERT INTO plan_targets (attempt_id, track) SELECT attempt_id, track FROM plans;

CREATE TABLE plan_choices (
	attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
	track      TEXT NOT NULL,
	notes      TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL,
	PRIMARY KEY (attempt_id, track)
) WITHOUT ROWID;
INSERT INTO plan_choices (attempt_id, track, notes, updated_at) SELECT attempt_id, track, notes, updated_at FROM plans;

CREATE TABLE plan_choice_actions (
	attempt_id INTEGER NOT NULL,
	track      TEXT NOT NULL,
	competency TEXT NOT NULL,
	kind       TEXT NOT NULL,
	chosen     INTEGER NOT NULL DEFAULT 1,
	slot       INTEGER NOT NULL CHECK (slot IN (30, 60, 90)),
	status     TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done')),
	note       TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (attempt_id, track, competency, kind),
	FOREIGN KEY (attempt_id, track) REFERENCES plan_choices(attempt_id, track) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO plan_choice_actions (attempt_id, track, competency, kind, chosen, slot, status, note)
	SELECT a.attempt_id, p.track, a.competency, a.kind, a.chosen, a.slot, a.status, a.note
	FROM plan_actions a JOIN plans p ON p.attempt_id = a.attempt_id;

DROP TABLE plan_actions;
DROP TABLE plans;
