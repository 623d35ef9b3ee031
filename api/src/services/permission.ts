import type { Caller } from '../domain/caller.js';
import { ForbiddenError } from '../domain/errors.js';
import { can, type Action } from '../domain/permissions.js';

const REFUSALS: Record<Action, string> = {
  writeWorkOrders: 'Only the office can create or edit work orders',
  writeCustomers: 'You may not change customers, their vehicles or their addresses',
  writeSettings: 'You may not change service types or technicians',
  manageAccess: 'Only an admin can manage logins and API keys',
  manageWebhooks: 'Only admins and keys with the WEBHOOKS scope manage webhooks',
};

/** Every command asks this first (the schema's field guards ask it too, but a command never relies on them). */
export function requirePermission(caller: Caller, action: Action): void {
  if (!can(caller, action)) throw new ForbiddenError(REFUSALS[action]);
}
