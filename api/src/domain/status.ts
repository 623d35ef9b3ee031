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

/** Who is asking to move a work order. `isAssignedTechnician` is true when the caller is the job's technician. */
export interface TransitionActor {
  role: Role;
  isAssignedTechnician: boolean;
}

type Mover = 'ASSIGNED_TECHNICIAN' | 'DISPATCHER' | 'ADMIN';

interface TransitionRule {
  from: WorkOrderStatus;
  to: WorkOrderStatus;
  who: readonly Mover[];
}

const fieldAndOffice: readonly Mover[] = ['ASSIGNED_TECHNICIAN', 'DISPATCHER', 'ADMIN'];
const officeOnly: readonly Mover[] = ['DISPATCHER', 'ADMIN'];

export const TERMINAL_STATUSES: readonly WorkOrderStatus[] = ['COMPLETED', 'CANCELED', 'NO_SHOW'];

/** The status machine of DESIGN.md, as data. */
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

export function isTerminal(status: WorkOrderStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** The statuses of a work order that no longer occupies its technician's time. */
export const INACTIVE_STATUSES: readonly WorkOrderStatus[] = ['CANCELED', 'NO_SHOW'];

/** A work order that still occupies its technician's time. */
export function isActive(status: WorkOrderStatus): boolean {
  return !INACTIVE_STATUSES.includes(status);
}

function movers(actor: TransitionActor): Mover[] {
  if (actor.role === 'ADMIN') return ['ADMIN'];
  if (actor.role === 'DISPATCHER') return ['DISPATCHER'];
  if (actor.role === 'TECHNICIAN' && actor.isAssignedTechnician) return ['ASSIGNED_TECHNICIAN'];
  return [];
}

export function findTransition(from: WorkOrderStatus, to: WorkOrderStatus): TransitionRule | undefined {
  return TRANSITIONS.find((rule) => rule.from === from && rule.to === to);
}

export type TransitionCheck =
  | { ok: true }
  | { ok: false; reason: 'INVALID_TRANSITION' }
  | { ok: false; reason: 'FORBIDDEN' };

/** May this actor move a work order from `from` to `to`? The table answers, not the caller. */
export function checkTransition(from: WorkOrderStatus, to: WorkOrderStatus, actor: TransitionActor): TransitionCheck {
  const rule = findTransition(from, to);
  if (!rule) return { ok: false, reason: 'INVALID_TRANSITION' };
  const mine = movers(actor);
  return rule.who.some((who) => mine.includes(who)) ? { ok: true } : { ok: false, reason: 'FORBIDDEN' };
}

/** May this actor move a work order to `to` from any status at all? Asked before a retry is replayed. */
export function mayEverMoveTo(to: WorkOrderStatus, actor: TransitionActor): boolean {
  return TRANSITIONS.some((rule) => rule.to === to && checkTransition(rule.from, to, actor).ok);
}

/** The statuses this actor may move the work order to next, in table order. */
export function nextStatuses(from: WorkOrderStatus, actor: TransitionActor): WorkOrderStatus[] {
  return TRANSITIONS.filter((rule) => rule.from === from && checkTransition(from, rule.to, actor).ok).map(
    (rule) => rule.to,
  );
}

/** The moves an actor may make from one status. */
export interface StatusMoves {
  from: WorkOrderStatus;
  to: WorkOrderStatus[];
}

/**
 * For `from` and every status this actor can take a work order to from there, the moves they may make from
 * it: what a phone needs to queue several steps while offline without a copy of the table.
 */
export function movesAhead(from: WorkOrderStatus, actor: TransitionActor): StatusMoves[] {
  const moves: StatusMoves[] = [];
  const reached: WorkOrderStatus[] = [from];
  for (let index = 0; index < reached.length; index++) {
    const status = reached[index]!;
    const to = nextStatuses(status, actor);
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
