import type { PrismaClient } from '../generated/prisma/client.js';
import type { ApiKeyScope, Caller } from '../domain/caller.js';
import { NotFoundError } from '../domain/errors.js';
import { API_KEY_PREFIX, hashSecret, newSecret } from '../auth/secrets.js';
import type { Credentials } from '../auth/credentials.js';
import { announceRevocation } from '../auth/revocation.js';

/** Creates a key; the secret is returned this once and only its hash is kept. */
export async function createApiKey(prisma: PrismaClient, caller: Caller, input: { name: string; scopes: ApiKeyScope[] }) {
  const secret = newSecret(API_KEY_PREFIX);
  const apiKey = await prisma.apiKey.create({
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

export async function revokeApiKey(prisma: PrismaClient, credentials: Credentials, caller: Caller, id: string) {
  await prisma.apiKey.updateMany({
    where: { id, organizationId: caller.organizationId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  const apiKey = await prisma.apiKey.findFirst({ where: { id, organizationId: caller.organizationId } });
  if (!apiKey) throw new NotFoundError('API key', id);
  await announceRevocation(prisma, credentials, `apiKey:${apiKey.id}`);
  return apiKey;
}
