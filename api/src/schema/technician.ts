import { z } from 'zod';
import { technicianScope } from '../auth/scopes.js';
import { createTechnician, updateTechnician } from '../services/technicians.js';
import { builder } from './builder.js';
import { callerOf } from '../context.js';
import { COMMON_ERRORS } from './errors.js';
import { globalIdOf, safeRowId } from './ids.js';

export const TechnicianRef = builder.prismaNode('Technician', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, context) => ({ id: safeRowId(id), AND: [technicianScope(callerOf(context))] }),
  fields: (t) => ({
    name: t.exposeString('name'),
    phone: t.exposeString('phone', { nullable: true }),
    email: t.exposeString('email', { nullable: true }),
    color: t.expose('color', { type: 'HexColorCode', description: 'The technician\'s column on the schedule, #rrggbb' }),
    active: t.exposeBoolean('active', { description: 'Inactive technicians keep their work orders but get no new ones' }),
  }),
});

const TechnicianFields = {
  name: z.string().trim().min(1, 'A technician needs a name').max(100),
  phone: z.string().trim().max(40).nullish(),
  email: z.email('Not an email address').max(320).nullish(),
  color: z.string().regex(/^#[0-9a-f]{6}$/i, 'A colour is #rrggbb, e.g. #2563eb'),
};

const CreateTechnicianInput = builder.inputType('CreateTechnicianInput', {
  fields: (t) => ({
    name: t.string({ required: true, validate: TechnicianFields.name }),
    phone: t.string({ validate: TechnicianFields.phone }),
    email: t.string({ validate: TechnicianFields.email }),
    color: t.field({ type: 'HexColorCode', required: true, validate: TechnicianFields.color }),
  }),
});

const UpdateTechnicianInput = builder.inputType('UpdateTechnicianInput', {
  fields: (t) => ({
    id: t.id({ required: true, validate: globalIdOf('Technician') }),
    name: t.string({ validate: TechnicianFields.name }),
    phone: t.string({ validate: TechnicianFields.phone }),
    email: t.string({ validate: TechnicianFields.email }),
    color: t.field({ type: 'HexColorCode', validate: TechnicianFields.color }),
    active: t.boolean({ description: 'false takes the technician off the schedule for new work' }),
  }),
});

builder.queryField('technicians', (t) =>
  t.prismaField({
    type: ['Technician'],
    authScopes: { reads: 'Technician' },
    args: { includeInactive: t.arg.boolean({ defaultValue: false }) },
    resolve: (query, _root, { includeInactive }, context) =>
      context.prisma.technician.findMany({
        ...query,
        where: { ...technicianScope(callerOf(context)), ...(includeInactive ? {} : { active: true }) },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      }),
  }),
);

const result = { types: COMMON_ERRORS, dataField: { name: 'technician' } };

builder.mutationFields((t) => ({
  createTechnician: t.prismaField({
    type: 'Technician',
    authScopes: { can: 'writeSettings' },
    errors: result,
    args: { input: t.arg({ type: CreateTechnicianInput, required: true }) },
    resolve: (query, _root, { input }, context) => createTechnician(context.prisma, callerOf(context), input, query),
  }),
  updateTechnician: t.prismaField({
    type: 'Technician',
    authScopes: { can: 'writeSettings' },
    errors: result,
    args: { input: t.arg({ type: UpdateTechnicianInput, required: true }) },
    resolve: (query, _root, { input: { id, ...changes } }, context) =>
      updateTechnician(context.prisma, callerOf(context), String(id), changes, query),
  }),
}));
