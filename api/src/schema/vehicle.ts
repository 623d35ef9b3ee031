import { z } from 'zod';
import { optionalText, requiredText } from './fields.js';
import { MAX_CHARACTERS } from '../domain/text-limits.js';
import { visibleCustomerRecords } from '../auth/visible-rows.js';
import { createVehicle, updateVehicle } from '../services/vehicles.js';
import { builder } from './builder.js';
import { runAndRead } from './commands.js';
import { callerOf } from '../context.js';
import { resultOf } from './errors.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import { globalIdOf, safeRowId } from './ids.js';

export const VehicleRef = builder.prismaNode('Vehicle', {
  description: "A customer's vehicle. A technician sees those of their own jobs; a customer login its own",
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, context) => ({ id: safeRowId(id), AND: [visibleCustomerRecords(callerOf(context), 'Vehicle')] }),
  fields: (t) => ({
    year: t.exposeInt('year', { nullable: true, description: 'The model year; null when unknown' }),
    make: t.exposeString('make', { description: 'e.g. "Toyota"' }),
    model: t.exposeString('model', { description: 'e.g. "Camry"' }),
    vin: t.exposeString('vin', {
      nullable: true,
      description: 'The vehicle identification number, upper case; null when unknown or when the caller may not see vehicle identity',
    }),
    licensePlate: t.exposeString('licensePlate', {
      nullable: true,
      description: 'The plate as written; null when unknown or when the caller may not see vehicle identity',
    }),
    color: t.exposeString('color', { nullable: true, description: 'The colour in words, e.g. "white"; null when unknown' }),
    notes: t.exposeString('notes', { nullable: true, description: 'Anything the technician should know about the vehicle; null when none' }),
    displayName: t.string({
      description: 'e.g. "2020 Toyota Camry"',
      resolve: (vehicle) => [vehicle.year, vehicle.make, vehicle.model].filter(Boolean).join(' '),
    }),
    customer: t.relation('customer', { description: 'Whose vehicle it is' }),
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
  make: requiredText(MAX_CHARACTERS.vehicleMake, 'A vehicle needs a make'),
  model: requiredText(MAX_CHARACTERS.vehicleModel, 'A vehicle needs a model'),
  vin: z.string().trim().toUpperCase().regex(VIN, 'A VIN is 11 to 17 letters and digits, without I, O or Q').nullish(),
  licensePlate: optionalText(MAX_CHARACTERS.licensePlate),
  color: optionalText(MAX_CHARACTERS.vehicleColor),
  notes: optionalText(MAX_CHARACTERS.vehicleNotes),
};

const CreateVehicleInput = builder.inputType('CreateVehicleInput', {
  description: 'A new vehicle of a customer',
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'The Customer ID it belongs to', validate: globalIdOf('Customer') }),
    year: t.int({ description: 'The model year, 1900 to two years after the current one', validate: VehicleFields.year }),
    make: t.string({ required: true, description: `The make, 1 to ${MAX_CHARACTERS.vehicleMake} characters`, validate: VehicleFields.make }),
    model: t.string({ required: true, description: `The model, 1 to ${MAX_CHARACTERS.vehicleModel} characters`, validate: VehicleFields.model }),
    vin: t.string({ description: 'The VIN: 11 to 17 letters and digits without I, O or Q (stored in upper case)', validate: VehicleFields.vin }),
    licensePlate: t.string({ description: `The plate, at most ${MAX_CHARACTERS.licensePlate} characters`, validate: VehicleFields.licensePlate }),
    color: t.string({ description: `The colour in words, at most ${MAX_CHARACTERS.vehicleColor} characters`, validate: VehicleFields.color }),
    notes: t.string({ description: `Notes for the technician, at most ${MAX_CHARACTERS.vehicleNotes} characters`, validate: VehicleFields.notes }),
  }),
});

const UpdateVehicleInput = builder.inputType('UpdateVehicleInput', {
  description: 'Changes to a vehicle: omitted fields keep their value, null clears an optional one',
  fields: (t) => ({
    id: t.id({ required: true, description: 'A Vehicle ID', validate: globalIdOf('Vehicle') }),
    year: t.int({ description: 'The model year, 1900 to two years after the current one; null clears it', validate: VehicleFields.year }),
    make: t.string({ description: `The make, 1 to ${MAX_CHARACTERS.vehicleMake} characters`, validate: VehicleFields.make }),
    model: t.string({ description: `The model, 1 to ${MAX_CHARACTERS.vehicleModel} characters`, validate: VehicleFields.model }),
    vin: t.string({ description: 'The VIN: 11 to 17 letters and digits without I, O or Q; null clears it', validate: VehicleFields.vin }),
    licensePlate: t.string({ description: `The plate, at most ${MAX_CHARACTERS.licensePlate} characters; null clears it`, validate: VehicleFields.licensePlate }),
    color: t.string({ description: `The colour, at most ${MAX_CHARACTERS.vehicleColor} characters; null clears it`, validate: VehicleFields.color }),
    notes: t.string({ description: `Notes, at most ${MAX_CHARACTERS.vehicleNotes} characters; null clears them`, validate: VehicleFields.notes }),
  }),
});

builder.mutationFields((t) => ({
  createVehicle: t.prismaField({
    type: 'Vehicle',
    description: "Adds a vehicle to a customer (needs WRITE_CUSTOMERS)",
    authScopes: { can: 'writeCustomers' },
    errors: resultOf('createVehicle', [ValidationError, NotFoundError, ForbiddenError], { name: 'vehicle', description: 'The vehicle added' }),
    args: { input: t.arg({ type: CreateVehicleInput, required: true, description: 'The new vehicle' }) },
    resolve: (query, _root, { input }, context) =>
      runAndRead(context, createVehicle, { ...input, customerId: String(input.customerId) }, (id) =>
        context.prisma.vehicle.findUniqueOrThrow({ ...query, where: { id } }),
      ),
  }),
  updateVehicle: t.prismaField({
    type: 'Vehicle',
    description: 'Changes a vehicle (needs WRITE_CUSTOMERS)',
    authScopes: { can: 'writeCustomers' },
    errors: resultOf('updateVehicle', [ValidationError, NotFoundError, ForbiddenError], { name: 'vehicle', description: 'The vehicle as it is now' }),
    args: { input: t.arg({ type: UpdateVehicleInput, required: true, description: 'The vehicle and its changes' }) },
    resolve: (query, _root, { input }, context) =>
      runAndRead(context, updateVehicle, { ...input, id: String(input.id) }, (id) => context.prisma.vehicle.findUniqueOrThrow({ ...query, where: { id } })),
  }),
}));
