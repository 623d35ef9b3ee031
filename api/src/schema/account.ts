import { z } from 'zod';
import { ForbiddenError, NotFoundError, ThrottledError, ValidationError } from '../domain/errors.js';
import { hashSecret } from '../auth/secrets.js';
import { changePassword, endSession, liveSessionsOf } from '../services/account.js';
import { builder } from './builder.js';
import { callerOf, type Context } from '../context.js';
import { ViewerRef } from './viewer.js';

builder.prismaObject('Session', {
  name: 'ActiveSession',
  description: 'A sign-in of the viewer that still works',
  fields: (t) => ({
    id: t.exposeID('id'),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was signed in' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', description: 'To the minute' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    userAgent: t.exposeString('userAgent', { nullable: true, description: 'The browser or program that signed in' }),
    current: t.boolean({
      description: 'Whether this request came with this session',
      resolve: (session, _args, context) => context.token !== null && session.tokenHash === hashSecret(context.token),
    }),
  }),
});

builder.objectField(ViewerRef, 'sessions', (t) =>
  t.prismaField({
    type: ['Session'],
    authScopes: { signedIn: true },
    description: 'The live sessions of a signed-in user (none for an API key), the most recently used first',
    resolve: (query, caller, _args, context) => liveSessionsOf(context.prisma, caller, query),
  }),
);

const ChangePasswordInput = builder.inputType('ChangePasswordInput', {
  fields: (t) => ({
    currentPassword: t.string({ required: true, validate: z.string().max(1000) }),
    newPassword: t.string({ required: true, validate: z.string().max(1000) }),
  }),
});

const EndSessionInput = builder.inputType('EndSessionInput', {
  fields: (t) => ({ id: t.id({ required: true, validate: z.uuid('Not a session ID').transform((id) => id.toLowerCase()) }) }),
});

const accountServices = (context: Context) => ({ prisma: context.prisma, credentials: context.credentials, limiter: context.buckets.signIn });

builder.mutationFields((t) => ({
  changePassword: t.field({
    type: 'Int',
    authScopes: { signedIn: true },
    description: 'Sets a new password and ends every other session of the user; answers how many it ended',
    errors: { types: [ValidationError, ThrottledError, ForbiddenError], dataField: { name: 'endedSessions' } },
    args: { input: t.arg({ type: ChangePasswordInput, required: true }) },
    resolve: (_root, { input }, context) => changePassword(accountServices(context), callerOf(context), context.token, context.client, input),
  }),
  endSession: t.prismaField({
    type: 'Session',
    authScopes: { signedIn: true },
    description: 'Ends one of your own sessions (ending the current one signs this client out)',
    errors: { types: [ValidationError, NotFoundError, ForbiddenError], dataField: { name: 'session' } },
    args: { input: t.arg({ type: EndSessionInput, required: true }) },
    resolve: (_query, _root, { input }, context) => endSession(accountServices(context), callerOf(context), context.token, String(input.id)),
  }),
}));
