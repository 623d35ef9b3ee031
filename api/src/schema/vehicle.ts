import { z } from 'zod';
import { customerOwnedScope } from '../auth/scopes.js';
import { createVehicle, updateVehicle } from '../services/vehicles.js';
import { builder } from './builder.js';
import { optionalText } from './fields.js';
import { callerOf } from '../context.js';
import { COMMON_ERRORS } from './errors.js';
import { globalIdOf, safeRowId } from './ids.js';

export const VehicleRef = builder.prismaNode('Vehicle', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, context) => ({ id: safeRowId(id), AND: [customerOwnedScope(callerOf(context), 'Vehicle')] }),
  fields: (t) => ({
    year: t.exposeInt('year', { nullable: true }),
    make: t.exposeString('make'),
    model: t.exposeString('model'),
    vin: t.exposeString('vin', { nullable: true }),
    licensePlate: t.exposeString('licensePlate', { nullable: true }),
    color: t.exposeString('color', { nullable: true }),
    notes: t.exposeString('notes', { nullable: true }),
    displayName: t.string({
      description: 'e.g. "2020 Toyota Camry"',
      resolve: (vehicle) => [vehicle.year, vehicle.make, vehicle.model].filter(Boolean).join(' '),
    }),
    customer: t.relation('customer'),
  }),
});

/** Model years run a little ahead of the calendar; read the clock on every request, not once at start-up. */
const latestModelYear = () => new Date().getFullYear() + 2;
/** 17 characters since 1981, fewer before; I, O and Q are never used. */
const VIN = /^[A-HJ-NPR-Z0-9]{11,17}$/;

const VehicleFields = {
  year: z
    .number()
    .int()
    .min(1900, 'The year must be 1900 or later')
    .refine((year) => year <= latestModelYear(), { error: () => `The year must be ${latestModelYear()} or earlier` })
    .nullish(),
  make: z.string().trim().min(1, 'A vehicle needs a make').max(80),
  model: z.string().trim().min(1, 'A vehicle needs a model').max(80),
  vin: z.string().trim().toUpperCase().regex(VIN, 'A VIN is 11 to 17 letters and digits, without I, O or Q').nullish(),
  licensePlate: optionalText(20),
  color: optionalText(40),
  notes: optionalText(2000),
};

const CreateVehicleInput = builder.inputType('CreateVehicleInput', {
  fields: (t) => ({
    customerId: t.id({ required: true, validate: globalIdOf('Customer') }),
    year: t.int({ validate: VehicleFields.year }),
    make: t.string({ required: true, validate: VehicleFields.make }),
    model: t.string({ required: true, validate: VehicleFields.model }),
    vin: t.string({ validate: VehicleFields.vin }),
    licensePlate: t.string({ validate: VehicleFields.licensePlate }),
    color: t.string({ validate: VehicleFields.color }),
    notes: t.string({ validate: VehicleFields.notes }),
  }),
});

const UpdateVehicleInput = builder.inputType('UpdateVehicleInput', {
  fields: (t) => ({
    id: t.id({ required: true, validate: globalIdOf('Vehicle') }),
    year: t.int({ validate: VehicleFields.year }),
    make: t.string({ validate: VehicleFields.make }),
    model: t.string({ validate: VehicleFields.model }),
    vin: t.string({ validate: VehicleFields.vin }),
    licensePlate: t.string({ validate: VehicleFields.licensePlate }),
    color: t.string({ validate: VehicleFields.color }),
    notes: t.string({ validate: VehicleFields.notes }),
  }),
});

const result = { types: COMMON_ERRORS, dataField: { name: 'vehicle' } };

builder.mutationFields((t) => ({
  createVehicle: t.prismaField({
    type: 'Vehicle',
    authScopes: { can: 'writeCustomers' },
    errors: result,
    args: { input: t.arg({ type: CreateVehicleInput, required: true }) },
    resolve: (query, _root, { input }, context) =>
      createVehicle(context.prisma, callerOf(context), { ...input, customerId: String(input.customerId) }, query),
  }),
  updateVehicle: t.prismaField({
    type: 'Vehicle',
    authScopes: { can: 'writeCustomers' },
    errors: result,
    args: { input: t.arg({ type: UpdateVehicleInput, required: true }) },
    resolve: (query, _root, { input: { id, ...changes } }, context) =>
      updateVehicle(context.prisma, callerOf(context), String(id), changes, query),
  }),
}));
