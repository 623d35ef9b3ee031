import { z } from 'zod';
import { email, optionalText, requiredText } from './fields.js';
import { MAX_CHARACTERS } from '../domain/text-limits.js';
import { visibleTechnicians } from '../auth/visible-rows.js';
import { createTechnician, updateTechnician } from '../services/technicians.js';
import { builder } from './builder.js';
import { runAndRead } from './commands.js';
import { callerOf } from '../context.js';
import { resultOf } from './errors.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import { globalIdOf, safeRowId } from './ids.js';
import { MAX_TECHNICIANS } from '../domain/list-bounds.js';
import { LIST_BOUND } from '../limits/cost.js';

export const TechnicianRef = builder.prismaNode('Technician', {
  description: 'Someone who goes out and does the work: a column of the schedule. A technician reads only themselves; a customer the name and colour of the technicians on their own jobs',
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, context) => ({ id: safeRowId(id), AND: [visibleTechnicians(callerOf(context))] }),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Their name' }),
    phone: t.exposeString('phone', { nullable: true, description: 'Work phone; null when unknown or when the caller may not see technician contact' }),
    email: t.exposeString('email', { nullable: true, description: 'Work email; null when unknown or when the caller may not see technician contact' }),
    color: t.expose('color', { type: 'HexColorCode', description: 'The technician\'s column on the schedule, #rrggbb' }),
    active: t.exposeBoolean('active', { description: 'Inactive technicians keep their work orders but get no new ones' }),
  }),
});

const TechnicianFields = {
  name: requiredText(MAX_CHARACTERS.technicianName, 'A technician needs a name'),
  phone: optionalText(MAX_CHARACTERS.phone),
  email: email().nullish(),
  color: z.string().regex(/^#[0-9a-f]{6}$/i, 'A colour is #rrggbb, e.g. #2563eb'),
};

const CreateTechnicianInput = builder.inputType('CreateTechnicianInput', {
  description: 'A new technician, active from the start',
  fields: (t) => ({
    name: t.string({ required: true, description: `Their name, 1 to ${MAX_CHARACTERS.technicianName} characters`, validate: TechnicianFields.name }),
    phone: t.string({ description: `Work phone, at most ${MAX_CHARACTERS.phone} characters`, validate: TechnicianFields.phone }),
    email: t.string({ description: `Work email, at most ${MAX_CHARACTERS.email} characters`, validate: TechnicianFields.email }),
    color: t.field({ type: 'HexColorCode', required: true, description: 'Their schedule colour, #rrggbb', validate: TechnicianFields.color }),
  }),
});

const UpdateTechnicianInput = builder.inputType('UpdateTechnicianInput', {
  description: 'Changes to a technician: omitted fields keep their value, null clears an optional one',
  fields: (t) => ({
    id: t.id({ required: true, description: 'A Technician ID', validate: globalIdOf('Technician') }),
    name: t.string({ description: `A new name, 1 to ${MAX_CHARACTERS.technicianName} characters`, validate: TechnicianFields.name }),
    phone: t.string({ description: `A new phone, at most ${MAX_CHARACTERS.phone} characters; null clears it`, validate: TechnicianFields.phone }),
    email: t.string({ description: 'A new email; null clears it', validate: TechnicianFields.email }),
    color: t.field({ type: 'HexColorCode', description: 'A new colour, #rrggbb', validate: TechnicianFields.color }),
    active: t.boolean({ description: 'false takes the technician off the schedule for new work (their jobs stay); true brings them back' }),
  }),
});

builder.queryField('technicians', (t) =>
  t.prismaField({
    type: ['Technician'],
    description: `The technicians, by name (office and read keys): all of them, at most ${MAX_TECHNICIANS}`,
    authScopes: { reads: 'Technician' },
    extensions: { [LIST_BOUND]: MAX_TECHNICIANS },
    args: { includeInactive: t.arg.boolean({ defaultValue: false, description: 'true lists inactive technicians too' }) },
    resolve: (query, _root, { includeInactive }, context) =>
      context.prisma.technician.findMany({
        ...query,
        where: { ...visibleTechnicians(callerOf(context)), ...(includeInactive ? {} : { active: true }) },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        take: MAX_TECHNICIANS,
      }),
  }),
);

builder.mutationFields((t) => ({
  createTechnician: t.prismaField({
    type: 'Technician',
    description: 'Adds a technician (needs WRITE_SETTINGS)',
    authScopes: { can: 'writeSettings' },
    errors: resultOf('createTechnician', [ValidationError, ForbiddenError], { name: 'technician', description: 'The technician added' }),
    args: { input: t.arg({ type: CreateTechnicianInput, required: true, description: 'The new technician' }) },
    resolve: (query, _root, { input }, context) => runAndRead(context, createTechnician, input, (id) => context.prisma.technician.findUniqueOrThrow({ ...query, where: { id } })),
  }),
  updateTechnician: t.prismaField({
    type: 'Technician',
    description: 'Changes a technician (needs WRITE_SETTINGS)',
    authScopes: { can: 'writeSettings' },
    errors: resultOf('updateTechnician', [ValidationError, NotFoundError, ForbiddenError], { name: 'technician', description: 'The technician as it is now' }),
    args: { input: t.arg({ type: UpdateTechnicianInput, required: true, description: 'The technician and its changes' }) },
    resolve: (query, _root, { input }, context) =>
      runAndRead(context, updateTechnician, { ...input, id: String(input.id) }, (id) =>
        context.prisma.technician.findUniqueOrThrow({ ...query, where: { id } }),
      ),
  }),
}));
