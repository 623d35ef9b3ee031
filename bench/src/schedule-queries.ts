/**
 * The busy day's board, asked three ways for the same fields: every work order's status, window,
 * technician (its column), customer, vehicle, service address and service type.
 */

const WORK_ORDER_FIELDS = `id label status windowStart windowEnd
  customer { id name }
  vehicle { id year make model licensePlate }
  serviceAddress { id street city }
  serviceType { id name }`;

/** This API's query (api/src/schema/schedule.ts). */
export const API_SCHEDULE_QUERY = `query Schedule($date: Date!) {
  schedule(date: $date) {
    date
    technicians { technician { id name color } workOrders { ${WORK_ORDER_FIELDS} } }
    unassigned { ${WORK_ORDER_FIELDS} }
  }
}`;

const gid = (type: string, column: string) => `translate(encode(convert_to('${type}:' || ${column}, 'UTF8'), 'base64'), E'\\n', '')`;
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The raw-SQL floor: one statement that checks the session (as the API does), finds the
 * organization's day in its time zone and builds the API's exact JSON response, which the server
 * sends as it comes. $1 is the bearer token, $2 the date. Returns no row for a bad token.
 */
export const RAW_SCHEDULE_SQL = `
WITH caller AS (
  SELECT u."organizationId" AS org
  FROM "Session" s JOIN "User" u ON u.id = s."userId"
  WHERE s."tokenHash" = encode(sha256(convert_to($1, 'UTF8')), 'hex') AND s."revokedAt" IS NULL AND s."expiresAt" > now()
    AND u.role IN ('ADMIN', 'DISPATCHER')
), day AS (
  SELECT c.org, ($2::date::timestamp AT TIME ZONE o."timeZone") AS day_start, (($2::date + 1)::timestamp AT TIME ZONE o."timeZone") AS day_end
  FROM caller c JOIN "Organization" o ON o.id = c.org
), jobs AS (
  SELECT w.id, w."technicianId", w."windowStart",
    json_build_object(
      'id', ${gid('WorkOrder', 'w.id')}, 'label', 'WO-' || w.number, 'status', w.status,
      'windowStart', ${iso('w."windowStart"')}, 'windowEnd', ${iso('w."windowEnd"')},
      'customer', json_build_object('id', ${gid('Customer', 'c.id')}, 'name', c.name),
      'vehicle', json_build_object('id', ${gid('Vehicle', 'v.id')}, 'year', v.year, 'make', v.make, 'model', v.model, 'licensePlate', v."licensePlate"),
      'serviceAddress', json_build_object('id', ${gid('ServiceAddress', 'a.id')}, 'street', a.street, 'city', a.city),
      'serviceType', json_build_object('id', ${gid('ServiceType', 'st.id')}, 'name', st.name)
    ) AS body
  FROM day d
  JOIN "WorkOrder" w ON w."organizationId" = d.org
    AND w."windowStart" > d.day_start - interval '24 hours' AND w."windowStart" < d.day_end AND w."windowEnd" > d.day_start
  JOIN "Customer" c ON c.id = w."customerId"
  JOIN "Vehicle" v ON v.id = w."vehicleId"
  JOIN "ServiceAddress" a ON a.id = w."serviceAddressId"
  JOIN "ServiceType" st ON st.id = w."serviceTypeId"
)
SELECT json_build_object('data', json_build_object('schedule', json_build_object(
  'date', $2::text,
  'technicians', (
    SELECT coalesce(json_agg(json_build_object(
      'technician', json_build_object('id', ${gid('Technician', 't.id')}, 'name', t.name, 'color', t.color),
      'workOrders', (SELECT coalesce(json_agg(j.body ORDER BY j."windowStart", j.id), '[]'::json) FROM jobs j WHERE j."technicianId" = t.id)
    ) ORDER BY t.name, t.id), '[]'::json)
    FROM "Technician" t
    WHERE t."organizationId" = d.org AND (t.active OR EXISTS (SELECT 1 FROM jobs j WHERE j."technicianId" = t.id))
  ),
  'unassigned', (SELECT coalesce(json_agg(j.body ORDER BY j."windowStart", j.id), '[]'::json) FROM jobs j WHERE j."technicianId" IS NULL)
)))::text AS response
FROM day d`;

/**
 * PostGraphile's query for the same fields. PostGraphile exposes tables and relations, not a day
 * board, so the day is two SQL functions (bench.schedule_technicians and bench.schedule_work_orders, made by servers/postgraphile-server.ts)
 * and the technician is a relation of each work order.
 */
export const POSTGRAPHILE_SCHEDULE_QUERY = `query Schedule($date: Date!) {
  benchScheduleTechnicians(day: $date) { nodes { id name color } }
  benchScheduleWorkOrders(day: $date) {
    nodes {
      id number status windowStart windowEnd
      technician: technicianByOrganizationIdAndTechnicianId { id name color }
      customer: customerByOrganizationIdAndCustomerId { id name }
      vehicle: vehicleByOrganizationIdAndCustomerIdAndVehicleId { id year make model licensePlate }
      serviceAddress: serviceAddressByOrganizationIdAndCustomerIdAndServiceAddressId { id street city }
      serviceType: serviceTypeByOrganizationIdAndServiceTypeId { id name }
    }
  }
}`;

/** Number of work orders in an API or raw response. */
export function countWorkOrders(response: unknown): number {
  const schedule = (response as { data?: { schedule?: { technicians: { workOrders: unknown[] }[]; unassigned: unknown[] } } }).data?.schedule;
  if (!schedule) return -1;
  return schedule.technicians.reduce((sum, column) => sum + column.workOrders.length, 0) + schedule.unassigned.length;
}
