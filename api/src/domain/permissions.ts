import type { ApiKeyScope, Caller } from './caller.js';
import type { Role } from './roles.js';
import type { TransitionActor } from './status.js';

/**
 * What a caller may do, beyond the status machine. Row-level limits (a technician's own jobs,
 * a customer's own records) are applied by the queries in auth/scopes.ts.
 */
export type Permission =
  | 'readSchedule'
  | 'readCustomers'
  | 'writeCustomers'
  | 'writeSettings'
  | 'writeWorkOrders'
  | 'readInternalNotes'
  | 'manageAccess';

const BY_ROLE: Record<Role, readonly Permission[]> = {
  ADMIN: ['readSchedule', 'readCustomers', 'writeCustomers', 'writeSettings', 'writeWorkOrders', 'readInternalNotes', 'manageAccess'],
  DISPATCHER: ['readSchedule', 'readCustomers', 'writeCustomers', 'writeSettings', 'writeWorkOrders', 'readInternalNotes'],
  TECHNICIAN: ['readSchedule', 'readInternalNotes'],
  CUSTOMER: [],
};

const BY_SCOPE: Record<ApiKeyScope, readonly Permission[]> = {
  READ: ['readSchedule', 'readCustomers', 'readInternalNotes'],
  WRITE_WORK_ORDERS: ['writeWorkOrders'],
  WRITE_CUSTOMERS: ['writeCustomers'],
  WRITE_SETTINGS: ['writeSettings'],
};

export function can(caller: Caller | null, permission: Permission): boolean {
  if (!caller) return false;
  if (caller.kind === 'user') return BY_ROLE[caller.role].includes(permission);
  return caller.scopes.some((scope) => BY_SCOPE[scope].includes(permission));
}

/** How the status machine sees a caller: an API key that may write work orders acts for the office. */
export function transitionActor(caller: Caller, workOrder: { technicianId: string | null }): TransitionActor {
  if (caller.kind === 'apiKey') {
    return { role: can(caller, 'writeWorkOrders') ? 'DISPATCHER' : 'CUSTOMER', isAssignedTechnician: false };
  }
  return {
    role: caller.role,
    isAssignedTechnician: caller.role === 'TECHNICIAN' && caller.technicianId !== null && caller.technicianId === workOrder.technicianId,
  };
}

/** Internal notes are for the team: anyone else reads them as null, wherever they appear. */
export function visibleInternalNotes(caller: Caller | null, notes: string | null): string | null {
  return can(caller, 'readInternalNotes') ? notes : null;
}
