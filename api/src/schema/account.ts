import { z } from 'zod';
import { atMost } from './fields.js';
import { PASSWORD_LENGTH } from '../domain/passwords.js';
import { ForbiddenError, NotFoundError, ThrottledError, ValidationError } from '../domain/errors.js';
import { hashSecret } from '../auth/secrets.js';
import { changePassword, endOtherSessionsOf, endSessionOf, liveSessionsOf } from '../services/account.js';
import { builder } from './builder.js';
import { callerOf, type Context } from '../context.js';
import { resultOf } from './errors.js';
import { ViewerRef } from './viewer.js';

builder.prismaObject('Session', {
  name: 'ActiveSession',
  description: 'A sign-in of the caller that still works',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The session\'s id: pass it to endSession' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was signed in' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', description: 'To the minute' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When it stops working' }),
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
  description: 'The password now and the one to set',
  fields: (t) => ({
    currentPassword: t.string({ required: true, description: 'The password now (wrong attempts are throttled like sign-in)', validate: z.string().superRefine(atMost(PASSWORD_LENGTH.max)) }),
    newPassword: t.string({
      required: true,
      description: `The new password: ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters, not one repeated character, not the current one, not the email or its name part`,
    }),
  }),
});

const EndSessionInput = builder.inputType('EndSessionInput', {
  description: 'One of your sessions',
  fields: (t) => ({ id: t.id({ required: true, description: 'An ActiveSession id (from viewer.sessions)', validate: z.uuid('Not a session ID').transform((id) => id.toLowerCase()) }) }),
});

const accountServices = (context: Context) => ({ prisma: context.prisma, credentials: context.credentials, limiter: context.buckets.signIn });

builder.mutationFields((t) => ({
  changePassword: t.field({
    type: 'Int',
    authScopes: { signedIn: true },
    description: 'Sets a new password and ends every other session of the user; answers how many it ended',
    errors: resultOf('changePassword', [ValidationError, ThrottledError, ForbiddenError], {
      name: 'endedSessions',
      description: 'How many other sessions it ended',
    }),
    args: { input: t.arg({ type: ChangePasswordInput, required: true, description: 'The current and the new password' }) },
    resolve: (_root, { input }, context) => changePassword(accountServices(context), callerOf(context), context.token, context.client, input),
  }),
  endSession: t.prismaField({
    type: 'Session',
    authScopes: { signedIn: true },
    description: 'Ends one of your own sessions (ending the current one signs this client out)',
    errors: resultOf('endSession', [ValidationError, NotFoundError, ForbiddenError], { name: 'session', description: 'The session ended' }),
    args: { input: t.arg({ type: EndSessionInput, required: true, description: 'The session' }) },
    resolve: (_query, _root, { input }, context) => endSessionOf(context, callerOf(context), context.token, String(input.id)),
  }),
  endOtherSessions: t.field({
    type: 'Int',
    authScopes: { signedIn: true },
    description: 'Ends every session of yours but the one making this request ("sign out all other sessions"); answers how many it ended',
    errors: resultOf('endOtherSessions', [ForbiddenError], { name: 'endedSessions', description: 'How many other sessions it ended' }),
    resolve: (_root, _args, context) => endOtherSessionsOf(context, callerOf(context), context.token),
  }),
}));
