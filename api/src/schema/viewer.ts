import { z } from 'zod';
import { atMost, requiredText } from './fields.js';
import { MAX_CHARACTERS } from '../domain/text-limits.js';
import { PASSWORD_LENGTH } from '../domain/passwords.js';
import type { Caller } from '../domain/caller.js';
import { ThrottledError, ValidationError } from '../domain/errors.js';
import { permissionsOf } from '../domain/permissions.js';
import { logout, signIn } from '../auth/sessions.js';
import { builder } from './builder.js';
import { callerOf } from '../context.js';
import { ApiKeyScopeEnum, described, PermissionEnum, RoleEnum } from './enums.js';
import { resultOf } from './errors.js';

const ViewerKindEnum = builder.enumType('ViewerKind', {
  description: 'What kind of credential a request came with',
  values: described({
    USER: 'A person signed in with a session token (from login)',
    API_KEY: "A third party's API key",
  }),
});

export const ViewerRef = builder.objectRef<Caller>('Viewer').implement({
  description: 'Who is calling: a signed-in user or an API key',
  fields: (t) => ({
    name: t.exposeString('name', { description: "The user's name, or the API key's" }),
    kind: t.field({
      type: ViewerKindEnum,
      description: 'A signed-in user or an API key',
      resolve: (caller) => (caller.kind === 'user' ? 'USER' : 'API_KEY'),
    }),
    role: t.field({ type: RoleEnum, nullable: true, description: "A user's role; null for an API key", resolve: (caller) => (caller.kind === 'user' ? caller.role : null) }),
    scopes: t.field({
      type: [ApiKeyScopeEnum],
      description: "An API key's scopes; empty for a user",
      resolve: (caller) => (caller.kind === 'apiKey' ? [...caller.scopes] : []),
    }),
    permissions: t.field({
      type: [PermissionEnum],
      description: 'What this caller may read directly and do, from the permission table: a client offers only these',
      resolve: (caller) => permissionsOf(caller),
    }),
    organization: t.prismaField({
      type: 'Organization',
      description: 'The organization (tenant) the caller belongs to: every answer is about it alone',
      resolve: (query, caller, _args, context) =>
        context.prisma.organization.findUniqueOrThrow({ ...query, where: { id: caller.organizationId } }),
    }),
    technician: t.prismaField({
      type: 'Technician',
      nullable: true,
      description: 'The technician a TECHNICIAN login is; null otherwise',
      resolve: (query, caller, _args, context) =>
        caller.kind === 'user' && caller.technicianId
          ? context.prisma.technician.findUnique({ ...query, where: { id: caller.technicianId } })
          : null,
    }),
    customer: t.prismaField({
      type: 'Customer',
      nullable: true,
      description: 'The customer a CUSTOMER (fleet portal) login belongs to; null otherwise',
      resolve: (query, caller, _args, context) =>
        caller.kind === 'user' && caller.customerId
          ? context.prisma.customer.findUnique({ ...query, where: { id: caller.customerId } })
          : null,
    }),
  }),
});

builder.prismaObject('Organization', {
  description: 'The business using the product: a tenant, whose rows nobody else sees',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name' }),
    timeZone: t.exposeString('timeZone', { description: 'IANA zone, e.g. America/Chicago: a Date (a schedule day, a filter day) is a day in this zone' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 code, e.g. USD: every price is in minor units of it' }),
  }),
});

const SessionRef = builder.objectRef<{ token: string; expiresAt: Date; caller: Caller }>('Session').implement({
  description: 'A sign-in: the token to send with the next requests',
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Send as "Authorization: Bearer <token>"; shown this once' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When the token stops working (sign in again then)' }),
    viewer: t.field({ type: ViewerRef, description: 'Who signed in', resolve: (session) => session.caller }),
  }),
});

const LoginInput = builder.inputType('LoginInput', {
  description: 'An email and its password',
  fields: (t) => ({
    email: t.string({ required: true, description: 'The login\'s email, in any case', validate: requiredText(MAX_CHARACTERS.email, 'Enter your email') }),
    password: t.string({ required: true, description: 'Its password', validate: z.string().min(1, 'Enter your password').superRefine(atMost(PASSWORD_LENGTH.max)) }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    nullable: true,
    description: 'Who is calling; null without a valid credential (signed out, expired, revoked or deactivated)',
    resolve: (_root, _args, context) => context.caller,
  }),
);

builder.mutationFields((t) => ({
  login: t.field({
    type: SessionRef,
    description:
      'Signs in with an email and password. A wrong password and an unknown email get the same ValidationError; repeated failures are held back with ThrottledError',
    errors: resultOf('login', [ValidationError, ThrottledError], { name: 'session', description: 'The new session' }),
    args: { input: t.arg({ type: LoginInput, required: true, description: 'The email and password' }) },
    resolve: async (_root, { input }, context) => {
      const session = await signIn(context.prisma, context.buckets.signIn, input.email, input.password, context.client);
      // The rest of this response (the session's viewer) is read as the user who just signed in.
      context.caller = session.caller;
      return session;
    },
  }),
  logout: t.boolean({
    authScopes: { signedIn: true },
    description: 'Revokes the session token of this request and ends its live streams; false for an API key (revoke keys with revokeApiKey)',
    resolve: (_root, _args, context) => (context.token && callerOf(context).kind === 'user' ? logout(context.prisma, context.credentials, context.token) : false),
  }),
}));
