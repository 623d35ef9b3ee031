import type pg from 'pg';
import { hashPassword } from '../../api/src/auth/password.js';
import { invoiceTotal } from '../../api/src/domain/money.js';
import { issuesInvoice, pathTo, WORK_ORDER_STATUSES } from '../../api/src/domain/status.js';
import { invoiceLinesFor } from '../../api/src/domain/work-order.js';
import {
  BUSY_DAY,
  CUSTOMERS,
  FIRST_SLOT_HOUR,
  ORGANIZATION,
  TECHNICIANS,
  VEHICLES,
  type DayCount,
} from './dataset-plan.js';

/**
 * Loads the benchmark's business with set-based SQL (generate_series, INSERT … SELECT), never row by
 * row. Every row goes through the migrations' constraints: composite tenant foreign keys (a vehicle
 * and an address belong to the work order's customer) and the technician overlap exclusion.
 * Ids are md5-derived UUIDs of an index, so work orders can name their customer without a join.
 */

export const ORGANIZATION_ID_SQL = `md5('bench-org')::uuid`;
export const DISPATCHER_EMAIL = 'dispatcher@bench.test';

const SERVICE_TYPES: [name: string, priceMinor: number, minutes: number][] = [
  ['Conventional Oil Change', 5999, 45],
  ['Synthetic Oil Change', 8999, 45],
  ['Tire Rotation', 3999, 30],
  ['Brake Inspection', 4999, 60],
  ['Battery Replacement', 17999, 30],
  ['Fleet Preventive Maintenance', 14999, 60],
];

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
const textArray = (items: string[]) => `ARRAY[${items.map(literal).join(',')}]`;

const FIRST = ['Olivia', 'Noah', 'Emma', 'Liam', 'Ava', 'Ethan', 'Mia', 'Lucas', 'Zoe', 'Mateo', 'Chloe', 'Owen', 'Nora', 'Caleb', 'Ruby', 'Isaac'];
const LAST = ['Bennett', 'Garcia', 'Hughes', 'Kim', 'Okafor', 'Patel', 'Reyes', 'Schmidt', 'Turner', 'Nguyen', 'Walsh', 'Young', 'Diaz', 'Foster'];
const FLEETS = ['Metro Plumbing', 'Bright Electric', 'GreenLeaf Landscaping', 'City Courier', 'Summit Realty', 'Harbor Catering', 'Apex HVAC', 'Rapid Rooter'];
const MAKES = ['Toyota', 'Ford', 'Honda', 'Chevrolet', 'Nissan', 'Ram', 'Subaru', 'Hyundai'];
const MODELS = ['Camry', 'F-150', 'Civic', 'Silverado', 'Altima', 'ProMaster', 'Outback', 'Elantra'];
const COLORS = ['White', 'Black', 'Silver', 'Blue', 'Red', 'Grey'];
const STREETS = ['Maple Ave', 'Oak St', 'Lakeshore Dr', 'Cedar Ln', 'Industrial Pkwy', 'Main St', 'Elm Ct', 'River Rd'];
const CITIES = ['Chicago', 'Evanston', 'Oak Park', 'Cicero', 'Skokie', 'Naperville'];

/** The organization, its service types, technicians, customers, vehicles, addresses and office users. */
export async function loadReferenceData(client: pg.Client): Promise<void> {
  const org = ORGANIZATION_ID_SQL;
  const passwordHash = await hashPassword('bench-password');
  await client.query(`
    INSERT INTO "Organization" (id, slug, name, "timeZone", currency)
    VALUES (${org}, ${literal(ORGANIZATION.slug)}, ${literal(ORGANIZATION.name)}, ${literal(ORGANIZATION.timeZone)}, ${literal(ORGANIZATION.currency)});

    INSERT INTO "ServiceType" (id, "organizationId", name, "defaultPriceMinor", "defaultDurationMinutes", "updatedAt")
    SELECT md5('service-type-' || (i - 1))::uuid, ${org}, t.name, t.price, t.minutes, now()
    FROM unnest(${textArray(SERVICE_TYPES.map((s) => s[0]))}, ARRAY[${SERVICE_TYPES.map((s) => s[1]).join(',')}],
                ARRAY[${SERVICE_TYPES.map((s) => s[2]).join(',')}]) WITH ORDINALITY AS t(name, price, minutes, i);

    INSERT INTO "Technician" (id, "organizationId", name, phone, email, color, "updatedAt")
    SELECT md5('technician-' || i)::uuid, ${org},
           (${textArray(FIRST)})[1 + i % ${FIRST.length}] || ' ' || (${textArray(LAST)})[1 + (i / ${FIRST.length}) % ${LAST.length}] || ' ' || i,
           '+1 312 555 ' || lpad(i::text, 4, '0'), 'tech' || i || '@bench.test',
           '#' || lpad(to_hex((i * 2654435761::bigint % 16777216)::int), 6, '0'), now()
    FROM generate_series(0, ${TECHNICIANS - 1}) AS i;

    INSERT INTO "Customer" (id, "organizationId", name, email, phone, company, "isFleet", "updatedAt")
    SELECT md5('customer-' || i)::uuid, ${org},
           CASE WHEN i % 10 = 0 THEN (${textArray(FLEETS)})[1 + (i / 10) % ${FLEETS.length}] || ' #' || i
                ELSE (${textArray(FIRST)})[1 + i % ${FIRST.length}] || ' ' || (${textArray(LAST)})[1 + (i / 7) % ${LAST.length}] END,
           'customer' || i || '@example.com', '+1 773 555 ' || lpad((i % 10000)::text, 4, '0'),
           CASE WHEN i % 10 = 0 THEN 'Fleet account ' || i END, i % 10 = 0, now()
    FROM generate_series(0, ${CUSTOMERS - 1}) AS i;

    -- Vehicle i belongs to customer i % ${CUSTOMERS}: every customer has one, the first ${VEHICLES - CUSTOMERS} a second.
    INSERT INTO "Vehicle" (id, "organizationId", "customerId", year, make, model, vin, "licensePlate", color, "updatedAt")
    SELECT md5('vehicle-' || i)::uuid, ${org}, md5('customer-' || (i % ${CUSTOMERS}))::uuid, 2008 + i % 18,
           (${textArray(MAKES)})[1 + i % ${MAKES.length}], (${textArray(MODELS)})[1 + i % ${MODELS.length}],
           upper(substr(md5('vin-' || i), 1, 17)), 'BN' || lpad(i::text, 5, '0'), (${textArray(COLORS)})[1 + i % ${COLORS.length}], now()
    FROM generate_series(0, ${VEHICLES - 1}) AS i;

    -- Every customer has a home address; fleet customers also a depot.
    INSERT INTO "ServiceAddress" (id, "organizationId", "customerId", label, street, city, region, "postalCode", "accessNotes", "updatedAt")
    SELECT md5('address-' || i)::uuid, ${org}, md5('customer-' || i)::uuid, 'Home',
           (1 + i % 9000) || ' ' || (${textArray(STREETS)})[1 + i % ${STREETS.length}], (${textArray(CITIES)})[1 + i % ${CITIES.length}],
           'IL', '60' || lpad((i % 1000)::text, 3, '0'), CASE WHEN i % 4 = 0 THEN 'Gate code ' || (1000 + i % 9000) END, now()
    FROM generate_series(0, ${CUSTOMERS - 1}) AS i;
    INSERT INTO "ServiceAddress" (id, "organizationId", "customerId", label, street, city, region, "postalCode", "updatedAt")
    SELECT md5('depot-' || i)::uuid, ${org}, md5('customer-' || i)::uuid, 'Depot',
           (1 + i % 500) || ' Industrial Pkwy', 'Chicago', 'IL', '60608', now()
    FROM generate_series(0, ${CUSTOMERS - 1}, 10) AS i;

    INSERT INTO "User" (id, "organizationId", email, name, "passwordHash", role)
    VALUES (md5('user-dispatcher')::uuid, ${org}, ${literal(DISPATCHER_EMAIL)}, 'Bench Dispatcher', ${literal(passwordHash)}, 'DISPATCHER'),
           (md5('user-admin')::uuid, ${org}, 'admin@bench.test', 'Bench Admin', ${literal(passwordHash)}, 'ADMIN');
  `);
}

/**
 * The JSON snapshot the API logs in an event (domain/work-order.ts workOrderSnapshot), for a work
 * order at a given status and version. Lives in pg_temp, so only this loading session sees it.
 */
const SNAPSHOT_FUNCTION = `
  CREATE OR REPLACE FUNCTION pg_temp.bench_snapshot(w "WorkOrder", st "WorkOrderStatus", ver int) RETURNS jsonb
  LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_build_object(
      'number', w.number, 'status', st, 'customerId', w."customerId", 'vehicleId', w."vehicleId",
      'serviceTypeId', w."serviceTypeId", 'serviceAddressId', w."serviceAddressId", 'technicianId', w."technicianId",
      'priceMinor', w."priceMinor", 'durationMinutes', w."durationMinutes",
      'windowStart', to_char(w."windowStart" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'windowEnd', to_char(w."windowEnd" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'customerNotes', w."customerNotes", 'internalNotes', w."internalNotes",
      'cancelReason', CASE WHEN st = 'CANCELED' THEN w."cancelReason" END, 'version', ver)
  $$;`;

/** The statuses a work order went through to reach its status (domain pathTo), as an SQL expression. */
const PATHS_SQL = `
  CASE w.status
    ${WORK_ORDER_STATUSES.map((status) => `WHEN '${status}' THEN ${textArray(['SCHEDULED', ...pathTo(status)])}`).join('\n    ')}
  END::"WorkOrderStatus"[]`;

/** The statuses whose work orders have an invoice (domain STATUS_EFFECTS). */
const INVOICED_SQL = textArray(WORK_ORDER_STATUSES.filter(issuesInvoice));

/**
 * The invoice lines of a completed work order of each service type (domain invoiceLinesFor): a loaded
 * work order is priced at its service type's price, so its lines are its service type's.
 */
function invoiceLinesSql(): string {
  const rows = SERVICE_TYPES.flatMap(([serviceName, priceMinor], service) =>
    invoiceLinesFor({ serviceName, priceMinor }).map(
      (line, position) =>
        `(${service}, ${position}, ${literal(line.description)}, ${line.quantity}, ${line.unitPriceMinor}, ${line.amountMinor}, ${invoiceTotal(invoiceLinesFor({ serviceName, priceMinor }))})`,
    ),
  );
  return `(VALUES ${rows.join(', ')}) AS lines(service, position, description, quantity, unit_price, amount, total)`;
}

/** Matches the lines of invoiceLinesSql to a work order (`alias`) by its service type. */
const LINES_OF_WORK_ORDER = (alias: string) => `md5('service-type-' || lines.service)::uuid = ${alias}."serviceTypeId"`;

const STEP_AT_SQL = `
  CASE p.status
    WHEN 'SCHEDULED' THEN w."createdAt"
    WHEN 'EN_ROUTE' THEN w."windowStart" - interval '30 minutes'
    WHEN 'ON_SITE' THEN w."windowStart"
    WHEN 'IN_PROGRESS' THEN w."windowStart" + interval '5 minutes'
    WHEN 'COMPLETED' THEN w."windowEnd"
    WHEN 'NO_SHOW' THEN w."windowStart" + interval '15 minutes'
    WHEN 'CANCELED' THEN w."windowStart" - interval '1 day' END`;

/**
 * Adds work orders on the given days (offsets from the busy day), numbered from `firstNumber`,
 * with their events (created, then every status step) and the invoices of completed ones.
 * Job j of a day goes to technician j % 50 at slot j / 50 (07:00, 08:00, …), each at most an hour
 * long, so no technician's active windows overlap; about one job in 40 from the busy day on is unassigned.
 */
export async function loadWorkOrders(client: pg.Client, days: DayCount[], firstNumber: number): Promise<number> {
  const org = ORGANIZATION_ID_SQL;
  const offsets = days.map((d) => d.offset);
  const counts = days.map((d) => d.count);
  const firsts: number[] = [];
  let next = firstNumber;
  for (const d of days) {
    firsts.push(next);
    next += d.count;
  }
  await client.query('BEGIN');
  try {
    await client.query(SNAPSHOT_FUNCTION);
    // The loader is not a live change: no instance should be woken 100,000 times, and the history it
    // writes in one transaction is numbered here, in time order, after the organization's counter.
    await client.query(`ALTER TABLE "WorkOrderEvent" DISABLE TRIGGER "WorkOrderEvent_sequence"`);
    await client.query(`CREATE TEMP TABLE bench_new_work_orders (id uuid PRIMARY KEY) ON COMMIT DROP`);
    await client.query(
      `
      WITH jobs AS (
        SELECT d.off, j, d.first + j AS number, (d.first + j) AS k,
               (DATE '${BUSY_DAY}' + d.off) AS day,
               (j % ${TECHNICIANS}) AS tech, (j / ${TECHNICIANS}) AS slot
        FROM unnest($1::int[], $2::int[], $3::int[]) AS d(off, n, first)
        CROSS JOIN LATERAL generate_series(0, d.n - 1) AS j
      ), shaped AS (
        SELECT jobs.*,
               ((k::bigint * 7919 + 13) % ${CUSTOMERS})::int AS customer,
               (k % 6) AS service,
               ((day + make_interval(hours => ${FIRST_SLOT_HOUR} + slot)) AT TIME ZONE ${literal(ORGANIZATION.timeZone)}) AS window_start,
               CASE
                 WHEN off < 0 THEN CASE WHEN k % 50 < 3 THEN 'CANCELED' WHEN k % 50 < 5 THEN 'NO_SHOW' ELSE 'COMPLETED' END
                 WHEN off = 0 THEN CASE WHEN slot < 4 THEN 'COMPLETED' WHEN slot = 4 THEN 'IN_PROGRESS' WHEN slot = 5 THEN 'EN_ROUTE' ELSE 'SCHEDULED' END
                 ELSE 'SCHEDULED'
               END::"WorkOrderStatus" AS status
        FROM jobs
      ), inserted AS (
        INSERT INTO "WorkOrder" (id, "organizationId", number, "customerId", "vehicleId", "serviceTypeId", "serviceAddressId",
                                 "technicianId", "priceMinor", "durationMinutes", "windowStart", "windowEnd", "customerNotes",
                                 "internalNotes", status, "cancelReason", version, "createdAt", "updatedAt")
        SELECT md5('work-order-' || s.number)::uuid, ${org}, s.number, md5('customer-' || s.customer)::uuid,
               md5('vehicle-' || CASE WHEN s.customer < ${VEHICLES - CUSTOMERS} AND s.k % 2 = 1 THEN s.customer + ${CUSTOMERS} ELSE s.customer END)::uuid,
               md5('service-type-' || s.service)::uuid,
               md5(CASE WHEN s.customer % 10 = 0 AND s.k % 2 = 0 THEN 'depot-' ELSE 'address-' END || s.customer)::uuid,
               CASE WHEN s.off >= 0 AND s.j % 40 = 39 THEN NULL ELSE md5('technician-' || s.tech)::uuid END,
               st."defaultPriceMinor", st."defaultDurationMinutes",
               s.window_start, s.window_start + make_interval(mins => st."defaultDurationMinutes"),
               CASE WHEN s.k % 3 = 0 THEN 'Vehicle is in the driveway.' END,
               CASE WHEN s.k % 5 = 0 THEN 'Check the spare as well.' END,
               s.status, CASE WHEN s.status = 'CANCELED' THEN 'Customer rescheduled' END,
               CASE s.status WHEN 'COMPLETED' THEN 5 WHEN 'NO_SHOW' THEN 4 WHEN 'IN_PROGRESS' THEN 4 WHEN 'CANCELED' THEN 2
                             WHEN 'EN_ROUTE' THEN 2 ELSE 1 END,
               s.window_start - make_interval(days => 1 + (s.k % 14)::int),
               CASE WHEN s.off < 0 THEN s.window_start + interval '1 hour' ELSE s.window_start - make_interval(days => 1 + (s.k % 14)::int) END
        FROM shaped s JOIN "ServiceType" st ON st.id = md5('service-type-' || s.service)::uuid
        RETURNING id
      )
      INSERT INTO bench_new_work_orders SELECT id FROM inserted`,
      [offsets, counts, firsts],
    );
    await client.query(`
      INSERT INTO "WorkOrderEvent" ("organizationId", seq, "workOrderId", type, "actorId", "actorName", at, before, after)
      SELECT w."organizationId",
             coalesce((SELECT "lastSeq" FROM "WorkOrderEventCounter" c WHERE c."organizationId" = w."organizationId"), 0)
               + row_number() OVER (ORDER BY ${STEP_AT_SQL}),
             w.id, CASE WHEN p.i = 1 THEN 'CREATED' ELSE 'STATUS_CHANGED' END::"WorkOrderEventType",
             'user:' || md5('user-dispatcher')::uuid, 'Bench Dispatcher', ${STEP_AT_SQL},
             CASE WHEN p.i > 1 THEN pg_temp.bench_snapshot(w, (${PATHS_SQL})[p.i - 1], (p.i - 1)::int) END,
             pg_temp.bench_snapshot(w, p.status, p.i::int)
      FROM bench_new_work_orders n
      JOIN "WorkOrder" w ON w.id = n.id
      CROSS JOIN LATERAL unnest(${PATHS_SQL}) WITH ORDINALITY AS p(status, i)`);
    await client.query(`
      INSERT INTO "WorkOrderEventCounter" ("organizationId", "lastSeq")
      SELECT "organizationId", max(seq) FROM "WorkOrderEvent" WHERE "organizationId" = ${org} GROUP BY "organizationId"
      ON CONFLICT ("organizationId") DO UPDATE SET "lastSeq" = EXCLUDED."lastSeq"`);
    const { rows } = await client.query<{ next: number }>(`SELECT "nextInvoiceNumber" AS next FROM "Organization" WHERE id = ${org}`);
    await client.query(
      `
      WITH completed AS (
        SELECT w.*, $1::int + row_number() OVER (ORDER BY w."windowEnd", w.id) - 1 AS invoice_number
        FROM bench_new_work_orders n JOIN "WorkOrder" w ON w.id = n.id WHERE w.status = ANY(${INVOICED_SQL}::"WorkOrderStatus"[])
      ), invoices AS (
        INSERT INTO "Invoice" (id, "organizationId", "workOrderId", number, currency, "totalMinor", "issuedAt")
        SELECT md5('invoice-' || c.invoice_number)::uuid, c."organizationId", c.id, c.invoice_number, ${literal(ORGANIZATION.currency)},
               (SELECT DISTINCT total FROM ${invoiceLinesSql()} WHERE ${LINES_OF_WORK_ORDER('c')}), c."windowEnd"
        FROM completed c
        RETURNING id, "workOrderId"
      )
      INSERT INTO "InvoiceLine" (id, "invoiceId", position, description, quantity, "unitPriceMinor", "amountMinor")
      SELECT md5('invoice-line-' || i.id || '-' || lines.position)::uuid, i.id, lines.position, lines.description, lines.quantity,
             lines.unit_price, lines.amount
      FROM invoices i JOIN completed c ON c.id = i."workOrderId" JOIN ${invoiceLinesSql()} ON ${LINES_OF_WORK_ORDER('c')}`,
      [rows[0]!.next],
    );
    await client.query(`
      UPDATE "Organization" o SET
        "nextWorkOrderNumber" = (SELECT max(number) + 1 FROM "WorkOrder" WHERE "organizationId" = o.id),
        "nextInvoiceNumber" = coalesce((SELECT max(number) + 1 FROM "Invoice" WHERE "organizationId" = o.id), o."nextInvoiceNumber")
      WHERE o.id = ${org}`);
    await client.query(`ALTER TABLE "WorkOrderEvent" ENABLE TRIGGER "WorkOrderEvent_sequence"`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  await client.query('ANALYZE');
  return next;
}

/** The next free work-order number (the loader numbers its work orders from here). */
export async function nextWorkOrderNumber(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ next: number }>(`SELECT "nextWorkOrderNumber" AS next FROM "Organization" WHERE id = ${ORGANIZATION_ID_SQL}`);
  return rows[0]!.next;
}

export async function countRows(client: pg.Client): Promise<Record<string, number>> {
  const { rows } = await client.query<Record<string, string>>(`
    SELECT (SELECT count(*) FROM "WorkOrder") AS "workOrders", (SELECT count(*) FROM "WorkOrderEvent") AS events,
           (SELECT count(*) FROM "Customer") AS customers, (SELECT count(*) FROM "Vehicle") AS vehicles,
           (SELECT count(*) FROM "Technician") AS technicians, (SELECT count(*) FROM "Invoice") AS invoices`);
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}
