import type pg from 'pg';

/**
 * What PostGraphile needs to answer "the board of a day": STABLE SQL functions returning the day's
 * columns (active technicians, or any with a job that day) and work orders with the API's own day rule (windowStart within 24 hours before the day's end, window
 * touching the day in the organization's zone), in a schema of its own so the API never sees it.
 */
export async function createPostGraphileSchema(client: pg.Client): Promise<void> {
  await client.query(`
    CREATE SCHEMA IF NOT EXISTS bench;
    CREATE OR REPLACE FUNCTION bench.schedule_work_orders(day date) RETURNS SETOF public."WorkOrder"
    LANGUAGE sql STABLE AS $$
      SELECT w.*
      FROM public."WorkOrder" w
      JOIN public."Organization" o ON o.id = w."organizationId"
      WHERE w."windowStart" > (day::timestamp AT TIME ZONE o."timeZone") - interval '24 hours'
        AND w."windowStart" < ((day + 1)::timestamp AT TIME ZONE o."timeZone")
        AND w."windowEnd" > (day::timestamp AT TIME ZONE o."timeZone")
      ORDER BY w."technicianId", w."windowStart", w.id
    $$;
    CREATE OR REPLACE FUNCTION bench.schedule_technicians(day date) RETURNS SETOF public."Technician"
    LANGUAGE sql STABLE AS $$
      SELECT t.* FROM public."Technician" t
      WHERE t.active OR EXISTS (SELECT 1 FROM bench.schedule_work_orders(day) w WHERE w."technicianId" = t.id)
      ORDER BY t.name, t.id
    $$;`);
}
