import { z } from 'zod';
import { serviceTypeScope } from '../auth/scopes.js';
import { archiveServiceType, createServiceType, deleteServiceType, updateServiceType } from '../services/service-types.js';
import { builder } from './builder.js';
import { callerOf } from '../context.js';
import { COMMON_ERRORS } from './errors.js';
import { globalIdOf, safeRowId } from './ids.js';
import { MoneyRef } from './money.js';

export const ServiceTypeRef = builder.prismaNode('ServiceType', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, context) => ({ id: safeRowId(id), AND: [serviceTypeScope(callerOf(context))] }),
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    defaultPriceMinor: t.exposeInt('defaultPriceMinor', { description: 'Pre-fills a new work order\'s price' }),
    defaultPrice: t.field({
      type: MoneyRef,
      select: { defaultPriceMinor: true, organization: { select: { currency: true } } },
      resolve: (serviceType) => ({ amountMinor: serviceType.defaultPriceMinor, currency: serviceType.organization.currency }),
    }),
    defaultDurationMinutes: t.exposeInt('defaultDurationMinutes', { description: 'Pre-fills a new work order\'s duration' }),
    active: t.exposeBoolean('active', { description: 'False once archived: kept on old work orders, not offered for new ones' }),
  }),
});

const ServiceTypeFields = {
  name: z.string().trim().min(1, 'A service type needs a name').max(100),
  description: z.string().trim().max(2000).nullish(),
  defaultPriceMinor: z.number().int().min(0, 'A price cannot be negative'),
  defaultDurationMinutes: z.number().int().min(5, 'At least 5 minutes').max(24 * 60, 'At most a day (1440 minutes)'),
};

const CreateServiceTypeInput = builder.inputType('CreateServiceTypeInput', {
  fields: (t) => ({
    name: t.string({ required: true, validate: ServiceTypeFields.name }),
    description: t.string({ validate: ServiceTypeFields.description }),
    defaultPriceMinor: t.int({ required: true, description: 'Minor units (cents)', validate: ServiceTypeFields.defaultPriceMinor }),
    defaultDurationMinutes: t.int({ required: true, validate: ServiceTypeFields.defaultDurationMinutes }),
  }),
});

const UpdateServiceTypeInput = builder.inputType('UpdateServiceTypeInput', {
  fields: (t) => ({
    id: t.id({ required: true, validate: globalIdOf('ServiceType') }),
    name: t.string({ validate: ServiceTypeFields.name }),
    description: t.string({ validate: ServiceTypeFields.description }),
    defaultPriceMinor: t.int({ description: 'Minor units (cents)', validate: ServiceTypeFields.defaultPriceMinor }),
    defaultDurationMinutes: t.int({ validate: ServiceTypeFields.defaultDurationMinutes }),
    active: t.boolean({ description: 'true restores an archived service type' }),
  }),
});

const ServiceTypeIdInput = builder.inputType('ServiceTypeIdInput', {
  fields: (t) => ({ id: t.id({ required: true, validate: globalIdOf('ServiceType') }) }),
});

const DeleteServiceTypeSuccess = builder
  .objectRef<Awaited<ReturnType<typeof deleteServiceType>>>('MutationDeleteServiceTypeSuccess')
  .implement({
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
    authScopes: { reads: 'ServiceType' },
    args: { includeArchived: t.arg.boolean({ defaultValue: false }) },
    resolve: (query, _root, { includeArchived }, context) =>
      context.prisma.serviceType.findMany({
        ...query,
        where: { ...serviceTypeScope(callerOf(context)), ...(includeArchived ? {} : { active: true }) },
        orderBy: { name: 'asc' },
      }),
  }),
);

const result = { types: COMMON_ERRORS, dataField: { name: 'serviceType' } };

builder.mutationFields((t) => ({
  createServiceType: t.prismaField({
    type: 'ServiceType',
    authScopes: { can: 'writeSettings' },
    errors: result,
    args: { input: t.arg({ type: CreateServiceTypeInput, required: true }) },
    resolve: (query, _root, { input }, context) => createServiceType(context.prisma, callerOf(context), input, query),
  }),
  updateServiceType: t.prismaField({
    type: 'ServiceType',
    authScopes: { can: 'writeSettings' },
    errors: result,
    args: { input: t.arg({ type: UpdateServiceTypeInput, required: true }) },
    resolve: (query, _root, { input: { id, ...changes } }, context) =>
      updateServiceType(context.prisma, callerOf(context), String(id), changes, query),
  }),
  archiveServiceType: t.prismaField({
    type: 'ServiceType',
    authScopes: { can: 'writeSettings' },
    errors: result,
    args: { input: t.arg({ type: ServiceTypeIdInput, required: true }) },
    resolve: (query, _root, { input }, context) => archiveServiceType(context.prisma, callerOf(context), String(input.id), query),
  }),
  deleteServiceType: t.field({
    type: DeleteServiceTypeSuccess,
    description: 'Deletes a service type no work order uses; one in use is archived instead',
    authScopes: { can: 'writeSettings' },
    errors: { types: COMMON_ERRORS, directResult: true },
    args: { input: t.arg({ type: ServiceTypeIdInput, required: true }) },
    resolve: (_root, { input }, context) => deleteServiceType(context.prisma, callerOf(context), String(input.id)),
  }),
}));
