import { z } from 'zod';
import { optionalText, requiredText } from './fields.js';
import { MAX_CHARACTERS } from '../domain/text-limits.js';
import { visibleServiceTypes } from '../auth/visible-rows.js';
import { archiveServiceType, createServiceType, deleteServiceType, updateServiceType } from '../services/service-types.js';
import { builder } from './builder.js';
import { run, runAndRead } from './commands.js';
import { callerOf } from '../context.js';
import { resultOf } from './errors.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import { globalIdOf, safeRowId } from './ids.js';
import { MoneyRef } from './money.js';
import { SERVICE_DURATION_MINUTES } from '../domain/service-type.js';

export const ServiceTypeRef = builder.prismaNode('ServiceType', {
  description: 'A service the organization offers, e.g. "Synthetic oil change": what a new work order pre-fills its price and duration from',
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, context) => ({ id: safeRowId(id), AND: [visibleServiceTypes(callerOf(context))] }),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Unique in the organization' }),
    description: t.exposeString('description', { nullable: true, description: 'What the service includes; null when not written' }),
    defaultPriceMinor: t.exposeInt('defaultPriceMinor', { description: "Pre-fills a new work order's price: minor units (cents) of the organization's currency" }),
    defaultPrice: t.field({
      type: MoneyRef,
      description: 'The default price with its currency, and formatted',
      select: { defaultPriceMinor: true, organization: { select: { currency: true } } },
      resolve: (serviceType) => ({ amountMinor: serviceType.defaultPriceMinor, currency: serviceType.organization.currency }),
    }),
    defaultDurationMinutes: t.exposeInt('defaultDurationMinutes', { description: "Pre-fills a new work order's duration, in minutes" }),
    active: t.exposeBoolean('active', { description: 'False once archived: kept on old work orders, not offered for new ones' }),
  }),
});

const ServiceTypeFields = {
  name: requiredText(MAX_CHARACTERS.serviceTypeName, 'A service type needs a name'),
  description: optionalText(MAX_CHARACTERS.serviceTypeDescription),
  defaultPriceMinor: z.number().int().min(0, 'A price cannot be negative'),
  defaultDurationMinutes: z
    .number()
    .int()
    .min(SERVICE_DURATION_MINUTES.min, `At least ${SERVICE_DURATION_MINUTES.min} minutes`)
    .max(SERVICE_DURATION_MINUTES.max, `At most a day (${SERVICE_DURATION_MINUTES.max} minutes)`),
};

const CreateServiceTypeInput = builder.inputType('CreateServiceTypeInput', {
  description: 'A new service type, offered from the start',
  fields: (t) => ({
    name: t.string({ required: true, description: `A name not used by another service type, 1 to ${MAX_CHARACTERS.serviceTypeName} characters`, validate: ServiceTypeFields.name }),
    description: t.string({ description: `What it includes, at most ${MAX_CHARACTERS.serviceTypeDescription} characters`, validate: ServiceTypeFields.description }),
    defaultPriceMinor: t.int({ required: true, description: 'Minor units (cents), 0 or more', validate: ServiceTypeFields.defaultPriceMinor }),
    defaultDurationMinutes: t.int({ required: true, description: 'Minutes, 5 to 1440', validate: ServiceTypeFields.defaultDurationMinutes }),
  }),
});

const UpdateServiceTypeInput = builder.inputType('UpdateServiceTypeInput', {
  description: 'Changes to a service type (work orders already booked keep their price and duration): omitted fields keep their value',
  fields: (t) => ({
    id: t.id({ required: true, description: 'A ServiceType ID', validate: globalIdOf('ServiceType') }),
    name: t.string({ description: 'A new name not used by another service type', validate: ServiceTypeFields.name }),
    description: t.string({ description: 'A new description; null clears it', validate: ServiceTypeFields.description }),
    defaultPriceMinor: t.int({ description: 'Minor units (cents), 0 or more', validate: ServiceTypeFields.defaultPriceMinor }),
    defaultDurationMinutes: t.int({ description: 'Minutes, 5 to 1440', validate: ServiceTypeFields.defaultDurationMinutes }),
    active: t.boolean({ description: 'true restores an archived service type' }),
  }),
});

const ServiceTypeIdInput = builder.inputType('ServiceTypeIdInput', {
  description: 'One service type',
  fields: (t) => ({ id: t.id({ required: true, description: 'A ServiceType ID', validate: globalIdOf('ServiceType') }) }),
});

const DeleteServiceTypeSuccess = builder
  .objectRef<Awaited<ReturnType<typeof deleteServiceType>>>('MutationDeleteServiceTypeSuccess')
  .implement({
    description: 'deleteServiceType succeeded: the service type is gone, or archived when work orders use it',
    fields: (t) => ({
      serviceType: t.field({
        type: ServiceTypeRef,
        nullable: true,
        description: 'The archived service type, or null when it was deleted',
        resolve: (result) => result.serviceType,
      }),
      archived: t.exposeBoolean('archived', { description: 'True when work orders use it, so it was archived instead of deleted' }),
    }),
  });

builder.queryField('serviceTypes', (t) =>
  t.prismaField({
    type: ['ServiceType'],
    description: 'The service types, by name',
    authScopes: { reads: 'ServiceType' },
    args: { includeArchived: t.arg.boolean({ defaultValue: false, description: 'true lists archived service types too' }) },
    resolve: (query, _root, { includeArchived }, context) =>
      context.prisma.serviceType.findMany({
        ...query,
        where: { ...visibleServiceTypes(callerOf(context)), ...(includeArchived ? {} : { active: true }) },
        orderBy: { name: 'asc' },
      }),
  }),
);

builder.mutationFields((t) => ({
  createServiceType: t.prismaField({
    type: 'ServiceType',
    description: 'Adds a service type (needs WRITE_SETTINGS)',
    authScopes: { can: 'writeSettings' },
    errors: resultOf('createServiceType', [ValidationError, ForbiddenError], { name: 'serviceType', description: 'The service type added' }),
    args: { input: t.arg({ type: CreateServiceTypeInput, required: true, description: 'The new service type' }) },
    resolve: (query, _root, { input }, context) => runAndRead(context, createServiceType, input, (id) => context.prisma.serviceType.findUniqueOrThrow({ ...query, where: { id } })),
  }),
  updateServiceType: t.prismaField({
    type: 'ServiceType',
    description: 'Changes a service type (needs WRITE_SETTINGS)',
    authScopes: { can: 'writeSettings' },
    errors: resultOf('updateServiceType', [ValidationError, NotFoundError, ForbiddenError], { name: 'serviceType', description: 'The service type as it is now' }),
    args: { input: t.arg({ type: UpdateServiceTypeInput, required: true, description: 'The service type and its changes' }) },
    resolve: (query, _root, { input }, context) =>
      runAndRead(context, updateServiceType, { ...input, id: String(input.id) }, (id) =>
        context.prisma.serviceType.findUniqueOrThrow({ ...query, where: { id } }),
      ),
  }),
  archiveServiceType: t.prismaField({
    type: 'ServiceType',
    description: 'Stops offering a service type for new work orders; those that use it keep it (needs WRITE_SETTINGS)',
    authScopes: { can: 'writeSettings' },
    errors: resultOf('archiveServiceType', [ValidationError, NotFoundError, ForbiddenError], { name: 'serviceType', description: 'The archived service type' }),
    args: { input: t.arg({ type: ServiceTypeIdInput, required: true, description: 'The service type' }) },
    resolve: (query, _root, { input }, context) =>
      runAndRead(context, archiveServiceType, { id: String(input.id) }, (id) =>
        context.prisma.serviceType.findUniqueOrThrow({ ...query, where: { id } }),
      ),
  }),
  deleteServiceType: t.field({
    type: DeleteServiceTypeSuccess,
    description: 'Deletes a service type no work order uses; one in use is archived instead',
    authScopes: { can: 'writeSettings' },
    errors: {
      types: [ValidationError, NotFoundError, ForbiddenError],
      directResult: true,
      union: { description: 'What deleteServiceType answers: its success, or one of the errors it can return' },
    },
    args: { input: t.arg({ type: ServiceTypeIdInput, required: true, description: 'The service type' }) },
    resolve: (_root, { input }, context) => run(context, deleteServiceType, { id: String(input.id) }),
  }),
}));
