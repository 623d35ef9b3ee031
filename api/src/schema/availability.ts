import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import {
  formatClock,
  MAX_TIME_OFF_REASON_LENGTH,
  parseClock,
  WEEKDAYS,
  type AvailabilityOverride,
  type UnavailableInterval,
  type UnavailableKind,
} from '../domain/availability.js';
import type { TimeOffRange, WorkingHoursInterval } from '../domain/unavailability.js';
import { ForbiddenError, NotFoundError, OutsideAvailabilityError, TimeOffOverlapError, ValidationError } from '../domain/errors.js';
import { visibleTechnicians, visibleWorkOrders } from '../auth/visible-rows.js';
import { addTimeOff, removeTimeOff, setWorkingHours } from '../services/technician-availability/commands.js';
import { availableSlots, timeOffSpanError, type AvailableSlot } from '../services/technician-availability/reads.js';
import { builder } from './builder.js';
import { described } from './enums.js';
import { run, runAndRead } from './commands.js';
import { callerOf, type Context } from '../context.js';
import { ErrorInterface, resultOf } from './errors.js';
import { globalIdOf } from './ids.js';

const WEEKDAY_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
type WeekdayName = (typeof WEEKDAY_NAMES)[number];

export const WeekdayEnum = builder.enumType('Weekday', {
  description: 'A day of the week (ISO order, Monday first)',
  values: Object.fromEntries(WEEKDAY_NAMES.map((name, index) => [name, { value: WEEKDAYS[index]!, description: name.charAt(0) + name.slice(1).toLowerCase() }])) as Record<WeekdayName, { value: number; description: string }>,
});

export const WorkingHoursRef = builder.objectRef<WorkingHoursInterval>('WorkingHours').implement({
  description: "One interval of a technician's week, in the organization's time zone",
  fields: (t) => ({
    weekday: t.field({ type: WeekdayEnum, description: 'The weekday, in the organization\'s time zone', resolve: (interval) => interval.weekday }),
    startTime: t.string({ description: 'HH:mm, local', resolve: (interval) => formatClock(interval.startMinute) }),
    endTime: t.string({ description: 'HH:mm, local; 24:00 is the end of the day', resolve: (interval) => formatClock(interval.endMinute) }),
  }),
});

export const TimeOffRef = builder.objectRef<TimeOffRange>('TimeOff').implement({
  description: 'A range a technician does not work, with its reason',
  fields: (t) => ({
    id: t.id({ description: 'The time off\'s global ID (removeTimeOff takes it)', resolve: (range) => encodeGlobalID('TimeOff', range.id) }),
    startsAt: t.field({ type: 'DateTime', description: 'When it starts', resolve: (range) => range.startsAt }),
    endsAt: t.field({ type: 'DateTime', description: 'When it ends (exclusive)', resolve: (range) => range.endsAt }),
    reason: t.exposeString('reason', { description: 'Why the technician is away, as the office wrote it' }),
  }),
});

export const UnavailableKindEnum = builder.enumType('UnavailableKind', {
  description: 'Why a technician cannot be booked at a time',
  values: described<UnavailableKind>({
    OUTSIDE_WORKING_HOURS: 'The time is outside their working hours',
    TIME_OFF: 'The time is in one of their time-off ranges',
  }),
});

export const UnavailableIntervalRef = builder.objectRef<UnavailableInterval>('UnavailableInterval').implement({
  description: 'Time in which the technician cannot be booked without an override',
  fields: (t) => ({
    windowStart: t.field({ type: 'DateTime', description: 'Where the unavailable time starts', resolve: (interval) => interval.windowStart }),
    windowEnd: t.field({ type: 'DateTime', description: 'Where it ends (exclusive)', resolve: (interval) => interval.windowEnd }),
    kind: t.field({ type: UnavailableKindEnum, description: 'Outside hours or time off', resolve: (interval) => interval.kind }),
    reason: t.string({ nullable: true, description: "The time off's reason; null outside working hours", resolve: (interval) => interval.reason }),
  }),
});

export const AvailabilityOverrideRef = builder.objectRef<AvailabilityOverride>('AvailabilityOverride').implement({
  description: 'A booking made on purpose into time the technician does not work',
  fields: (t) => ({
    kind: t.field({ type: UnavailableKindEnum, description: 'What was overridden', resolve: (override) => override.kind }),
    message: t.exposeString('message', { description: 'What was overridden, as the refusal would have said it' }),
  }),
});

builder.objectType(OutsideAvailabilityError, {
  name: 'OutsideAvailabilityError',
  description: 'The window lies outside the technician\'s working hours or in their time off; send overrideAvailability: true to book it anyway',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    kind: t.field({ type: UnavailableKindEnum, description: 'Outside hours or in time off', resolve: (error) => error.unavailability.kind }),
    timeOff: t.field({
      type: TimeOffRef,
      nullable: true,
      description: 'The time off in the way',
      resolve: (error) => (error.unavailability.kind === 'TIME_OFF' ? error.unavailability.timeOff : null),
    }),
    workingHours: t.field({
      type: [WorkingHoursRef],
      description: "The technician's hours on the window's weekday (empty when they do not work that day)",
      resolve: (error) => (error.unavailability.kind === 'OUTSIDE_WORKING_HOURS' ? error.unavailability.workingHours : []),
    }),
  }),
});

builder.objectType(TimeOffOverlapError, {
  name: 'TimeOffOverlapError',
  description: 'The technician has active jobs in that range; list them in workOrderIds to add the time off anyway',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    workOrders: t.prismaField({
      type: ['WorkOrder'],
      description: 'The active jobs in the range, earliest first',
      resolve: (query, error, _args, context) =>
        context.prisma.workOrder.findMany({ ...query, where: { id: { in: error.workOrderIds }, ...visibleWorkOrders(callerOf(context)) }, orderBy: { windowStart: 'asc' } }),
    }),
  }),
});

builder.prismaObjectFields('Technician', (t) => ({
  workingHours: t.field({
    type: [WorkingHoursRef],
    nullable: true,
    description: 'The weekly hours, by weekday and start; empty when none are set (the technician cannot be booked)',
    select: { workingHours: { select: { weekday: true, startMinute: true, endMinute: true }, orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }] } },
    resolve: (technician) => technician.workingHours,
  }),
  timeOff: t.field({
    type: [TimeOffRef],
    nullable: true,
    description: 'Time off touching [from, to), at most 400 days, in order',
    args: {
      from: t.arg({ type: 'DateTime', required: true, description: 'Start of the span' }),
      to: t.arg({ type: 'DateTime', required: true, description: 'End of the span (exclusive), at most 400 days after from' }),
    },
    resolve: (technician, { from, to }, context) => {
      const problem = timeOffSpanError(from, to);
      if (problem) throw ValidationError.field(['to'], problem);
      return context.prisma.timeOff.findMany({
        where: { technicianId: technician.id, organizationId: callerOf(context).organizationId, startsAt: { lt: to }, endsAt: { gt: from } },
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
        take: 200,
      });
    },
  }),
}));

const clock = (message: string) =>
  z.string().transform((value, ctx) => {
    const minute = parseClock(value);
    if (minute === null) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return minute;
  });

const WorkingHoursInput = builder.inputType('WorkingHoursInput', {
  description: "One interval of a technician's week, in the organization's time zone",
  fields: (t) => ({
    weekday: t.field({ type: WeekdayEnum, required: true, description: 'The weekday' }),
    startTime: t.string({ required: true, description: 'HH:mm, local', validate: clock('A time is HH:mm, 00:00 to 23:59') }),
    endTime: t.string({ required: true, description: 'HH:mm, local; 24:00 is the end of the day', validate: clock('A time is HH:mm, 00:00 to 24:00') }),
  }),
});

const SetWorkingHoursInput = builder.inputType('SetWorkingHoursInput', {
  description: "Replaces the technician's whole week: an empty list leaves them without hours",
  fields: (t) => ({
    technicianId: t.id({ required: true, description: 'A Technician ID', validate: globalIdOf('Technician') }),
    workingHours: t.field({ type: [WorkingHoursInput], required: true, description: 'The whole week: at most 4 intervals a day that do not overlap', validate: z.array(z.any()).max(28, 'At most 28 intervals a week') }),
  }),
});

const AddTimeOffInput = builder.inputType('AddTimeOffInput', {
  description: 'A range the technician does not work; it may not overlap their other time off (ranges that only touch may)',
  fields: (t) => ({
    technicianId: t.id({ required: true, description: 'A Technician ID', validate: globalIdOf('Technician') }),
    startsAt: t.field({ type: 'DateTime', required: true, description: 'When it starts' }),
    endsAt: t.field({ type: 'DateTime', required: true, description: 'When it ends, after startsAt and at most 366 days later' }),
    reason: t.string({ required: true, description: `Why, at most ${MAX_TIME_OFF_REASON_LENGTH} characters (an emoji or an accented letter counts one)` }),
    workOrderIds: t.idList({
      description: 'Active jobs in the range that you confirm (to move afterwards); any other job in the range refuses the time off',
      validate: z.array(globalIdOf('WorkOrder')).max(100).nullish(),
    }),
  }),
});

const RemoveTimeOffInput = builder.inputType('RemoveTimeOffInput', {
  description: 'The time off to delete',
  fields: (t) => ({ id: t.id({ required: true, description: 'A TimeOff ID', validate: globalIdOf('TimeOff') }) }),
});

/** The technician as the client selected it, read after a write. */
const readTechnician = (context: Context, query: object) => (id: string) => context.prisma.technician.findUniqueOrThrow({ ...query, where: { id } });
const technicianField = { name: 'technician', description: 'The technician as they are now' };

builder.mutationFields((t) => ({
  setWorkingHours: t.prismaField({
    type: 'Technician',
    description: "Replaces a technician's weekly working hours (dispatchers and admins); jobs already booked stay where they are",
    authScopes: { can: 'writeSettings' },
    errors: resultOf('setWorkingHours', [ValidationError, ForbiddenError, NotFoundError], technicianField),
    args: { input: t.arg({ type: SetWorkingHoursInput, required: true, description: 'The technician and their week' }) },
    resolve: (query, _root, { input }, context) =>
      runAndRead(
        context,
        setWorkingHours,
        {
          technicianId: String(input.technicianId),
          workingHours: input.workingHours.map((interval) => ({ weekday: interval.weekday, startMinute: Number(interval.startTime), endMinute: Number(interval.endTime) })),
        },
        readTechnician(context, query),
      ),
  }),
  addTimeOff: t.field({
    type: TimeOffRef,
    description: 'Adds time off for a technician (dispatchers and admins); refused over their other time off (a ValidationError naming it) and over active jobs the input does not list',
    authScopes: { can: 'writeSettings' },
    errors: resultOf('addTimeOff', [ValidationError, ForbiddenError, NotFoundError, TimeOffOverlapError], { name: 'timeOff', description: 'The time off added' }),
    args: { input: t.arg({ type: AddTimeOffInput, required: true, description: 'The technician and the range' }) },
    resolve: (_root, { input }, context) =>
      run(context, addTimeOff, { ...input, technicianId: String(input.technicianId), workOrderIds: input.workOrderIds?.map(String) }),
  }),
  removeTimeOff: t.prismaField({
    type: 'Technician',
    description: 'Deletes a time-off range; answers the technician it belonged to',
    authScopes: { can: 'writeSettings' },
    errors: resultOf('removeTimeOff', [ValidationError, ForbiddenError, NotFoundError], technicianField),
    args: { input: t.arg({ type: RemoveTimeOffInput, required: true, description: 'The time off' }) },
    resolve: (query, _root, { input }, context) => runAndRead(context, removeTimeOff, { id: String(input.id) }, readTechnician(context, query)),
  }),
}));

const AvailableSlotRef = builder.objectRef<AvailableSlot>('AvailableSlot').implement({
  description: "A window where the service fits: in the technician's hours, not in their time off, clear of their active jobs",
  fields: (t) => ({
    technician: t.prismaField({
      type: 'Technician',
      description: 'Whose time it is',
      resolve: (query, slot, _args, context) =>
        context.prisma.technician.findFirstOrThrow({ ...query, where: { id: slot.technicianId, ...visibleTechnicians(callerOf(context)) } }),
    }),
    windowStart: t.field({ type: 'DateTime', description: 'A start that fits, as near `near` as the free stretch allows, on the quarter hour', resolve: (slot) => slot.windowStart }),
    windowEnd: t.field({ type: 'DateTime', description: 'windowStart plus the duration', resolve: (slot) => slot.windowEnd }),
    freeFrom: t.field({ type: 'DateTime', description: 'The free stretch the window lies in starts here', resolve: (slot) => slot.freeFrom }),
    freeUntil: t.field({ type: 'DateTime', description: '... and ends here: the job may start anywhere up to freeUntil minus its duration', resolve: (slot) => slot.freeUntil }),
  }),
});

builder.queryField('availableSlots', (t) =>
  t.field({
    type: [AvailableSlotRef],
    description: "Where a job of the service type fits on the day (in the organization's zone), for one technician or every active one; nearest `near` first when it is given",
    authScopes: { can: 'writeWorkOrders' },
    args: {
      serviceTypeId: t.arg.id({ required: true, description: 'A ServiceType ID: its duration is the job\'s unless durationMinutes is given', validate: globalIdOf('ServiceType') }),
      date: t.arg({ type: 'Date', required: true, description: "The day, in the organization's time zone" }),
      technicianId: t.arg.id({ description: 'One technician; omitted, every active one', validate: globalIdOf('Technician').nullish() }),
      durationMinutes: t.arg.int({ description: "Defaults to the service type's", validate: z.number().int().min(1, 'At least one minute').max(24 * 60, 'At most a day').nullish() }),
      near: t.arg({ type: 'DateTime', description: 'Each window starts as near this as its free stretch allows' }),
      first: t.arg.int({ defaultValue: 10, description: 'How many windows, 1 to 50', validate: z.number().int().min(1).max(50) }),
    },
    resolve: (_root, args, context) =>
      availableSlots(context.prisma, callerOf(context), {
        serviceTypeId: String(args.serviceTypeId),
        date: args.date,
        technicianId: args.technicianId ? String(args.technicianId) : null,
        durationMinutes: args.durationMinutes,
        near: args.near,
        first: args.first ?? 10,
      }),
  }),
);
