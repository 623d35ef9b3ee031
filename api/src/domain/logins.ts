import type { Caller } from './caller.js';
import type { Role } from './roles.js';

export interface LoginChange {
  role?: Role | null;
  active?: boolean | null;
}

/**
 * Why this change to a login is refused, or null. An admin cannot take away their own admin role or
 * deactivate themselves: the organization could be left with nobody able to undo it.
 */
export function loginChangeRefusal(caller: Caller, userId: string, change: LoginChange): string | null {
  if (caller.kind !== 'user' || mayChangeLogin(caller, userId)) return null;
  if (change.active === false) return 'You cannot deactivate your own login';
  if (change.role && change.role !== caller.role) return 'You cannot change your own role';
  return null;
}

/** Whether the caller may change this login's role or deactivate it at all: any login but their own. */
export function mayChangeLogin(caller: Caller, userId: string): boolean {
  return !(caller.kind === 'user' && caller.userId === userId);
}

/** A login with a role that works for someone (a technician, a customer) must name them; other roles name nobody. */
export function roleLinks(role: Role, links: { technicianId?: string | null; customerId?: string | null }) {
  return {
    technicianId: role === 'TECHNICIAN' ? (links.technicianId ?? null) : null,
    customerId: role === 'CUSTOMER' ? (links.customerId ?? null) : null,
  };
}
