-- Hand-written. Events now take their sequence number at commit instead of at insert.
--
-- Readers rely on this: within an organization, sequence order is commit order, so a reader that has
-- seen seq N never later finds a smaller one. The first migration had the API take the organization's
-- advisory lock when inserting an event and hold it to commit, so one organization's writers waited
-- for each other's whole round trip to COMMIT. Here a deferred constraint trigger takes the lock and
-- draws the final seq during COMMIT itself: the lock is held only while the commit is written.

-- The one update the log allows: the sequencing below, of the row it names, changing nothing but seq.
CREATE OR REPLACE FUNCTION work_order_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('dispatch.sequencing', true) = OLD."seq"::text AND (to_jsonb(NEW) - 'seq') = (to_jsonb(OLD) - 'seq') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'WorkOrderEvent rows are append-only';
END $$;

DROP TRIGGER "WorkOrderEvent_notify" ON "WorkOrderEvent";
DROP FUNCTION work_order_event_notify();

-- At commit: the organization's lock (held until the commit is durable), a fresh seq drawn under it,
-- and the notification that wakes the API instances (NOTIFY is delivered on commit).
CREATE FUNCTION work_order_event_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  committed_seq bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(NEW."organizationId"::text, 0));
  PERFORM set_config('dispatch.sequencing', NEW."seq"::text, true);
  UPDATE "WorkOrderEvent" SET "seq" = nextval(pg_get_serial_sequence('"WorkOrderEvent"', 'seq'))
    WHERE "seq" = NEW."seq"
    RETURNING "seq" INTO committed_seq;
  PERFORM set_config('dispatch.sequencing', '', true);
  PERFORM pg_notify('work_order_events', NEW."organizationId"::text || ':' || committed_seq::text);
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER "WorkOrderEvent_sequence" AFTER INSERT ON "WorkOrderEvent"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION work_order_event_sequence();
