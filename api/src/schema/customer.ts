import { z } from 'zod';
import { customerOwnedScope, customerScope, workOrderScope } from '../auth/scopes.js';
import { createCustomer, updateCustomer } from '../services/customers.js';
import { builder } from './builder.js';
import { optionalText } from './fields.js';
import { callerOf } from './context.js';
import { COMMON_ERRORS } from './errors.js';
import { globalIdOf, safeRowId } from './ids.js';

export const CustomerRef = builder.prismaNode('Customer', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, context) => ({ id: safeRowId(id), AND: [customerScope(callerOf(context))] }),
  fields: (t) => ({
    name: t.exposeString('name'),
    email: t.exposeString('email', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true }),
    company: t.exposeString('company', { nullable: true }),
    isFleet: t.exposeBoolean('isFleet'),
    vehicles: t.relation('vehicles', {
      query: (_args, context) => ({ where: customerOwnedScope(callerOf(context), 'Vehicle'), orderBy: { createdAt: 'asc' } }),
    }),
    addresses: t.relation('addresses', {
      query: (_args, context) => ({ where: customerOwnedScope(callerOf(context), 'ServiceAddress'), orderBy: { createdAt: 'asc' } }),
    }),
    workOrders: t.relatedConnection('workOrders', {
      cursor: 'id',
      nullable: true,
      description: 'Null for a caller who may read customers but not work orders',
      query: (_args, context) => ({ where: workOrderScope(callerOf(context)), orderBy: [{ windowStart: 'desc' }, { id: 'asc' }] }),
    }),
  }),
});


const CustomerFields = {
  name: z.string().trim().min(1, 'A customer needs a name').max(200),
  email: z.email('Not an email address').max(320).nullish(),
  phone: optionalText(40),
  company: optionalText(200),
};

const CreateCustomerInput = builder.inputType('CreateCustomerInput', {
  fields: (t) => ({
    name: t.string({ required: true, validate: CustomerFields.name }),
    email: t.string({ validate: CustomerFields.email }),
    phone: t.string({ validate: CustomerFields.phone }),
    company: t.string({ validate: CustomerFields.company }),
    isFleet: t.boolean(),
  }),
});

const UpdateCustomerInput = builder.inputType('UpdateCustomerInput', {
  fields: (t) => ({
    id: t.id({ required: true, validate: globalIdOf('Customer') }),
    name: t.string({ validate: CustomerFields.name }),
    email: t.string({ validate: CustomerFields.email }),
    phone: t.string({ validate: CustomerFields.phone }),
    company: t.string({ validate: CustomerFields.company }),
    isFleet: t.boolean(),
  }),
});

builder.queryFields((t) => ({
  customers: t.prismaConnection({
    type: 'Customer',
    cursor: 'id',
    authScopes: { reads: 'Customer' },
    args: { search: t.arg.string({ description: 'Part of the name, email or phone (the typeahead)', validate: z.string().max(100) }) },
    resolve: (query, _root, { search }, context) =>
      context.prisma.customer.findMany({
        ...query,
        where: {
          ...customerScope(callerOf(context)),
          ...(search?.trim()
            ? { OR: (['name', 'email', 'phone'] as const).map((field) => ({ [field]: { contains: search.trim(), mode: 'insensitive' as const } })) }
            : {}),
        },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      }),
  }),
}));

builder.mutationFields((t) => ({
  createCustomer: t.prismaField({
    type: 'Customer',
    authScopes: { can: 'writeCustomers' },
    errors: { types: COMMON_ERRORS, dataField: { name: 'customer' } },
    args: { input: t.arg({ type: CreateCustomerInput, required: true }) },
    resolve: (query, _root, { input }, context) => createCustomer(context.prisma, callerOf(context), input, query),
  }),
  updateCustomer: t.prismaField({
    type: 'Customer',
    authScopes: { can: 'writeCustomers' },
    errors: { types: COMMON_ERRORS, dataField: { name: 'customer' } },
    args: { input: t.arg({ type: UpdateCustomerInput, required: true }) },
    resolve: (query, _root, { input: { id, ...changes } }, context) =>
      updateCustomer(context.prisma, callerOf(context), String(id), changes, query),
  }),
}));
