import { randomUUID } from 'node:crypto';
import type { ApiKeyScope, Caller } from '../../src/domain/caller.js';
import type { Role } from '../../src/domain/roles.js';

/** A signed-in user of `organizationId` (ids are fresh UUIDs unless given) with a role (and the technician or customer a role works for). */
export function userCaller(
  role: Role,
  options: { organizationId?: string; userId?: string; technicianId?: string | null; customerId?: string | null } = {},
): Caller {
  return {
    kind: 'user',
    organizationId: options.organizationId ?? 'org',
    userId: options.userId ?? randomUUID(),
    name: `A ${role.toLowerCase()}`,
    role,
    technicianId: options.technicianId !== undefined ? options.technicianId : role === 'TECHNICIAN' ? randomUUID() : null,
    customerId: options.customerId !== undefined ? options.customerId : role === 'CUSTOMER' ? randomUUID() : null,
  };
}

export function apiKeyCaller(scopes: ApiKeyScope[], organizationId = 'org'): Caller {
  return { kind: 'apiKey', organizationId, apiKeyId: randomUUID(), name: 'Integration', scopes };
}
