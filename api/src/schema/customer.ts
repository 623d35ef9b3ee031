import { z } from 'zod';
import { atMost, email, optionalText, requiredText } from './fields.js';
import { MAX_CHARACTERS } from '../domain/text-limits.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import { visibleCustomerRecords, visibleCustomers, visibleWorkOrders } from '../auth/visible-rows.js';
import { containsText } from '../db/text-match.js';
import { createCustomer, updateCustomer } from '../services/customers.js';
import { builder } from './builder.js';
import { runAndRead } from './commands.js';
import { connectionType, keysetConnection } from './connection.js';
import { callerOf, type Context } from '../context.js';
import { resultOf } from './errors.js';
import { globalIdOf, safeRowId } from './ids.js';
import { orderArgument } from './ordering.js';
import { WorkOrderConnectionRef, WorkOrderRef } from './work-order.js';

/** A customer's work orders, latest window first. */
const customerWorkOrderPages = keysetConnection('Customer.workOrders', [
  { field: 'windowStart', direction: 'desc', kind: 'timestamp' },
  { field: 'id', direction: 'asc', kind: 'text' },
]);

/** The where of a customer's work orders, for the page and for its count alike. */
const customerWorkOrdersWhere = (context: Context) => visibleWorkOrders(callerOf(context));

export const CustomerRef = builder.prismaNode('Customer', {
  description:
    "A person or business the organization services. The office and read keys see all of them; a technician the customers of their own jobs; a customer login only its own",
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, context) => ({ id: safeRowId(id), AND: [visibleCustomers(callerOf(context))] }),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The name people know them by' }),
    email: t.exposeString('email', { nullable: true, description: 'Contact email; null when unknown or when the caller may not see customer contact' }),
    phone: t.exposeString('phone', { nullable: true, description: 'Contact phone, as entered; null when unknown or when the caller may not see customer contact' }),
    company: t.exposeString('company', { nullable: true, description: 'The company, for a business customer; null otherwise' }),
    isFleet: t.exposeBoolean('isFleet', { description: 'A fleet account: a business with several vehicles, which may have portal logins' }),
    vehicles: t.relation('vehicles', {
      description: "The customer's vehicles the caller may see (a technician: those of their own jobs), oldest first",
      query: (_args, context) => ({ where: visibleCustomerRecords(callerOf(context), 'Vehicle'), orderBy: { createdAt: 'asc' } }),
    }),
    addresses: t.relation('addresses', {
      description: "The customer's service addresses the caller may see (a technician: those of their own jobs), oldest first",
      query: (_args, context) => ({ where: visibleCustomerRecords(callerOf(context), 'ServiceAddress'), orderBy: { createdAt: 'asc' } }),
    }),
    workOrders: t.connection(
      {
        type: WorkOrderRef,
        nullable: true,
        description: "The customer's work orders the caller may see, latest window first; null for a caller who may read customers but not their work orders",
        select: (args, context, nestedSelection) => ({
          workOrders: customerWorkOrderPages.relationQuery(args, context, nestedSelection, customerWorkOrdersWhere(context)),
        }),
        resolve: (customer, args, context) =>
          customerWorkOrderPages.relationConnection(customer.workOrders, args, context, customer.id, () =>
            context.prisma.workOrder.count({ where: { AND: [{ customerId: customer.id }, customerWorkOrdersWhere(context)] } }),
          ),
      },
      WorkOrderConnectionRef,
    ),
  }),
});

const CustomerConnectionRef = connectionType(CustomerRef, 'Customer', 'customers');

/** The typeahead: part of the name, email or phone. */
function searchWhere(search: string | null | undefined) {
  const text = search?.trim();
  return text ? { OR: (['name', 'email', 'phone'] as const).map((field) => ({ [field]: containsText(text) })) } : {};
}

const customerOrder = orderArgument(
  'Customer',
  'customers',
  {
    NAME: { key: { field: 'name', kind: 'text' }, description: 'By name (the default)' },
    CREATED_AT: { key: { field: 'createdAt', kind: 'timestamp' }, description: 'By when the customer was added' },
  },
  'NAME',
);

const customerPages = keysetConnection('Query.customers', customerOrder.resolve(null).order);

const CustomerFields = {
  name: requiredText(MAX_CHARACTERS.customerName, 'A customer needs a name'),
  email: email().nullish(),
  phone: optionalText(MAX_CHARACTERS.phone),
  company: optionalText(MAX_CHARACTERS.company),
};

const CreateCustomerInput = builder.inputType('CreateCustomerInput', {
  description: 'A new customer',
  fields: (t) => ({
    name: t.string({ required: true, description: `The name people know them by, 1 to ${MAX_CHARACTERS.customerName} characters`, validate: CustomerFields.name }),
    email: t.string({ description: `An email address, at most ${MAX_CHARACTERS.email} characters`, validate: CustomerFields.email }),
    phone: t.string({ description: `A phone number as people write it, at most ${MAX_CHARACTERS.phone} characters`, validate: CustomerFields.phone }),
    company: t.string({ description: `The company, at most ${MAX_CHARACTERS.company} characters`, validate: CustomerFields.company }),
    isFleet: t.boolean({ description: 'A fleet account; false when omitted' }),
  }),
});

const UpdateCustomerInput = builder.inputType('UpdateCustomerInput', {
  description: 'Changes to a customer: omitted fields keep their value, null clears an optional one',
  fields: (t) => ({
    id: t.id({ required: true, description: 'A Customer ID', validate: globalIdOf('Customer') }),
    name: t.string({ description: `A new name, 1 to ${MAX_CHARACTERS.customerName} characters`, validate: CustomerFields.name }),
    email: t.string({ description: 'A new email address; null clears it', validate: CustomerFields.email }),
    phone: t.string({ description: 'A new phone number; null clears it', validate: CustomerFields.phone }),
    company: t.string({ description: 'A new company; null clears it', validate: CustomerFields.company }),
    isFleet: t.boolean({ description: 'Whether it is a fleet account' }),
  }),
});

builder.queryFields((t) => ({
  customers: t.connection(
    {
      type: CustomerRef,
      description: 'The customers the caller may see, a page at a time',
      authScopes: { reads: 'Customer' },
      args: {
        search: t.arg.string({ description: `Part of the name, email or phone (the typeahead), at most ${MAX_CHARACTERS.search} characters`, validate: z.string().superRefine(atMost(MAX_CHARACTERS.search)) }),
        orderBy: t.arg({
          type: customerOrder.input,
          description: 'The order of the list; by name when omitted or null',
          defaultValue: customerOrder.defaultValue,
        }),
      },
      resolve: (_root, args, context, info) => {
        const { name, order } = customerOrder.resolve(args.orderBy);
        const where = { AND: [visibleCustomers(callerOf(context)), searchWhere(args.search)] };
        return customerPages.resolve({ args, context, info, listArgs: { search: args.search, orderBy: name }, where, order }, {
          findMany: (query) => context.prisma.customer.findMany(query),
          count: (visible) => context.prisma.customer.count({ where: visible }),
        });
      },
    },
    CustomerConnectionRef,
  ),
}));

builder.mutationFields((t) => ({
  createCustomer: t.prismaField({
    type: 'Customer',
    description: 'Adds a customer (needs WRITE_CUSTOMERS)',
    authScopes: { can: 'writeCustomers' },
    errors: resultOf('createCustomer', [ValidationError, ForbiddenError], { name: 'customer', description: 'The customer added' }),
    args: { input: t.arg({ type: CreateCustomerInput, required: true, description: 'The new customer' }) },
    resolve: (query, _root, { input }, context) => runAndRead(context, createCustomer, input, (id) => context.prisma.customer.findUniqueOrThrow({ ...query, where: { id } })),
  }),
  updateCustomer: t.prismaField({
    type: 'Customer',
    description: 'Changes a customer (needs WRITE_CUSTOMERS)',
    authScopes: { can: 'writeCustomers' },
    errors: resultOf('updateCustomer', [ValidationError, NotFoundError, ForbiddenError], { name: 'customer', description: 'The customer as it is now' }),
    args: { input: t.arg({ type: UpdateCustomerInput, required: true, description: 'The customer and its changes' }) },
    resolve: (query, _root, { input }, context) =>
      runAndRead(context, updateCustomer, { ...input, id: String(input.id) }, (id) => context.prisma.customer.findUniqueOrThrow({ ...query, where: { id } })),
  }),
}));
