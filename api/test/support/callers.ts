import type { ApiKeyScope, Caller } from '../../src/domain/caller.js';
import type { Role } from '../../src/domain/roles.js';

/** A signed-in user of `organizationId` with a role (and the technician or customer a role works for). */
export function userCaller(
  role: Role,
  options: { organizationId?: string; userId?: string; technicianId?: string | null; customerId?: string | null } = {},
): Caller {
  return {
    kind: 'user',
    organizationId: options.organizationId ?? 'org',
    userId: options.userId ?? `user-${role.toLowerCase()}`,
    name: `A ${role.toLowerCase()}`,
    role,
    technicianId: options.technicianId !== undefined ? options.technicianId : role === 'TECHNICIAN' ? 'tech-1' : null,
    customerId: options.customerId !== undefined ? options.customerId : role === 'CUSTOMER' ? 'customer-1' : null,
  };
}

export function apiKeyCaller(scopes: ApiKeyScope[], organizationId = 'org'): Caller {
  return { kind: 'apiKey', organizationId, apiKeyId: `key-${scopes.join('-')}`, name: 'Integration', scopes };
}
