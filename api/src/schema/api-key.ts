import { z } from 'zod';
import { requiredText } from './fields.js';
import { MAX_CHARACTERS } from '../domain/text-limits.js';
import { createApiKey, revokeApiKey } from '../services/api-keys.js';
import type { ApiKeyScope } from '../domain/caller.js';
import { builder } from './builder.js';
import { run } from './commands.js';
import { callerOf } from '../context.js';
import { ApiKeyScopeEnum } from './enums.js';
import { resultOf } from './errors.js';
import { globalIdOf, safeRowId } from './ids.js';
import { visibleApiKeys } from '../auth/visible-rows.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import { MAX_ACTIVE_API_KEYS, REVOKED_API_KEYS_LISTED } from '../domain/list-bounds.js';
import { LIST_BOUND } from '../limits/cost.js';

const DAY_MS = 24 * 3_600_000;

const ApiKeyRef = builder.prismaNode('ApiKey', {
  description: "A third party's credential for the API, with the scopes it may use. Only admins read keys; the secret is never shown again",
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, context) => ({ id: safeRowId(id), AND: [visibleApiKeys(callerOf(context))] }),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'What the admin called it, e.g. the integration it is for' }),
    prefix: t.exposeString('prefix', { description: 'The first characters of the secret (dk_ and six more), to recognise the key' }),
    scopes: t.field({ type: [ApiKeyScopeEnum], description: 'What the key may read and change', resolve: (key) => key.scopes as ApiKeyScope[] }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: 'When a request last came with it; null if never' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true, description: 'When it was revoked (it no longer works); null while it works' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was made' }),
  }),
});

const CreatedApiKeyRef = builder.objectRef<Awaited<ReturnType<typeof createApiKey>>>('CreatedApiKey').implement({
  description: 'A key just made, with its secret',
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, description: 'The key', resolve: (created) => created.apiKey }),
    secret: t.exposeString('secret', { description: 'Shown this once: send it as "Authorization: Bearer <secret>"' }),
  }),
});

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  description: 'A new API key',
  fields: (t) => ({
    name: t.string({ required: true, description: `A name to recognise it by, 1 to ${MAX_CHARACTERS.apiKeyName} characters`, validate: requiredText(MAX_CHARACTERS.apiKeyName, 'A key needs a name') }),
    scopes: t.field({ type: [ApiKeyScopeEnum], required: true, description: 'At least one scope; a key gets the union of its scopes', validate: z.array(z.string()).min(1, 'Give the key at least one scope') }),
  }),
});

const RevokeApiKeyInput = builder.inputType('RevokeApiKeyInput', {
  description: 'The key to revoke',
  fields: (t) => ({ id: t.id({ required: true, description: 'An ApiKey ID', validate: globalIdOf('ApiKey') }) }),
});

builder.queryField('apiKeys', (t) =>
  t.prismaField({
    type: ['ApiKey'],
    description: `The organization's API keys, newest first (admins only): every key that works (at most ${MAX_ACTIVE_API_KEYS}), and the latest ${REVOKED_API_KEYS_LISTED.max} revoked in the last ${REVOKED_API_KEYS_LISTED.days} days`,
    authScopes: { reads: 'ApiKey' },
    extensions: { [LIST_BOUND]: MAX_ACTIVE_API_KEYS + REVOKED_API_KEYS_LISTED.max },
    resolve: async (query, _root, _args, context) => {
      const { organizationId } = callerOf(context);
      const since = new Date(Date.now() - REVOKED_API_KEYS_LISTED.days * DAY_MS);
      const [working, revoked] = await Promise.all([
        context.prisma.apiKey.findMany({ ...query, where: { organizationId, revokedAt: null }, orderBy: { createdAt: 'desc' }, take: MAX_ACTIVE_API_KEYS }),
        context.prisma.apiKey.findMany({
          ...query,
          where: { organizationId, revokedAt: { gte: since } },
          orderBy: { revokedAt: 'desc' },
          take: REVOKED_API_KEYS_LISTED.max,
        }),
      ]);
      return [...working, ...revoked].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    },
  }),
);

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreatedApiKeyRef,
    description: 'Makes an API key (admins only); its secret is in this answer only',
    authScopes: { can: 'manageAccess' },
    errors: resultOf('createApiKey', [ValidationError, ForbiddenError], { name: 'created', description: 'The key and its secret' }),
    args: { input: t.arg({ type: CreateApiKeyInput, required: true, description: 'The new key' }) },
    resolve: (_root, { input }, context) => run(context, createApiKey, input),
  }),
  revokeApiKey: t.field({
    type: ApiKeyRef,
    description: 'Revokes an API key at once: its requests fail and its live streams end, on every instance (admins only). Revoking a revoked key changes nothing',
    authScopes: { can: 'manageAccess' },
    errors: resultOf('revokeApiKey', [ValidationError, NotFoundError, ForbiddenError], { name: 'apiKey', description: 'The revoked key' }),
    args: { input: t.arg({ type: RevokeApiKeyInput, required: true, description: 'The key' }) },
    resolve: (_root, { input }, context) => run(context, revokeApiKey, { id: String(input.id) }),
  }),
}));
