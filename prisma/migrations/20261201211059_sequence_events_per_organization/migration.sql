-- Event sequence numbers per organization: 1, 2, 3… in commit order, each organization its own.
--
-- Until now every event drew its seq from one sequence shared by all organizations, so the gaps in an
-- organization's own numbers counted the other tenants' writes. Now each organization has a counter row,
-- WorkOrderEventCounter. An event is inserted with a pending seq (negative, never seen outside its own
-- transaction) and, as before, takes its final seq during COMMIT in a deferred trigger: there it updates
-- the counter row (UPDATE … RETURNING). The row's lock is held until the commit is durable, so the next
-- commit of the same organization waits for it and draws the next number: seq order is commit order,
-- with no gaps, and a reader resuming after seq N never later finds a committed event below N.
-- The row lock replaces the organization's advisory lock the previous trigger took.

-- Existing events renumbered 1, 2, 3… per organization, in their order so far (commit order).
ALTER TABLE "WorkOrderEvent" DROP CONSTRAINT "WorkOrderEvent_pkey";
DROP INDEX "WorkOrderEvent_organizationId_seq_idx";
ALTER TABLE "WorkOrderEvent" ALTER COLUMN "seq" DROP DEFAULT;
DROP SEQUENCE "WorkOrderEvent_seq_seq";

ALTER TABLE "WorkOrderEvent" DISABLE TRIGGER "WorkOrderEvent_no_update";
UPDATE "WorkOrderEvent" e SET "seq" = numbered.seq
  FROM (SELECT "seq" AS old_seq, row_number() OVER (PARTITION BY "organizationId" ORDER BY "seq") AS seq FROM "WorkOrderEvent") numbered
  WHERE e."seq" = numbered.old_seq;
ALTER TABLE "WorkOrderEvent" ENABLE TRIGGER "WorkOrderEvent_no_update";

ALTER TABLE "WorkOrderEvent" ADD CONSTRAINT "WorkOrderEvent_pkey" PRIMARY KEY ("organizationId", "seq");

-- Pending seqs: negative, unique while their transactions run, increasing in insertion order (so a
-- transaction reads its own events in the order it wrote them), and replaced at commit.
CREATE SEQUENCE "WorkOrderEvent_pending_seq" AS bigint MINVALUE -9223372036854775807 MAXVALUE -1 START WITH -9223372036854775807;
CREATE FUNCTION work_order_event_pending_seq() RETURNS bigint LANGUAGE sql VOLATILE AS $$ SELECT nextval('"WorkOrderEvent_pending_seq"') $$;
ALTER TABLE "WorkOrderEvent" ALTER COLUMN "seq" SET DEFAULT work_order_event_pending_seq();

CREATE TABLE "WorkOrderEventCounter" (
    "organizationId" UUID NOT NULL,
    "lastSeq" BIGINT NOT NULL,

    CONSTRAINT "WorkOrderEventCounter_pkey" PRIMARY KEY ("organizationId")
);
ALTER TABLE "WorkOrderEventCounter" ADD CONSTRAINT "WorkOrderEventCounter_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "WorkOrderEventCounter" ("organizationId", "lastSeq")
  SELECT "organizationId", max("seq") FROM "WorkOrderEvent" GROUP BY "organizationId";

-- At commit: the organization's next number from its counter row (created by its first event), the row
-- locked until the commit is durable; the event takes it; the notification wakes the API instances.
CREATE OR REPLACE FUNCTION work_order_event_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  committed_seq bigint;
BEGIN
  INSERT INTO "WorkOrderEventCounter" AS counter ("organizationId", "lastSeq") VALUES (NEW."organizationId", 1)
    ON CONFLICT ("organizationId") DO UPDATE SET "lastSeq" = counter."lastSeq" + 1
    RETURNING "lastSeq" INTO committed_seq;
  PERFORM set_config('dispatch.sequencing', NEW."seq"::text, true);
  UPDATE "WorkOrderEvent" SET "seq" = committed_seq
    WHERE "organizationId" = NEW."organizationId" AND "seq" = NEW."seq";
  PERFORM set_config('dispatch.sequencing', '', true);
  PERFORM pg_notify('work_order_events', NEW."organizationId"::text || ':' || committed_seq::text);
  RETURN NULL;
END $$;
