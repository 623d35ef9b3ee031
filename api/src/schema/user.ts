import { z } from 'zod';
import { mayChangeLogin } from '../domain/logins.js';
import { createUser, updateUser } from '../services/users.js';
import { builder } from './builder.js';
import { callerOf } from '../context.js';
import { RoleEnum } from './enums.js';
import { COMMON_ERRORS } from './errors.js';
import { globalIdOf } from './ids.js';

/** The validated technician and customer IDs of an input, as row ids. */
const linksOf = (input: { technicianId?: string | number | null; customerId?: string | number | null }) => ({
  technicianId: input.technicianId == null ? input.technicianId : String(input.technicianId),
  customerId: input.customerId == null ? input.customerId : String(input.customerId),
});

builder.prismaObject('User', {
  description: 'A login of the organization',
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    role: t.expose('role', { type: RoleEnum }),
    technician: t.relation('technician', { nullable: true }),
    customer: t.relation('customer', { nullable: true }),
    active: t.boolean({ description: 'False once an admin deactivated the login', resolve: (user) => user.deactivatedAt === null }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    canChange: t.boolean({
      description: "Whether the viewer may change this login's role or deactivate it",
      resolve: (user, _args, context) => mayChangeLogin(callerOf(context), user.id),
    }),
  }),
});

const UpdateUserInput = builder.inputType('UpdateUserInput', {
  description: "Changes a login's role or deactivates it; either ends its sessions. Omitted fields keep their value.",
  fields: (t) => ({
    id: t.id({ required: true, validate: z.uuid('Not a user ID') }),
    role: t.field({ type: RoleEnum, description: 'A TECHNICIAN or CUSTOMER role needs technicianId or customerId' }),
    technicianId: t.id({ validate: globalIdOf('Technician').nullish() }),
    customerId: t.id({ validate: globalIdOf('Customer').nullish() }),
    active: t.boolean({ description: 'false deactivates the login, true lets it sign in again' }),
  }),
});

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    email: t.string({ required: true, validate: z.email('Not an email address').max(320) }),
    name: t.string({ required: true, validate: z.string().trim().min(1, 'A login needs a name').max(200) }),
    role: t.field({ type: RoleEnum, required: true }),
    password: t.string({ required: true, validate: z.string().max(1000) }),
    technicianId: t.id({ description: 'For a TECHNICIAN login', validate: globalIdOf('Technician').nullish() }),
    customerId: t.id({ description: 'For a CUSTOMER login (fleet portal)', validate: globalIdOf('Customer').nullish() }),
  }),
});

builder.queryField('users', (t) =>
  t.prismaField({
    type: ['User'],
    authScopes: { reads: 'User' },
    resolve: (query, _root, _args, context) =>
      context.prisma.user.findMany({ ...query, where: { organizationId: callerOf(context).organizationId }, orderBy: [{ role: 'asc' }, { name: 'asc' }] }),
  }),
);

builder.mutationField('createUser', (t) =>
  t.prismaField({
    type: 'User',
    authScopes: { can: 'manageAccess' },
    errors: { types: COMMON_ERRORS, dataField: { name: 'user' } },
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      createUser(context.prisma, callerOf(context), { ...input, ...linksOf(input) }, query),
  }),
);

builder.mutationField('updateUser', (t) =>
  t.prismaField({
    type: 'User',
    authScopes: { can: 'manageAccess' },
    errors: { types: COMMON_ERRORS, dataField: { name: 'user' } },
    args: { input: t.arg({ type: UpdateUserInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      updateUser(context.prisma, context.credentials, callerOf(context), { ...input, id: String(input.id), ...linksOf(input) }, query),
  }),
);
