import type { Caller } from './caller.js';
import { tooLong } from './characters.js';
import { can } from './permissions.js';
import type { Role } from './roles.js';

/** Same names, same order as the WorkOrderStatus enum of schema.prisma and of the GraphQL schema. */
export const WORK_ORDER_STATUSES = [
  'SCHEDULED',
  'EN_ROUTE',
  'ON_SITE',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELED',
  'NO_SHOW',
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

/**
 * The roles the table's `who` column names. A technician moves only their own job; an API key that
 * may write work orders moves them as the office does (see `movingRole`).
 */
type MovingRole = Extract<Role, 'ADMIN' | 'DISPATCHER' | 'TECHNICIAN'>;

interface TransitionRule {
  from: WorkOrderStatus;
  to: WorkOrderStatus;
  who: readonly MovingRole[];
}

const fieldAndOffice: readonly MovingRole[] = ['TECHNICIAN', 'DISPATCHER', 'ADMIN'];
const officeOnly: readonly MovingRole[] = ['DISPATCHER', 'ADMIN'];

export const TERMINAL_STATUSES: readonly WorkOrderStatus[] = ['COMPLETED', 'CANCELED', 'NO_SHOW'];

/** The status machine of docs/design.md, as data (a test checks the document against it). */
export const TRANSITIONS: readonly TransitionRule[] = [
  { from: 'SCHEDULED', to: 'EN_ROUTE', who: fieldAndOffice },
  { from: 'EN_ROUTE', to: 'ON_SITE', who: fieldAndOffice },
  { from: 'ON_SITE', to: 'IN_PROGRESS', who: fieldAndOffice },
  { from: 'ON_SITE', to: 'NO_SHOW', who: fieldAndOffice },
  { from: 'IN_PROGRESS', to: 'COMPLETED', who: fieldAndOffice },
  ...(['SCHEDULED', 'EN_ROUTE', 'ON_SITE', 'IN_PROGRESS'] as const).map((from) => ({
    from,
    to: 'CANCELED' as const,
    who: officeOnly,
  })),
];

/**
 * What entering a status does besides the move, in the move's own transaction: completing a job issues
 * its invoice (services/work-orders/invoice.ts). No other status has an effect.
 */
export const STATUS_EFFECTS: Partial<Record<WorkOrderStatus, 'ISSUE_INVOICE'>> = { COMPLETED: 'ISSUE_INVOICE' };

export function issuesInvoice(status: WorkOrderStatus): boolean {
  return STATUS_EFFECTS[status] === 'ISSUE_INVOICE';
}

export function isTerminal(status: WorkOrderStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** The statuses whose work order no longer holds its technician's time (the overlap rule ignores them). */
export const INACTIVE_STATUSES: readonly WorkOrderStatus[] = ['CANCELED', 'NO_SHOW'];

/** A work order that still occupies its technician's time. */
export function isActive(status: WorkOrderStatus): boolean {
  return !INACTIVE_STATUSES.includes(status);
}

/** The statuses in which a job may be rescheduled, reassigned or edited: only before it starts. */
export const EDITABLE_STATUSES: readonly WorkOrderStatus[] = ['SCHEDULED'];

export function isEditable(status: WorkOrderStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

export const MAX_CANCEL_REASON_LENGTH = 500;

/** What is wrong with a cancellation's reason (judged without surrounding spaces, in characters as a person sees them), or null. */
export function cancelReasonProblem(reason: string | null | undefined): string | null {
  const text = reason?.trim() ?? '';
  if (!text) return 'A cancellation needs a reason';
  return tooLong(text, MAX_CANCEL_REASON_LENGTH);
}

/** What is wrong with the reason sent with a move to `status`: a cancellation needs one, no other move takes one. */
export function moveReasonProblem(status: WorkOrderStatus, reason: string | null | undefined): string | null {
  if (status === 'CANCELED') return cancelReasonProblem(reason);
  return reason == null ? null : 'Only a cancellation takes a reason';
}

/** The work order a move is asked about: where it stands and whose job it is. */
export interface WorkOrderPosition {
  status: WorkOrderStatus;
  technicianId: string | null;
}

/** The role a caller moves this work order in, or null when the table gives them no move at all. */
export function movingRole(caller: Caller, workOrder: { technicianId: string | null }): MovingRole | null {
  if (caller.kind === 'apiKey') return can(caller, 'writeWorkOrders') ? 'DISPATCHER' : null;
  if (caller.role === 'TECHNICIAN') return caller.technicianId !== null && caller.technicianId === workOrder.technicianId ? 'TECHNICIAN' : null;
  return caller.role === 'CUSTOMER' ? null : caller.role;
}

export function findTransition(from: WorkOrderStatus, to: WorkOrderStatus): TransitionRule | undefined {
  return TRANSITIONS.find((rule) => rule.from === from && rule.to === to);
}

export type TransitionCheck =
  | { ok: true }
  | { ok: false; reason: 'INVALID_TRANSITION' }
  | { ok: false; reason: 'NO_TECHNICIAN' }
  | { ok: false; reason: 'FORBIDDEN' };

/** Only a technician's work takes a job past SCHEDULED: nobody drives to, starts or finishes an unassigned job. */
function needsTechnician(status: WorkOrderStatus): boolean {
  return status !== 'SCHEDULED' && status !== 'CANCELED';
}

function checkMove(from: WorkOrderStatus, to: WorkOrderStatus, role: MovingRole | null, assigned = true): TransitionCheck {
  const rule = findTransition(from, to);
  if (!rule) return { ok: false, reason: 'INVALID_TRANSITION' };
  if (!role || !rule.who.includes(role)) return { ok: false, reason: 'FORBIDDEN' };
  return assigned || !needsTechnician(to) ? { ok: true } : { ok: false, reason: 'NO_TECHNICIAN' };
}

function movesFrom(from: WorkOrderStatus, role: MovingRole | null, assigned: boolean): WorkOrderStatus[] {
  return TRANSITIONS.filter((rule) => rule.from === from && checkMove(from, rule.to, role, assigned).ok).map((rule) => rule.to);
}

/** May this caller move this work order to `to` now? The table answers. */
export function checkTransition(caller: Caller, workOrder: WorkOrderPosition, to: WorkOrderStatus): TransitionCheck {
  return checkMove(workOrder.status, to, movingRole(caller, workOrder), workOrder.technicianId !== null);
}

/** May this caller move this work order to `to` from any status at all? Asked before a retry is replayed. */
export function mayEverMoveTo(caller: Caller, workOrder: { technicianId: string | null }, to: WorkOrderStatus): boolean {
  const role = movingRole(caller, workOrder);
  return TRANSITIONS.some((rule) => rule.to === to && checkMove(rule.from, to, role).ok);
}

/** The statuses this caller may move the work order to next, in table order. */
export function nextStatuses(caller: Caller, workOrder: WorkOrderPosition): WorkOrderStatus[] {
  return movesFrom(workOrder.status, movingRole(caller, workOrder), workOrder.technicianId !== null);
}

/** The moves a caller may make from one status. */
export interface StatusMoves {
  from: WorkOrderStatus;
  to: WorkOrderStatus[];
}

/**
 * For the work order's status and every status this caller can take it to from there, the moves they may
 * make from it: what a phone needs to queue several steps while offline without a copy of the table.
 */
export function movesAhead(caller: Caller, workOrder: WorkOrderPosition): StatusMoves[] {
  const role = movingRole(caller, workOrder);
  const moves: StatusMoves[] = [];
  const reached: WorkOrderStatus[] = [workOrder.status];
  for (let index = 0; index < reached.length; index++) {
    const status = reached[index]!;
    const to = movesFrom(status, role, workOrder.technicianId !== null);
    moves.push({ from: status, to });
    reached.push(...to.filter((next) => !reached.includes(next)));
  }
  return moves;
}

/** The statuses a work order passes through from SCHEDULED to reach `target` (excluding SCHEDULED). */
export function pathTo(target: WorkOrderStatus): WorkOrderStatus[] {
  const path: WorkOrderStatus[] = [];
  let current: WorkOrderStatus = target;
  while (current !== 'SCHEDULED') {
    path.unshift(current);
    const step: WorkOrderStatus = current;
    const rule = TRANSITIONS.find((r) => r.to === step);
    if (!rule) throw new Error(`No path to ${target}`);
    current = rule.from;
  }
  return path;
}
