import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import type { WorkOrderStatus } from '../domain/status.js';
import { dayRange, windowStartBoundsForDay } from '../domain/time.js';
import { workOrderNumberOf } from '../domain/work-order.js';
import { visibleWorkOrders } from '../auth/visible-rows.js';
import { containsText } from '../db/text-match.js';
import { organizationTimeZone } from './organizations.js';

export interface WorkOrderFilter {
  /** First and last calendar day (inclusive), in the organization's zone. */
  from?: string | null;
  to?: string | null;
  technicianId?: string | null;
  unassigned?: boolean | null;
  customerId?: string | null;
  statuses?: WorkOrderStatus[] | null;
  /** A work order number ("WO-1042", "1042"), part of the customer's name, or of the vehicle's plate or VIN. */
  search?: string | null;
}

/** The where clause of `workOrders(filter)`, always inside the caller's visible rows. */
export async function workOrderFilterWhere(prisma: PrismaClient, caller: Caller, filter: WorkOrderFilter = {}): Promise<Prisma.WorkOrderWhereInput> {
  const and: Prisma.WorkOrderWhereInput[] = [visibleWorkOrders(caller)];
  if (filter.from || filter.to) {
    const zone = await organizationTimeZone(prisma, caller.organizationId);
    if (filter.from) and.push({ windowEnd: { gt: dayRange(filter.from, zone).windowStart } });
    if (filter.to) and.push({ windowStart: { lt: dayRange(filter.to, zone).windowEnd } });
  }
  if (filter.technicianId) and.push({ technicianId: filter.technicianId });
  if (filter.unassigned) and.push({ technicianId: null });
  if (filter.customerId) and.push({ customerId: filter.customerId });
  if (filter.statuses?.length) and.push({ status: { in: filter.statuses } });
  const search = filter.search?.trim();
  if (search) and.push(searchWhere(search));
  return { AND: and };
}

/**
 * Matches by number on the (organization, number) index, and by part of the customer's name or the
 * vehicle's plate or VIN on their trigram indexes. It is one more AND term, so the visible rows still bound it.
 */
function searchWhere(search: string): Prisma.WorkOrderWhereInput {
  const contains = containsText(search);
  const number = workOrderNumberOf(search);
  return {
    OR: [
      ...(number === null ? [] : [{ number }]),
      { customer: { name: contains } },
      { vehicle: { OR: [{ licensePlate: contains }, { vin: contains }] } },
    ],
  };
}

/** Every work order the caller sees whose window touches the day. */
export function dayWhere(caller: Caller, day: { windowStart: Date; windowEnd: Date }): Prisma.WorkOrderWhereInput {
  return { ...visibleWorkOrders(caller), windowStart: windowStartBoundsForDay(day), windowEnd: { gt: day.windowStart } };
}
