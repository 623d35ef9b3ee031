import { optionalText, requiredText } from './fields.js';
import { MAX_CHARACTERS } from '../domain/text-limits.js';
import { visibleCustomerRecords } from '../auth/visible-rows.js';
import { createServiceAddress, updateServiceAddress } from '../services/service-addresses.js';
import { builder } from './builder.js';
import { runAndRead } from './commands.js';
import { callerOf } from '../context.js';
import { resultOf } from './errors.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import { globalIdOf, safeRowId } from './ids.js';

export const ServiceAddressRef = builder.prismaNode('ServiceAddress', {
  description: "A place where a customer's vehicle is serviced. A technician sees those of their own jobs; a customer login its own",
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, context) => ({ id: safeRowId(id), AND: [visibleCustomerRecords(callerOf(context), 'ServiceAddress')] }),
  fields: (t) => ({
    label: t.exposeString('label', { description: 'What the customer calls it, e.g. "Home" or "Depot"' }),
    street: t.exposeString('street', { description: 'Street and number' }),
    city: t.exposeString('city', { description: 'City or town' }),
    region: t.exposeString('region', { nullable: true, description: 'State, province or region; null when not given' }),
    postalCode: t.exposeString('postalCode', { nullable: true, description: 'Postal code; required for new addresses, null only on some older ones' }),
    accessNotes: t.exposeString('accessNotes', {
      nullable: true,
      description: 'Gate codes, parking, where the vehicle is; null when none or when the caller may not see access notes',
    }),
    oneLine: t.string({
      description: 'e.g. "12 Main St, Chicago, IL 60601"',
      resolve: (address) =>
        [address.street, address.city, [address.region, address.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', '),
    }),
    customer: t.relation('customer', { description: 'Whose address it is' }),
  }),
});

const ServiceAddressFields = {
  label: requiredText(MAX_CHARACTERS.addressLabel, 'An address needs a label, e.g. "Home"'),
  street: requiredText(MAX_CHARACTERS.street, 'An address needs a street'),
  city: requiredText(MAX_CHARACTERS.city, 'An address needs a city'),
  region: optionalText(MAX_CHARACTERS.region),
  postalCode: requiredText(MAX_CHARACTERS.postalCode, 'An address needs a postal code'),
  accessNotes: optionalText(MAX_CHARACTERS.accessNotes),
};

const CreateServiceAddressInput = builder.inputType('CreateServiceAddressInput', {
  description: 'A new service address of a customer',
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'The Customer ID it belongs to', validate: globalIdOf('Customer') }),
    label: t.string({ required: true, description: `e.g. "Home", 1 to ${MAX_CHARACTERS.addressLabel} characters`, validate: ServiceAddressFields.label }),
    street: t.string({ required: true, description: `Street and number, 1 to ${MAX_CHARACTERS.street} characters`, validate: ServiceAddressFields.street }),
    city: t.string({ required: true, description: `City, 1 to ${MAX_CHARACTERS.city} characters`, validate: ServiceAddressFields.city }),
    region: t.string({ description: `State or region, at most ${MAX_CHARACTERS.region} characters`, validate: ServiceAddressFields.region }),
    postalCode: t.string({ required: true, description: `Postal code, 1 to ${MAX_CHARACTERS.postalCode} characters`, validate: ServiceAddressFields.postalCode }),
    accessNotes: t.string({ description: `Gate codes, parking, at most ${MAX_CHARACTERS.accessNotes} characters`, validate: ServiceAddressFields.accessNotes }),
  }),
});

const UpdateServiceAddressInput = builder.inputType('UpdateServiceAddressInput', {
  description: 'Changes to a service address: omitted fields keep their value, null clears an optional one',
  fields: (t) => ({
    id: t.id({ required: true, description: 'A ServiceAddress ID', validate: globalIdOf('ServiceAddress') }),
    label: t.string({ description: `A new label, 1 to ${MAX_CHARACTERS.addressLabel} characters`, validate: ServiceAddressFields.label }),
    street: t.string({ description: `A new street, 1 to ${MAX_CHARACTERS.street} characters`, validate: ServiceAddressFields.street }),
    city: t.string({ description: `A new city, 1 to ${MAX_CHARACTERS.city} characters`, validate: ServiceAddressFields.city }),
    region: t.string({ description: `A new region, at most ${MAX_CHARACTERS.region} characters; null clears it`, validate: ServiceAddressFields.region }),
    postalCode: t.string({ description: `A new postal code, 1 to ${MAX_CHARACTERS.postalCode} characters (it cannot be cleared)`, validate: ServiceAddressFields.postalCode }),
    accessNotes: t.string({ description: `New access notes, at most ${MAX_CHARACTERS.accessNotes} characters; null clears them`, validate: ServiceAddressFields.accessNotes }),
  }),
});

builder.mutationFields((t) => ({
  createServiceAddress: t.prismaField({
    type: 'ServiceAddress',
    description: 'Adds a service address to a customer (needs WRITE_CUSTOMERS)',
    authScopes: { can: 'writeCustomers' },
    errors: resultOf('createServiceAddress', [ValidationError, NotFoundError, ForbiddenError], { name: 'serviceAddress', description: 'The address added' }),
    args: { input: t.arg({ type: CreateServiceAddressInput, required: true, description: 'The new address' }) },
    resolve: (query, _root, { input }, context) =>
      runAndRead(context, createServiceAddress, { ...input, customerId: String(input.customerId) }, (id) =>
        context.prisma.serviceAddress.findUniqueOrThrow({ ...query, where: { id } }),
      ),
  }),
  updateServiceAddress: t.prismaField({
    type: 'ServiceAddress',
    description: 'Changes a service address (needs WRITE_CUSTOMERS)',
    authScopes: { can: 'writeCustomers' },
    errors: resultOf('updateServiceAddress', [ValidationError, NotFoundError, ForbiddenError], { name: 'serviceAddress', description: 'The address as it is now' }),
    args: { input: t.arg({ type: UpdateServiceAddressInput, required: true, description: 'The address and its changes' }) },
    resolve: (query, _root, { input }, context) =>
      runAndRead(context, updateServiceAddress, { ...input, id: String(input.id) }, (id) =>
        context.prisma.serviceAddress.findUniqueOrThrow({ ...query, where: { id } }),
      ),
  }),
}));
