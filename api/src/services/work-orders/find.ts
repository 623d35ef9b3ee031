import type { WorkOrder } from '../../generated/prisma/client.js';
import type { Transaction } from '../../db/types.js';
import type { Caller } from '../../domain/caller.js';
import { NotFoundError } from '../../domain/errors.js';
import { visibleWorkOrders } from '../../auth/visible-rows.js';

/** The work order, if the caller may see it; otherwise NotFoundError, as for an ID that names nothing. */
export async function findVisibleWorkOrder(db: Transaction, caller: Caller, id: string): Promise<WorkOrder> {
  const workOrder = await db.workOrder.findFirst({ where: { id, ...visibleWorkOrders(caller) } });
  if (!workOrder) throw new NotFoundError('Work order', id);
  return workOrder;
}
