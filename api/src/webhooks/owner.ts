import type { ApiKeyScope, Caller } from '../domain/caller.js';

/** What endpointOwner reads of the endpoint's key, as a Prisma select. */
export const OWNER_KEY = { select: { id: true, name: true, scopes: true, revokedAt: true } } as const;

export interface OwnedEndpoint {
  organizationId: string;
  apiKey: { id: string; name: string; scopes: string[]; revokedAt: Date | null } | null;
}

/**
 * Whose eyes a delivery is made with: the API key that owns the endpoint (its scopes decide, through the
 * permission table), or for an endpoint of the organization's own, an admin's. Null when the owning key
 * is revoked: it receives nothing any more.
 */
export function endpointOwner(endpoint: OwnedEndpoint): Caller | null {
  if (endpoint.apiKey) {
    if (endpoint.apiKey.revokedAt) return null;
    return {
      kind: 'apiKey',
      organizationId: endpoint.organizationId,
      apiKeyId: endpoint.apiKey.id,
      name: endpoint.apiKey.name,
      scopes: endpoint.apiKey.scopes as ApiKeyScope[],
    };
  }
  return {
    kind: 'user',
    organizationId: endpoint.organizationId,
    userId: endpoint.organizationId,
    name: 'Webhooks',
    role: 'ADMIN',
    technicianId: null,
    customerId: null,
  };
}
