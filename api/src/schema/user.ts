import { email, requiredText } from './fields.js';
import { MAX_CHARACTERS } from '../domain/text-limits.js';
import { PASSWORD_LENGTH } from '../domain/passwords.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import { mayChangeLogin } from '../domain/logins.js';
import { createUser, updateUser } from '../services/users.js';
import { builder } from './builder.js';
import { runAndRead } from './commands.js';
import { callerOf } from '../context.js';
import { RoleEnum } from './enums.js';
import { resultOf } from './errors.js';
import { globalIdOf, safeRowId } from './ids.js';
import { visibleUsers } from '../auth/visible-rows.js';
import { MAX_LOGINS } from '../domain/list-bounds.js';
import { LIST_BOUND } from '../limits/cost.js';

/** The validated technician and customer IDs of an input, as row ids. */
const linksOf = (input: { technicianId?: string | number | null; customerId?: string | number | null }) => ({
  technicianId: input.technicianId == null ? input.technicianId : String(input.technicianId),
  customerId: input.customerId == null ? input.customerId : String(input.customerId),
});

builder.prismaNode('User', {
  description: 'A login of the organization: a person who signs in with an email and a password. Only admins read logins',
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, context) => ({ id: safeRowId(id), AND: [visibleUsers(callerOf(context))] }),
  fields: (t) => ({
    email: t.exposeString('email', { description: 'What they sign in with, in lower case; one login per email in the whole product' }),
    name: t.exposeString('name', { description: 'Their name, as shown to colleagues' }),
    role: t.expose('role', { type: RoleEnum, description: 'What the login may do (see Viewer.permissions for the detail)' }),
    technician: t.relation('technician', { nullable: true, description: 'The technician a TECHNICIAN login is; null for other roles' }),
    customer: t.relation('customer', { nullable: true, description: 'The customer a CUSTOMER (fleet portal) login belongs to; null for other roles' }),
    active: t.boolean({ description: 'False once an admin deactivated the login: it cannot sign in', resolve: (user) => user.deactivatedAt === null }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the login was made' }),
    canChange: t.boolean({
      description: "Whether the caller may change this login's role or deactivate it",
      resolve: (user, _args, context) => mayChangeLogin(callerOf(context), user.id),
    }),
  }),
});

const UpdateUserInput = builder.inputType('UpdateUserInput', {
  description: "Changes a login's role or deactivates it; either ends its sessions. Omitted fields keep their value.",
  fields: (t) => ({
    id: t.id({ required: true, description: 'A User ID', validate: globalIdOf('User') }),
    role: t.field({ type: RoleEnum, description: 'A new role; a TECHNICIAN or CUSTOMER role needs technicianId or customerId' }),
    technicianId: t.id({ description: 'The Technician a TECHNICIAN login is', validate: globalIdOf('Technician').nullish() }),
    customerId: t.id({ description: 'The Customer a CUSTOMER login belongs to', validate: globalIdOf('Customer').nullish() }),
    active: t.boolean({ description: 'false deactivates the login, true lets it sign in again' }),
  }),
});

const CreateUserInput = builder.inputType('CreateUserInput', {
  description: 'A new login; hand its first password to the person, who can change it on their account',
  fields: (t) => ({
    email: t.string({ required: true, description: `An email address not used by any login yet, at most ${MAX_CHARACTERS.email} characters`, validate: email() }),
    name: t.string({ required: true, description: `Their name, 1 to ${MAX_CHARACTERS.userName} characters`, validate: requiredText(MAX_CHARACTERS.userName, 'A login needs a name') }),
    role: t.field({ type: RoleEnum, required: true, description: 'What the login may do' }),
    password: t.string({
      required: true,
      description: `The first password: ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters, not one repeated character, not the email or its name part`,
    }),
    technicianId: t.id({ description: 'The Technician a TECHNICIAN login is (required for that role)', validate: globalIdOf('Technician').nullish() }),
    customerId: t.id({ description: 'The Customer a CUSTOMER login (fleet portal) belongs to (required for that role)', validate: globalIdOf('Customer').nullish() }),
  }),
});

builder.queryField('users', (t) =>
  t.prismaField({
    type: ['User'],
    description: `The organization's logins, by role then name (admins only): all of them, at most ${MAX_LOGINS}`,
    authScopes: { reads: 'User' },
    extensions: { [LIST_BOUND]: MAX_LOGINS },
    resolve: (query, _root, _args, context) =>
      context.prisma.user.findMany({
        ...query,
        where: { organizationId: callerOf(context).organizationId },
        orderBy: [{ role: 'asc' }, { name: 'asc' }],
        take: MAX_LOGINS,
      }),
  }),
);

builder.mutationField('createUser', (t) =>
  t.prismaField({
    type: 'User',
    description: 'Makes a login (admins only)',
    authScopes: { can: 'manageAccess' },
    errors: resultOf('createUser', [ValidationError, ForbiddenError], { name: 'user', description: 'The login made' }),
    args: { input: t.arg({ type: CreateUserInput, required: true, description: 'The new login' }) },
    resolve: (query, _root, { input }, context) =>
      runAndRead(context, createUser, { ...input, ...linksOf(input) }, (id) => context.prisma.user.findUniqueOrThrow({ ...query, where: { id } })),
  }),
);

builder.mutationField('updateUser', (t) =>
  t.prismaField({
    type: 'User',
    description: "Changes a login's role or deactivates it, ending its sessions (admins only; not their own login)",
    authScopes: { can: 'manageAccess' },
    errors: resultOf('updateUser', [ValidationError, NotFoundError, ForbiddenError], { name: 'user', description: 'The login as it is now' }),
    args: { input: t.arg({ type: UpdateUserInput, required: true, description: 'The login and its changes' }) },
    resolve: (query, _root, { input }, context) =>
      runAndRead(context, updateUser, { ...input, id: String(input.id), ...linksOf(input) }, (id) =>
        context.prisma.user.findUniqueOrThrow({ ...query, where: { id } }),
      ),
  }),
);
