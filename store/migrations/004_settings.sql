-- Version 4: the app's own settings (theme, last profile, export folder)
-- live with the data, so that a data folder on a USB stick carries them and
-- leaves nothing behind on the computer.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
