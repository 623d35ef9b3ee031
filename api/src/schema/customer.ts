import { z } from 'zod';
import { customerOwnedScope, customerScope, workOrderScope } from '../auth/scopes.js';
import { containsText } from '../db/text-match.js';
import { createCustomer, updateCustomer } from '../services/customers.js';
import { builder } from './builder.js';
import { keysetConnection } from './connection.js';
import { optionalText } from './fields.js';
import { callerOf } from '../context.js';
import { COMMON_ERRORS } from './errors.js';
import { globalIdOf, safeRowId } from './ids.js';
import { WorkOrderRef } from './work-order.js';

/** A customer's work orders, latest window first. */
const customerWorkOrderPages = keysetConnection('Customer.workOrders', [
  { field: 'windowStart', direction: 'desc', kind: 'timestamp' },
  { field: 'id', direction: 'asc', kind: 'text' },
]);

/** Customers by name. */
const customerPages = keysetConnection('Query.customers', [
  { field: 'name', direction: 'asc', kind: 'text' },
  { field: 'id', direction: 'asc', kind: 'text' },
]);

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
    workOrders: t.connection({
      type: WorkOrderRef,
      nullable: true,
      description: 'Null for a caller who may read customers but not work orders',
      select: (args, context, nestedSelection) => ({
        workOrders: customerWorkOrderPages.relationQuery(args, context, nestedSelection, workOrderScope(callerOf(context))),
      }),
      resolve: (customer, args, context) => customerWorkOrderPages.relationConnection(customer.workOrders, args, context),
    }),
  }),
});


/** The typeahead: part of the name, email or phone. */
function searchWhere(search: string | null | undefined) {
  const text = search?.trim();
  return text ? { OR: (['name', 'email', 'phone'] as const).map((field) => ({ [field]: containsText(text) })) } : {};
}

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
  customers: t.connection({
    type: CustomerRef,
    authScopes: { reads: 'Customer' },
    args: { search: t.arg.string({ description: 'Part of the name, email or phone (the typeahead)', validate: z.string().max(100) }) },
    resolve: (_root, args, context, info) =>
      customerPages.resolve({ args, context, info, listArgs: { search: args.search } }, ({ where, ...page }) =>
        context.prisma.customer.findMany({ ...page, where: { AND: [customerScope(callerOf(context)), searchWhere(args.search), where] } }),
      ),
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
