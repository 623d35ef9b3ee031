import { queryFromInfo } from '@pothos/plugin-prisma';
import type { Technician, WorkOrder } from '../generated/prisma/client.js';
import { scheduleDay, scheduleTechniciansWhere, scheduleWorkOrdersWhere, type ScheduleDay } from '../services/schedule.js';
import { builder } from './builder.js';
import { callerOf } from './context.js';
import { WorkOrderRef } from './work-order.js';

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
    windowStart: t.field({ type: 'DateTime', description: "The day's first instant", resolve: (day) => day.windowStart }),
    windowEnd: t.field({ type: 'DateTime', resolve: (day) => day.windowEnd }),
    technicians: t.field({
      type: [ScheduleColumnRef],
      // Two statements whatever the day's size: the columns, then every assigned job with the selected relations.
      resolve: async (day, _args, context, info) => {
        const [technicians, workOrders] = await Promise.all([
          context.prisma.technician.findMany({
            ...queryFromInfo({ context, info, typeName: 'Technician', path: ['technician'] }),
            where: scheduleTechniciansWhere(day),
            orderBy: [{ name: 'asc' }, { id: 'asc' }],
          }),
          context.prisma.workOrder.findMany({
            ...queryFromInfo({ context, info, typeName: 'WorkOrder', path: ['workOrders'] }),
            where: scheduleWorkOrdersWhere(day, true),
            relationLoadStrategy: 'join',
            orderBy: [{ windowStart: 'asc' }, { id: 'asc' }],
          }),
        ]);
        return technicians.map((technician) => ({
          technician,
          workOrders: workOrders.filter((wo) => wo.technicianId === technician.id),
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
    authScopes: { can: 'readSchedule' },
    args: { date: t.arg({ type: 'Date', required: true }) },
    resolve: (_root, { date }, context) => scheduleDay(context.prisma, callerOf(context), date),
  }),
);
