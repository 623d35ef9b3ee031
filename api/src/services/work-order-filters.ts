import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import type { WorkOrderStatus } from '../domain/status.js';
import { dayRange, windowStartBoundsForDay } from '../domain/time.js';
import { workOrderScope } from '../auth/scopes.js';
import { organizationTimeZone } from './organizations.js';

export interface WorkOrderFilter {
  /** First and last calendar day (inclusive), in the organization's zone. */
  from?: string | null;
  to?: string | null;
  technicianId?: string | null;
  unassigned?: boolean | null;
  customerId?: string | null;
  statuses?: WorkOrderStatus[] | null;
}

/** The where clause of `workOrders(filter)`, always inside the caller's scope. */
export async function workOrderFilterWhere(prisma: PrismaClient, caller: Caller, filter: WorkOrderFilter = {}): Promise<Prisma.WorkOrderWhereInput> {
  const and: Prisma.WorkOrderWhereInput[] = [workOrderScope(caller)];
  if (filter.from || filter.to) {
    const zone = await organizationTimeZone(prisma, caller.organizationId);
    if (filter.from) and.push({ windowEnd: { gt: dayRange(filter.from, zone).windowStart } });
    if (filter.to) and.push({ windowStart: { lt: dayRange(filter.to, zone).windowEnd } });
  }
  if (filter.technicianId) and.push({ technicianId: filter.technicianId });
  if (filter.unassigned) and.push({ technicianId: null });
  if (filter.customerId) and.push({ customerId: filter.customerId });
  if (filter.statuses?.length) and.push({ status: { in: filter.statuses } });
  return { AND: and };
}

/** Every work order of the caller's scope whose window touches the day. */
export function dayWhere(caller: Caller, day: { windowStart: Date; windowEnd: Date }): Prisma.WorkOrderWhereInput {
  return { ...workOrderScope(caller), windowStart: windowStartBoundsForDay(day), windowEnd: { gt: day.windowStart } };
}
