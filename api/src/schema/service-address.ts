import { z } from 'zod';
import { customerOwnedScope } from '../auth/scopes.js';
import { createServiceAddress, updateServiceAddress } from '../services/service-addresses.js';
import { builder } from './builder.js';
import { optionalText } from './fields.js';
import { callerOf } from '../context.js';
import { COMMON_ERRORS } from './errors.js';
import { globalIdOf, safeRowId } from './ids.js';

export const ServiceAddressRef = builder.prismaNode('ServiceAddress', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, context) => ({ id: safeRowId(id), AND: [customerOwnedScope(callerOf(context), 'ServiceAddress')] }),
  fields: (t) => ({
    label: t.exposeString('label', { description: 'e.g. "Home" or "Depot"' }),
    street: t.exposeString('street'),
    city: t.exposeString('city'),
    region: t.exposeString('region', { nullable: true }),
    postalCode: t.exposeString('postalCode', { nullable: true }),
    accessNotes: t.exposeString('accessNotes', { nullable: true, description: 'Gate codes, parking, where the vehicle is' }),
    oneLine: t.string({
      description: 'e.g. "12 Main St, Chicago, IL 60601"',
      resolve: (address) =>
        [address.street, address.city, [address.region, address.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', '),
    }),
    customer: t.relation('customer'),
  }),
});

const requiredText = (max: number, message: string) => z.string().trim().min(1, message).max(max);

const ServiceAddressFields = {
  label: requiredText(80, 'An address needs a label, e.g. "Home"'),
  street: requiredText(200, 'An address needs a street'),
  city: requiredText(100, 'An address needs a city'),
  region: optionalText(100),
  postalCode: requiredText(20, 'An address needs a postal code'),
  accessNotes: optionalText(2000),
};

const CreateServiceAddressInput = builder.inputType('CreateServiceAddressInput', {
  fields: (t) => ({
    customerId: t.id({ required: true, validate: globalIdOf('Customer') }),
    label: t.string({ required: true, validate: ServiceAddressFields.label }),
    street: t.string({ required: true, validate: ServiceAddressFields.street }),
    city: t.string({ required: true, validate: ServiceAddressFields.city }),
    region: t.string({ validate: ServiceAddressFields.region }),
    postalCode: t.string({ required: true, validate: ServiceAddressFields.postalCode }),
    accessNotes: t.string({ validate: ServiceAddressFields.accessNotes }),
  }),
});

const UpdateServiceAddressInput = builder.inputType('UpdateServiceAddressInput', {
  fields: (t) => ({
    id: t.id({ required: true, validate: globalIdOf('ServiceAddress') }),
    label: t.string({ validate: ServiceAddressFields.label }),
    street: t.string({ validate: ServiceAddressFields.street }),
    city: t.string({ validate: ServiceAddressFields.city }),
    region: t.string({ validate: ServiceAddressFields.region }),
    postalCode: t.string({ validate: ServiceAddressFields.postalCode }),
    accessNotes: t.string({ validate: ServiceAddressFields.accessNotes }),
  }),
});

const result = { types: COMMON_ERRORS, dataField: { name: 'serviceAddress' } };

builder.mutationFields((t) => ({
  createServiceAddress: t.prismaField({
    type: 'ServiceAddress',
    authScopes: { can: 'writeCustomers' },
    errors: result,
    args: { input: t.arg({ type: CreateServiceAddressInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      createServiceAddress(context.prisma, callerOf(context), { ...input, customerId: String(input.customerId) }, query),
  }),
  updateServiceAddress: t.prismaField({
    type: 'ServiceAddress',
    authScopes: { can: 'writeCustomers' },
    errors: result,
    args: { input: t.arg({ type: UpdateServiceAddressInput, required: true }) },
    resolve: (query, _root, { input: { id, ...changes } }, context) =>
      updateServiceAddress(context.prisma, callerOf(context), String(id), changes, query),
  }),
}));
