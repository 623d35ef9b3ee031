-- Hand-written: a technician's time-off ranges never overlap (domain/availability.ts says why and
-- services/technician-availability answers the refusal). Ranges that overlap already are first joined
-- into the earliest of them, running to the latest end, with their reasons in order and each once: the
-- instants the technician is off, and so every booking's answer, stay the same. Ranges that only touch
-- (one ends as the next starts) stay apart, as the half-open constraint allows.
WITH "ordered" AS (
  SELECT "id", "technicianId", "startsAt", "endsAt", "reason",
         MAX("endsAt") OVER (PARTITION BY "technicianId" ORDER BY "startsAt", "id" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS "reachedBefore"
  FROM "TimeOff"
), "numbered" AS (
  SELECT *, SUM(CASE WHEN "reachedBefore" IS NULL OR "startsAt" >= "reachedBefore" THEN 1 ELSE 0 END)
              OVER (PARTITION BY "technicianId" ORDER BY "startsAt", "id") AS "cluster"
  FROM "ordered"
), "grouped" AS (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY "technicianId", "cluster", "reason" ORDER BY "startsAt", "id") AS "reasonTurn"
  FROM "numbered"
), "clusters" AS (
  SELECT "technicianId", "cluster", (ARRAY_AGG("id" ORDER BY "startsAt", "id"))[1] AS "keptId", MAX("endsAt") AS "endsAt",
         STRING_AGG("reason", '; ' ORDER BY "startsAt", "id") FILTER (WHERE "reasonTurn" = 1) AS "reason"
  FROM "grouped"
  GROUP BY "technicianId", "cluster"
  HAVING COUNT(*) > 1
), "kept" AS (
  UPDATE "TimeOff" SET "endsAt" = "clusters"."endsAt", "reason" = "clusters"."reason"
  FROM "clusters" WHERE "TimeOff"."id" = "clusters"."keptId"
  RETURNING "TimeOff"."id"
)
DELETE FROM "TimeOff" USING "grouped", "clusters"
WHERE "TimeOff"."id" = "grouped"."id"
  AND "grouped"."technicianId" = "clusters"."technicianId" AND "grouped"."cluster" = "clusters"."cluster"
  AND "TimeOff"."id" <> "clusters"."keptId";

ALTER TABLE "TimeOff" ADD CONSTRAINT "TimeOff_no_overlap" EXCLUDE USING gist (
  "technicianId" WITH =,
  tstzrange("startsAt", "endsAt", '[)') WITH &&
);
