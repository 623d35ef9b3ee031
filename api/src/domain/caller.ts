import type { Role } from './roles.js';

/** API key scopes: what a third party's key may do. Same names as the GraphQL enum ApiKeyScope. */
export const API_KEY_SCOPES = ['READ', 'WRITE_WORK_ORDERS', 'WRITE_CUSTOMERS', 'WRITE_SETTINGS', 'WEBHOOKS'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Who is calling: a signed-in user or a third party's API key. Always inside one organization. */
export type Caller =
  | {
      kind: 'user';
      organizationId: string;
      userId: string;
      name: string;
      role: Role;
      technicianId: string | null;
      customerId: string | null;
    }
  | {
      kind: 'apiKey';
      organizationId: string;
      apiKeyId: string;
      name: string;
      scopes: readonly ApiKeyScope[];
    };

/**
 * Everything about a caller that decides what they may see. Permissions read nothing else of a caller,
 * so two callers with the same key are shown exactly the same data (shared subscription results rely on it).
 */
export function visibilityKey(caller: Caller): string {
  return caller.kind === 'user'
    ? JSON.stringify(['user', caller.organizationId, caller.role, caller.technicianId, caller.customerId])
    : JSON.stringify(['apiKey', caller.organizationId, [...caller.scopes].sort()]);
}

export function actorId(caller: Caller): string {
  return caller.kind === 'user' ? `user:${caller.userId}` : `apiKey:${caller.apiKeyId}`;
}
