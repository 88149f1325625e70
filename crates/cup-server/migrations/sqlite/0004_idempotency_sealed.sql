-- Idempotency records no longer keep answers in clear (issue 13): the key is stored hashed,
-- the answer sealed with a key only the client holds. Records of the earlier format, PINs and
-- NREs in clear, go; they were only for replays within a session, which ends within hours.
DELETE FROM idempotency;
CREATE INDEX idempotency_by_age ON idempotency (created_at);
