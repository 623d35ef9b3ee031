import type { Transaction } from '../db/types.js';
import type { ApiKeyScope, Caller } from '../domain/caller.js';
import { NotFoundError } from '../domain/errors.js';
import { MAX_ACTIVE_API_KEYS } from '../domain/list-bounds.js';
import { API_KEY_PREFIX, hashSecret, newSecret } from '../auth/secrets.js';
import { requireRoomInSet } from './bounded-sets.js';
import { requirePermission } from './permission.js';
import { revokeCredential } from './revoke.js';

/** Creates a key; the secret is returned this once and only its hash is kept. */
export async function createApiKey(tx: Transaction, caller: Caller, input: { name: string; scopes: ApiKeyScope[] }) {
  requirePermission(caller, 'manageAccess');
  await requireRoomInSet(tx, caller.organizationId, {
    name: 'active-api-keys',
    max: MAX_ACTIVE_API_KEYS,
    count: () => tx.apiKey.count({ where: { organizationId: caller.organizationId, revokedAt: null } }),
    refusal: `An organization has at most ${MAX_ACTIVE_API_KEYS} API keys that work: revoke one first`,
  });
  const secret = newSecret(API_KEY_PREFIX);
  const apiKey = await tx.apiKey.create({
    data: {
      organizationId: caller.organizationId,
      name: input.name,
      prefix: secret.slice(0, API_KEY_PREFIX.length + 6),
      secretHash: hashSecret(secret),
      scopes: [...new Set(input.scopes)],
    },
  });
  return { apiKey, secret };
}

/** Revokes a key (again, harmlessly, when it already was) and ends its live streams on every instance. */
export async function revokeApiKey(tx: Transaction, caller: Caller, { id }: { id: string }) {
  requirePermission(caller, 'manageAccess');
  await tx.apiKey.updateMany({ where: { id, organizationId: caller.organizationId, revokedAt: null }, data: { revokedAt: new Date() } });
  const apiKey = await tx.apiKey.findFirst({ where: { id, organizationId: caller.organizationId } });
  if (!apiKey) throw new NotFoundError('API key', id);
  await revokeCredential(tx, `apiKey:${apiKey.id}`);
  return apiKey;
}
