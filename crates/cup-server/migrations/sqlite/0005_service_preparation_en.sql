-- Preparation notes in English too (issue 14): the catalogue carries both languages and the
-- app shows the citizen's. Rows loaded before keep '' here, and the app falls back to the
-- Italian notes.
ALTER TABLE service ADD COLUMN preparation_en TEXT NOT NULL DEFAULT '';
