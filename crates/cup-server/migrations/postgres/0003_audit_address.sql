-- The client address of an audited event where it matters (failed and throttled logins):
-- who tried, from where, against whom (issue 13).
ALTER TABLE audit ADD COLUMN address TEXT;
