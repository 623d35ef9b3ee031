import { z } from 'zod';
import type { Caller } from '../domain/caller.js';
import { ThrottledError, ValidationError } from '../domain/errors.js';
import { permissionsOf } from '../domain/permissions.js';
import { logout, signIn } from '../auth/sessions.js';
import { builder } from './builder.js';
import { callerOf } from '../context.js';
import { ApiKeyScopeEnum, PermissionEnum, RoleEnum } from './enums.js';

export const ViewerRef = builder.objectRef<Caller>('Viewer').implement({
  description: 'Who is calling: a signed-in user or an API key',
  fields: (t) => ({
    name: t.exposeString('name'),
    kind: t.string({ resolve: (caller) => (caller.kind === 'user' ? 'USER' : 'API_KEY') }),
    role: t.field({ type: RoleEnum, nullable: true, resolve: (caller) => (caller.kind === 'user' ? caller.role : null) }),
    scopes: t.field({ type: [ApiKeyScopeEnum], resolve: (caller) => (caller.kind === 'apiKey' ? [...caller.scopes] : []) }),
    permissions: t.field({
      type: [PermissionEnum],
      description: 'What this caller may read directly and do, from the permission table: a client offers only these',
      resolve: (caller) => permissionsOf(caller),
    }),
    organization: t.prismaField({
      type: 'Organization',
      resolve: (query, caller, _args, context) =>
        context.prisma.organization.findUniqueOrThrow({ ...query, where: { id: caller.organizationId } }),
    }),
    technician: t.prismaField({
      type: 'Technician',
      nullable: true,
      resolve: (query, caller, _args, context) =>
        caller.kind === 'user' && caller.technicianId
          ? context.prisma.technician.findUnique({ ...query, where: { id: caller.technicianId } })
          : null,
    }),
    customer: t.prismaField({
      type: 'Customer',
      nullable: true,
      resolve: (query, caller, _args, context) =>
        caller.kind === 'user' && caller.customerId
          ? context.prisma.customer.findUnique({ ...query, where: { id: caller.customerId } })
          : null,
    }),
  }),
});

builder.prismaObject('Organization', {
  fields: (t) => ({
    name: t.exposeString('name'),
    timeZone: t.exposeString('timeZone', { description: 'IANA zone; a schedule day is a day in this zone' }),
    currency: t.exposeString('currency'),
  }),
});

const SessionRef = builder.objectRef<{ token: string; expiresAt: Date; caller: Caller }>('Session').implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Send as "Authorization: Bearer <token>"' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    viewer: t.field({ type: ViewerRef, resolve: (session) => session.caller }),
  }),
});

const LoginInput = builder.inputType('LoginInput', {
  fields: (t) => ({
    email: t.string({ required: true, validate: z.string().trim().min(1, 'Enter your email').max(320) }),
    password: t.string({ required: true, validate: z.string().min(1, 'Enter your password').max(1000) }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({ type: ViewerRef, nullable: true, resolve: (_root, _args, context) => context.caller }),
);

builder.mutationFields((t) => ({
  login: t.field({
    type: SessionRef,
    errors: { types: [ValidationError, ThrottledError], dataField: { name: 'session' } },
    args: { input: t.arg({ type: LoginInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const session = await signIn(context.prisma, context.buckets.signIn, input.email, input.password, context.client);
      // The rest of this response (the session's viewer) is read as the user who just signed in.
      context.caller = session.caller;
      return session;
    },
  }),
  logout: t.boolean({
    authScopes: { signedIn: true },
    description: 'Revokes the session token of this request',
    resolve: (_root, _args, context) => (context.token && callerOf(context).kind === 'user' ? logout(context.prisma, context.credentials, context.token) : false),
  }),
}));
