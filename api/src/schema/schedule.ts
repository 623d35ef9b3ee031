import { queryFromInfo } from '@pothos/plugin-prisma';
import type { Technician, WorkOrder } from '../generated/prisma/client.js';
import { scheduleOn, scheduleTechniciansWhere, scheduleWorkOrdersWhere, type Schedule } from '../services/schedule.js';
import { builder } from './builder.js';
import { SEQ_RULES } from './work-order-event.js';
import { callerOf } from '../context.js';
import { WorkOrderRef } from './work-order.js';
import { UnavailableIntervalRef } from './availability.js';
import { unavailableIntervalsOn, type Availability } from '../domain/availability.js';

/** Adds a relation, with its own arguments, to a Pothos query (which is either a select or an include). */
function withRelation(query: { select?: object; include?: object }, relation: string, args: object): {} {
  return withRelations(query, { [relation]: args });
}

function withRelations(query: { select?: object; include?: object }, relations: object): {} {
  return query.select ? { select: { ...query.select, ...relations } } : { include: { ...query.include, ...relations } };
}

interface ScheduleColumn {
  day: Schedule;
  technician: Technician;
  workOrders: WorkOrder[];
  availability: Availability;
}

const ScheduleColumnRef = builder.objectRef<ScheduleColumn>('ScheduleColumn').implement({
  description: "One technician's column of the day view",
  fields: (t) => ({
    technician: t.prismaField({ type: 'Technician', description: 'Whose column it is', resolve: (_query, column) => column.technician }),
    workOrders: t.field({
      type: [WorkOrderRef],
      description: 'Their jobs of the day (any status, canceled included), earliest window first',
      resolve: (column) => column.workOrders,
    }),
    hasWorkingHours: t.boolean({
      description: 'False when the technician has no working hours at all: they cannot be booked until some are set',
      resolve: (column) => column.availability.workingHours.length > 0,
    }),
    unavailable: t.field({
      type: [UnavailableIntervalRef],
      nullable: true,
      description: "The parts of the day outside the technician's hours or in their time off, in order",
      resolve: ({ day, availability }) => unavailableIntervalsOn(day.date, day, availability, day.timeZone),
    }),
  }),
});

/** Each column's working hours and the time off touching the day, loaded in the columns' one statement. */
const availabilityRelations = (day: Schedule) => ({
  workingHours: { select: { weekday: true, startMinute: true, endMinute: true }, orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }] },
  timeOff: {
    where: { startsAt: { lt: day.windowEnd }, endsAt: { gt: day.windowStart } },
    select: { id: true, startsAt: true, endsAt: true, reason: true },
  },
});

const ScheduleRef = builder.objectRef<Schedule>('Schedule').implement({
  description: "The day view: one day in the organization's zone, a column per technician and the unassigned queue. A technician sees only their own column",
  fields: (t) => ({
    date: t.field({ type: 'Date', description: 'The day', resolve: (day) => day.date }),
    timeZone: t.exposeString('timeZone', { description: "The organization's IANA zone, in which the day is counted" }),
    lastSeq: t.string({
      description: `The latest event when this day was read: subscribe to scheduleChanged with it as \`after\`. A seq is ${SEQ_RULES}`,
      resolve: (day) => day.lastSeq.toString(),
    }),
    windowStart: t.field({ type: 'DateTime', description: "The day's first instant", resolve: (day) => day.windowStart }),
    windowEnd: t.field({ type: 'DateTime', description: "The next day's first instant (a day has 23 to 25 hours around a clock change)", resolve: (day) => day.windowEnd }),
    technicians: t.field({
      type: [ScheduleColumnRef],
      description: 'The active technicians (and inactive ones with jobs that day), by name',
      // One statement whatever the day's size: the columns with each one's assigned jobs and their selected
      // relations, joined in SQL (`pnpm bench` counts the statements per request).
      resolve: async (day, _args, context, info) => {
        const workOrders = {
          ...queryFromInfo({ context, info, typeName: 'WorkOrder', path: ['workOrders'] }),
          where: scheduleWorkOrdersWhere(day, true),
          orderBy: [{ windowStart: 'asc' }, { id: 'asc' }],
        };
        const query = withRelation(queryFromInfo({ context, info, typeName: 'Technician', path: ['technician'] }), 'workOrders', workOrders);
        const technicians = await context.prisma.technician.findMany({
          ...withRelations(query, availabilityRelations(day)),
          where: scheduleTechniciansWhere(day),
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
          relationLoadStrategy: 'join',
        });
        type Loaded = Technician & { workOrders: WorkOrder[] } & Availability;
        // The technician keeps its hours: a selection of Technician.workingHours reads them from it.
        return (technicians as unknown as Loaded[]).map(({ workOrders: jobs, ...technician }) => ({
          day,
          technician,
          workOrders: jobs,
          availability: { workingHours: technician.workingHours, timeOff: technician.timeOff },
        }));
      },
    }),
    unassigned: t.prismaField({
      type: ['WorkOrder'],
      description: 'Jobs of the day that no technician has yet',
      resolve: (query, day, _args, context) =>
        context.prisma.workOrder.findMany({
          ...query,
          where: scheduleWorkOrdersWhere(day, false),
          orderBy: [{ windowStart: 'asc' }, { id: 'asc' }],
          relationLoadStrategy: 'join',
        }),
    }),
  }),
});

builder.queryField('schedule', (t) =>
  t.field({
    type: ScheduleRef,
    description: "One day of the schedule board (office, read keys, and a technician's own column)",
    authScopes: { reads: 'Schedule' },
    args: { date: t.arg({ type: 'Date', required: true, description: "The day, in the organization's zone" }) },
    resolve: (_root, { date }, context) => scheduleOn(context.prisma, callerOf(context), date),
  }),
);
