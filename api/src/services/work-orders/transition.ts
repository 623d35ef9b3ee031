import type { WorkOrder } from '../../generated/prisma/client.js';
import type { Transaction } from '../../db/types.js';
import type { Caller } from '../../domain/caller.js';
import { ForbiddenError, InvalidTransitionError, StaleWriteError, ValidationError } from '../../domain/errors.js';
import { checkTransition, findTransition, issuesInvoice, mayEverMoveTo, moveReasonProblem, type WorkOrderStatus } from '../../domain/status.js';
import { workOrderSnapshot } from '../../domain/work-order.js';
import { appendEvent } from '../../events/log.js';
import { runOnce, type IdempotentRequest } from '../idempotency.js';
import { findVisibleWorkOrder } from './find.js';
import { issueInvoice } from './invoice.js';

export interface TransitionInput {
  id: string;
  status: WorkOrderStatus;
  expectedVersion?: number | null;
  idempotencyKey?: string | null;
  /** Required when `status` is CANCELED, ignored otherwise. */
  cancelReason?: string | null;
}

/** The request an idempotency key stands for, normalized, its fields in a fixed order. */
function idempotentRequest(input: TransitionInput): IdempotentRequest | null {
  if (!input.idempotencyKey) return null;
  return {
    key: input.idempotencyKey,
    operation: 'transitionWorkOrder',
    input: { id: input.id, status: input.status, expectedVersion: input.expectedVersion ?? null, reason: input.cancelReason?.trim() ?? null },
  };
}

const refusal = (to: WorkOrderStatus) => new ForbiddenError(`You may not move this work order to ${to}`);

/**
 * Moves a work order along the status machine with one conditional update: of two concurrent
 * requests exactly one wins, the other learns the status it found. Permission comes first; then a
 * retry carrying the caller's own idempotency key with the same input gets the first result.
 * Entering a status carries out its effect (STATUS_EFFECTS: the invoice of a completed job) in the same transaction.
 */
export async function transitionWorkOrder(tx: Transaction, caller: Caller, input: TransitionInput): Promise<WorkOrder> {
  const reasonProblem = moveReasonProblem(input.status, input.cancelReason);
  if (reasonProblem) throw ValidationError.field(['input', 'reason'], reasonProblem);
  const current = await findVisibleWorkOrder(tx, caller, input.id);
  if (!mayEverMoveTo(caller, current, input.status)) throw refusal(input.status);

  return runOnce(
    tx,
    caller,
    idempotentRequest(input),
    () => applyTransition(tx, caller, current, input),
    (moved) => ({ workOrderId: moved.id }),
    ({ workOrderId }) => findVisibleWorkOrder(tx, caller, workOrderId),
  );
}

async function applyTransition(tx: Transaction, caller: Caller, current: WorkOrder, input: TransitionInput): Promise<WorkOrder> {
  if (input.expectedVersion != null && input.expectedVersion !== current.version) {
    throw new StaleWriteError(current.version, current.status);
  }
  const check = checkTransition(caller, current, input.status);
  if (!check.ok) throw transitionRefusal(check.reason, current.status, input.status);

  const [updated] = await tx.workOrder.updateManyAndReturn({
    where: { id: current.id, organizationId: caller.organizationId, status: current.status, version: current.version },
    data: {
      status: input.status,
      version: { increment: 1 },
      ...(input.status === 'CANCELED' ? { cancelReason: input.cancelReason!.trim() } : {}),
    },
  });
  if (!updated) throw await lostRace(tx, current.id, input.status);
  if (issuesInvoice(input.status)) await issueInvoice(tx, updated);
  await appendEvent(tx, {
    caller,
    workOrderId: updated.id,
    type: 'STATUS_CHANGED',
    before: workOrderSnapshot(current),
    after: workOrderSnapshot(updated),
  });
  return updated;
}

function transitionRefusal(reason: 'INVALID_TRANSITION' | 'NO_TECHNICIAN' | 'FORBIDDEN', from: WorkOrderStatus, to: WorkOrderStatus) {
  if (reason === 'FORBIDDEN') return refusal(to);
  if (reason === 'NO_TECHNICIAN') return new InvalidTransitionError(from, to, `Assign a technician before moving the work order to ${to}`);
  return new InvalidTransitionError(from, to);
}

/** The conditional update matched nothing: somebody else moved the work order first. */
async function lostRace(tx: Transaction, id: string, to: WorkOrderStatus) {
  const found = await tx.workOrder.findUniqueOrThrow({ where: { id } });
  return findTransition(found.status, to) ? new StaleWriteError(found.version, found.status) : new InvalidTransitionError(found.status, to);
}
