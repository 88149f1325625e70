-- SMS outbox: a sender claims messages before sending them, so that several replicas never
-- send the same confirmation twice (see infra/sms.rs).
ALTER TABLE sms_outbox ADD COLUMN claimed_until BIGINT;

-- The references between a moved booking and its successor are checked when bookings are
-- deleted (a purge): without these indexes each check scans the booking table.
CREATE INDEX booking_moved_from ON booking (moved_from) WHERE moved_from IS NOT NULL;
CREATE INDEX booking_moved_to ON booking (moved_to) WHERE moved_to IS NOT NULL;
