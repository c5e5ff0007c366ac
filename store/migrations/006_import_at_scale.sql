-- Version 6: imports stay fast in large cohorts. Looking up people by name
-- (to ask before adding to someone with the same name) uses an index, and
-- a participant's code comes from a number kept with it instead of from
-- counting the cohort.
CREATE INDEX profiles_name_nocase ON profiles (name COLLATE NOCASE);

ALTER TABLE cohort_members ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE cohort_members SET seq = CAST(substr(code, 2) AS INTEGER) WHERE code GLOB 'P[0-9]*';
CREATE INDEX cohort_members_seq ON cohort_members (cohort_id, seq);
