-- pgbench custom script (issue 8, "the limit"): the minimal SQL one booking needs, on the
-- server's own tables (crates/cup-server/src/store/sql.rs: HOLD_INSERT, SLOT_TAKE_FOR_HOLD,
-- BOOKING_INSERT, SLOT_TAKE_FOR_BOOKING, HOLD_MARK_USED), in one transaction:
-- pick a free slot at a random place in the slot table, hold it, book it.
-- What the server does beyond this (login, session checks, idempotency claims, audit, SMS
-- outbox, the search itself, two transactions instead of one) is left out on purpose: this
-- is the floor of the database's work per booking.
-- Variables (pgbench -D): maxslot, session, citizen, prescription (scripts/bench/pgbench.sh
-- sets them and removes the rows afterwards: bookings and holds are marked channel/line).
\set sid random(1, :maxslot)
BEGIN;
-- A free slot at or after a random id; SKIP LOCKED: a slot another client is booking right
-- now is passed over (the server's conditional UPDATE refuses it instead).
SELECT COALESCE((SELECT id FROM slot WHERE id >= :sid AND booking_id IS NULL
    AND (held_until IS NULL OR held_until <= extract(epoch FROM now())::bigint)
    ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED), 0) AS slot,
  extract(epoch FROM now())::bigint AS now \gset
\if :slot > 0
\set line -:slot
INSERT INTO hold (session_id, citizen_id, prescription_id, line, slot_id, first_offer_slot_id,
    created_at, expires_at, extended, state)
  VALUES (:session, :citizen, :prescription, :line, :slot, :slot, :now, :now::bigint + 600, 0, 'live')
  RETURNING id AS hold \gset
UPDATE slot SET hold_id = :hold, held_until = :now::bigint + 600 WHERE id = :slot
  AND booking_id IS NULL AND (held_until IS NULL OR held_until <= :now);
INSERT INTO booking (cup_number, pin, notice_number, citizen_id, prescription_id, line, slot_id,
    status, ticket_cents, guarantee, phone, channel, created_at, updated_at, malum_owed)
  VALUES ('PGBENCH-' || :hold::bigint, '000000', 'PGBENCH-N' || :hold::bigint, :citizen, :prescription, :line, :slot,
    'booked', 0, NULL, NULL, 'pgbench', :now, :now, 0)
  RETURNING id AS booking \gset
UPDATE slot SET booking_id = :booking, hold_id = NULL, held_until = NULL
  WHERE id = :slot AND hold_id = :hold AND held_until > :now AND booking_id IS NULL;
UPDATE hold SET state = 'used' WHERE id = :hold AND state = 'live';
\endif
COMMIT;
