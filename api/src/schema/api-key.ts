import { z } from 'zod';
import { createApiKey, revokeApiKey } from '../services/api-keys.js';
import type { ApiKeyScope } from '../domain/caller.js';
import { builder } from './builder.js';
import { callerOf } from '../context.js';
import { ApiKeyScopeEnum } from './enums.js';
import { COMMON_ERRORS } from './errors.js';
import { rowUuid } from './ids.js';

const ApiKeyRef = builder.prismaObject('ApiKey', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'The first characters of the secret, to recognise the key' }),
    scopes: t.field({ type: [ApiKeyScopeEnum], resolve: (key) => key.scopes as ApiKeyScope[] }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const CreatedApiKeyRef = builder.objectRef<Awaited<ReturnType<typeof createApiKey>>>('CreatedApiKey').implement({
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, resolve: (created) => created.apiKey }),
    secret: t.exposeString('secret', { description: 'Shown this once: send it as "Authorization: Bearer <secret>"' }),
  }),
});

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  fields: (t) => ({
    name: t.string({ required: true, validate: z.string().trim().min(1, 'A key needs a name').max(100) }),
    scopes: t.field({ type: [ApiKeyScopeEnum], required: true, validate: z.array(z.string()).min(1, 'Give the key at least one scope') }),
  }),
});

const RevokeApiKeyInput = builder.inputType('RevokeApiKeyInput', {
  fields: (t) => ({ id: t.id({ required: true, validate: rowUuid('Not an API key ID') }) }),
});

builder.queryField('apiKeys', (t) =>
  t.prismaField({
    type: ['ApiKey'],
    authScopes: { reads: 'ApiKey' },
    resolve: (query, _root, _args, context) =>
      context.prisma.apiKey.findMany({ ...query, where: { organizationId: callerOf(context).organizationId }, orderBy: { createdAt: 'desc' } }),
  }),
);

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreatedApiKeyRef,
    authScopes: { can: 'manageAccess' },
    errors: { types: COMMON_ERRORS, dataField: { name: 'created' } },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    resolve: (_root, { input }, context) => createApiKey(context.prisma, callerOf(context), input),
  }),
  revokeApiKey: t.field({
    type: ApiKeyRef,
    authScopes: { can: 'manageAccess' },
    errors: { types: COMMON_ERRORS, dataField: { name: 'apiKey' } },
    args: { input: t.arg({ type: RevokeApiKeyInput, required: true }) },
    resolve: (_root, { input }, context) => revokeApiKey(context.prisma, context.credentials, callerOf(context), String(input.id)),
  }),
}));
