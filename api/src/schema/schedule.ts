import { queryFromInfo } from '@pothos/plugin-prisma';
import type { Technician, WorkOrder } from '../generated/prisma/client.js';
import { scheduleDay, scheduleTechniciansWhere, scheduleWorkOrdersWhere, type ScheduleDay } from '../services/schedule.js';
import { builder } from './builder.js';
import { callerOf } from '../context.js';
import { WorkOrderRef } from './work-order.js';

/** Adds a relation, with its own arguments, to a Pothos query (which is either a select or an include). */
function withRelation(query: { select?: object; include?: object }, relation: string, args: object): {} {
  return query.select ? { select: { ...query.select, [relation]: args } } : { include: { ...query.include, [relation]: args } };
}

const ScheduleColumnRef = builder.objectRef<{ technician: Technician; workOrders: WorkOrder[] }>('ScheduleColumn').implement({
  description: "One technician's column of the day view",
  fields: (t) => ({
    technician: t.prismaField({ type: 'Technician', resolve: (_query, column) => column.technician }),
    workOrders: t.field({ type: [WorkOrderRef], resolve: (column) => column.workOrders }),
  }),
});

const ScheduleRef = builder.objectRef<ScheduleDay>('Schedule').implement({
  fields: (t) => ({
    date: t.field({ type: 'Date', resolve: (day) => day.date }),
    timeZone: t.exposeString('timeZone'),
    lastSeq: t.string({
      description: 'The latest event when this day was read: subscribe to scheduleChanged with it as `after`',
      resolve: (day) => day.lastSeq.toString(),
    }),
    windowStart: t.field({ type: 'DateTime', description: "The day's first instant", resolve: (day) => day.windowStart }),
    windowEnd: t.field({ type: 'DateTime', resolve: (day) => day.windowEnd }),
    technicians: t.field({
      type: [ScheduleColumnRef],
      // One statement whatever the day's size: the columns with each one's assigned jobs and their selected
      // relations, joined in SQL (`pnpm bench` counts the statements per request).
      resolve: async (day, _args, context, info) => {
        const workOrders = {
          ...queryFromInfo({ context, info, typeName: 'WorkOrder', path: ['workOrders'] }),
          where: scheduleWorkOrdersWhere(day, true),
          orderBy: [{ windowStart: 'asc' }, { id: 'asc' }],
        };
        const technicians = await context.prisma.technician.findMany({
          ...withRelation(queryFromInfo({ context, info, typeName: 'Technician', path: ['technician'] }), 'workOrders', workOrders),
          where: scheduleTechniciansWhere(day),
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
          relationLoadStrategy: 'join',
        });
        return (technicians as (Technician & { workOrders: WorkOrder[] })[]).map(({ workOrders: jobs, ...technician }) => ({
          technician: technician as Technician,
          workOrders: jobs,
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
    authScopes: { reads: 'Schedule' },
    args: { date: t.arg({ type: 'Date', required: true }) },
    resolve: (_root, { date }, context) => scheduleDay(context.prisma, callerOf(context), date),
  }),
);
