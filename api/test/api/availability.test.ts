import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createServiceType, createTechnician } from '../support/fixtures.js';
import { worldForFile } from '../support/world-for-file.js';
import { gid, newWorkOrderInput } from '../support/world.js';

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];
const NINE_TO_FIVE = WEEKDAYS.map((weekday) => ({ weekday, startTime: '09:00', endTime: '17:00' }));
// 2027-01-05 is a Tuesday; Chicago is UTC-6 in January.
const local = (clock: string, date = '2027-01-05') => new Date(`${date}T${clock}:00-06:00`).toISOString();

const SET_HOURS = `mutation ($input: SetWorkingHoursInput!) { setWorkingHours(input: $input) {
  __typename ... on Error { message } ... on ValidationError { fieldErrors { path message } }
  ... on MutationSetWorkingHoursSuccess { technician { id workingHours { weekday startTime endTime } } } } }`;
const ADD_TIME_OFF = `mutation ($input: AddTimeOffInput!) { addTimeOff(input: $input) {
  __typename ... on Error { message } ... on ValidationError { fieldErrors { path message } }
  ... on TimeOffOverlapError { workOrders { id label } }
  ... on MutationAddTimeOffSuccess { timeOff { id startsAt endsAt reason } } } }`;
const REMOVE_TIME_OFF = `mutation ($input: RemoveTimeOffInput!) { removeTimeOff(input: $input) {
  __typename ... on Error { message } ... on MutationRemoveTimeOffSuccess { technician { id } } } }`;
const BOOKING_PAYLOAD = `__typename ... on Error { message } ... on ConflictError { conflictingWorkOrder { id label } }
  ... on OutsideAvailabilityError { kind timeOff { reason } workingHours { weekday startTime endTime } }`;
const CREATE = `mutation ($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) { ${BOOKING_PAYLOAD}
  ... on MutationCreateWorkOrderSuccess { workOrder { id version events { type availabilityOverride { kind message } } } } } }`;
const UPDATE = `mutation ($input: UpdateWorkOrderInput!) { updateWorkOrder(input: $input) { ${BOOKING_PAYLOAD}
  ... on MutationUpdateWorkOrderSuccess { workOrder { id version events { type availabilityOverride { kind message } } } } } }`;
const TECHNICIAN = `query ($id: ID!) { node(id: $id) { ... on Technician { name workingHours { weekday startTime endTime }
  timeOff(from: "2027-01-01T00:00:00Z", to: "2027-02-01T00:00:00Z") { reason } } } }`;
const SLOTS = `query ($serviceTypeId: ID!, $date: Date!, $technicianId: ID, $near: DateTime, $durationMinutes: Int) {
  availableSlots(serviceTypeId: $serviceTypeId, date: $date, technicianId: $technicianId, near: $near, durationMinutes: $durationMinutes) {
    technician { name } windowStart windowEnd freeFrom freeUntil } }`;

describe('technician working hours and time off (through the API)', () => {
  const { db, world } = worldForFile();
  /** A technician of the world's organization who works 09:00–17:00 Monday to Friday. */
  let regular: { id: string; name: string };
  let regularId: string;

  const setHours = (technicianId: string, workingHours: unknown[], token = world.tokens.dispatcher) =>
    world.api.ok(SET_HOURS, { input: { technicianId, workingHours } }, token).then((data) => data.setWorkingHours);
  const addTimeOff = (input: Record<string, unknown>, token = world.tokens.dispatcher) =>
    world.api.ok(ADD_TIME_OFF, { input: { technicianId: regularId, reason: 'Dentist', ...input } }, token).then((data) => data.addTimeOff);
  const book = (input: Record<string, unknown>, token = world.tokens.dispatcher) =>
    world.api.ok(CREATE, { input: newWorkOrderInput(world, { technicianId: regularId, ...input }) }, token).then((data) => data.createWorkOrder);

  beforeAll(async () => {
    regular = await createTechnician(db.prisma, world.org.id, { name: 'Rita Regular' }, []);
    regularId = gid('Technician', regular.id);
    expect((await setHours(regularId, NINE_TO_FIVE)).__typename).toBe('MutationSetWorkingHoursSuccess');
  });

  describe('working hours', () => {
    it('are set for the whole week and read back in order by the office and by the technician themselves', async () => {
      const tech = await createTechnician(db.prisma, world.org.id, {}, []);
      const id = gid('Technician', tech.id);
      const split = [
        { weekday: 'SATURDAY', startTime: '13:00', endTime: '24:00' },
        { weekday: 'MONDAY', startTime: '08:00', endTime: '12:00' },
        { weekday: 'MONDAY', startTime: '12:30', endTime: '17:00' },
      ];
      const result = await setHours(id, split);
      expect(result.technician.workingHours).toEqual([split[1], split[2], split[0]]);
      const ownToken = await world.api.signIn(world.org.id, 'TECHNICIAN', { technicianId: tech.id });
      const own = await world.api.ok(`{ viewer { technician { workingHours { weekday startTime endTime } } } }`, {}, ownToken);
      expect(own.viewer.technician.workingHours).toEqual([split[1], split[2], split[0]]);
      // An empty week takes them off the schedule.
      expect((await setHours(id, [])).technician.workingHours).toEqual([]);
    });

    it("are hidden from a customer and from a read-only key, and another technician cannot read them", async () => {
      const { node } = await world.api.ok(TECHNICIAN, { id: regularId }, world.tokens.readKey);
      expect(node).toMatchObject({ name: 'Rita Regular', workingHours: null, timeOff: null });
      expect((await world.api.ok(TECHNICIAN, { id: regularId }, world.tokens.otherTechnician)).node).toBeNull();
    });

    it('are refused to a technician, a customer and a read-only key, and changed by none of them', async () => {
      for (const token of [world.tokens.technician, world.tokens.customer, world.tokens.readKey]) {
        expect((await setHours(regularId, [], token)).__typename).toBe('ForbiddenError');
      }
      expect((await world.api.ok(TECHNICIAN, { id: regularId }, world.tokens.dispatcher)).node.workingHours).toHaveLength(5);
    });

    it("answer another organization's technician as one that does not exist", async () => {
      const other = await createOrganization(db.prisma);
      const stranger = await createTechnician(db.prisma, other.id);
      for (const id of [gid('Technician', stranger.id), gid('Technician', randomUUID())]) {
        expect(await setHours(id, NINE_TO_FIVE)).toMatchObject({ __typename: 'NotFoundError', message: 'Technician not found' });
      }
      expect(await db.prisma.workingHours.count({ where: { technicianId: stranger.id } })).toBe(7);
    });

    it('refuse bad times, an end before the start, overlaps and a flood of intervals, keeping the old week', async () => {
      const cases: [unknown[], string[]][] = [
        [[{ weekday: 'MONDAY', startTime: '9:00', endTime: '17:00' }], ['input', 'workingHours', '0', 'startTime']],
        [[{ weekday: 'MONDAY', startTime: '09:00', endTime: '24:01' }], ['input', 'workingHours', '0', 'endTime']],
        [[{ weekday: 'MONDAY', startTime: '17:00', endTime: '09:00' }], ['input', 'workingHours', '0', 'endTime']],
        [[{ weekday: 'MONDAY', startTime: '08:00', endTime: '12:00' }, { weekday: 'MONDAY', startTime: '11:00', endTime: '13:00' }], ['input', 'workingHours', '1', 'startTime']],
        [Array.from({ length: 29 }, () => ({ weekday: 'MONDAY', startTime: '08:00', endTime: '09:00' })), ['input', 'workingHours']],
        [Array.from({ length: 5 }, (_, i) => ({ weekday: 'MONDAY', startTime: `0${i}:00`, endTime: `0${i}:30` })), ['input', 'workingHours', '4']],
      ];
      for (const [workingHours, path] of cases) {
        const result = await setHours(regularId, workingHours);
        expect(result.__typename, JSON.stringify(workingHours[0])).toBe('ValidationError');
        expect(result.fieldErrors.map((error: { path: string[] }) => error.path)).toContainEqual(path);
      }
      expect((await world.api.request(SET_HOURS, { input: { technicianId: regularId, workingHours: [{ weekday: 'FUNDAY', startTime: '08:00', endTime: '09:00' }] } }, world.tokens.dispatcher)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await world.api.ok(TECHNICIAN, { id: regularId }, world.tokens.dispatcher)).node.workingHours).toEqual(NINE_TO_FIVE);
    });
  });

  describe('booking into unavailable time', () => {
    it('refuses a job outside the hours, naming them, and writes nothing', async () => {
      const before = await db.prisma.workOrder.count({ where: { organizationId: world.org.id } });
      const early = await book({ windowStart: local('08:30') });
      expect(early).toMatchObject({
        __typename: 'OutsideAvailabilityError',
        kind: 'OUTSIDE_WORKING_HOURS',
        message: 'Rita Regular works 09:00–17:00 on Tuesdays: the window is outside those hours',
        workingHours: [{ weekday: 'TUESDAY', startTime: '09:00', endTime: '17:00' }],
        timeOff: null,
      });
      expect((await book({ windowStart: local('16:30') })).__typename).toBe('OutsideAvailabilityError'); // runs to 17:15
      expect(await book({ windowStart: local('10:00', '2027-01-09') })).toMatchObject({ message: 'Rita Regular does not work on Saturdays', workingHours: [] });
      expect(await db.prisma.workOrder.count({ where: { organizationId: world.org.id } })).toBe(before);
    });

    it('books an override on purpose and records it in the event', async () => {
      const result = await book({ windowStart: local('07:00', '2027-01-06'), overrideAvailability: true });
      expect(result.__typename).toBe('MutationCreateWorkOrderSuccess');
      expect(result.workOrder.events).toEqual([
        { type: 'CREATED', availabilityOverride: { kind: 'OUTSIDE_WORKING_HOURS', message: 'Rita Regular works 09:00–17:00 on Wednesdays: the window is outside those hours' } },
      ]);
      // An override that was not needed records nothing.
      const inside = await book({ windowStart: local('10:00', '2027-01-06'), overrideAvailability: true });
      expect(inside.workOrder.events).toEqual([{ type: 'CREATED', availabilityOverride: null }]);
    });

    it('refuses a job in time off, naming it, and a reschedule or a reassignment into it', async () => {
      const leave = await addTimeOff({ startsAt: local('12:00', '2027-01-07'), endsAt: local('14:00', '2027-01-07'), reason: 'Dentist' });
      expect(leave.__typename).toBe('MutationAddTimeOffSuccess');
      expect(await book({ windowStart: local('13:00', '2027-01-07') })).toMatchObject({
        __typename: 'OutsideAvailabilityError',
        kind: 'TIME_OFF',
        timeOff: { reason: 'Dentist' },
        message: 'Rita Regular is off from Thu 7 Jan 2027 12:00 to Thu 7 Jan 2027 14:00 (Dentist)',
      });
      const morning = await book({ windowStart: local('09:00', '2027-01-07') });
      const id = morning.workOrder.id;
      const moved = await world.api.ok(UPDATE, { input: { id, windowStart: local('11:30', '2027-01-07') } }, world.tokens.dispatcher);
      expect(moved.updateWorkOrder).toMatchObject({ __typename: 'OutsideAvailabilityError', kind: 'TIME_OFF' });
      const overridden = await world.api.ok(UPDATE, { input: { id, windowStart: local('11:30', '2027-01-07'), overrideAvailability: true } }, world.tokens.dispatcher);
      expect(overridden.updateWorkOrder.workOrder.events.at(-1)).toMatchObject({ type: 'RESCHEDULED', availabilityOverride: { kind: 'TIME_OFF' } });

      // Reassigning a job of another technician into Rita's time off, and to a technician without hours.
      const elsewhere = await world.api.ok(CREATE, { input: newWorkOrderInput(world, { windowStart: local('12:30', '2027-01-07') }) }, world.tokens.dispatcher);
      const reassigned = await world.api.ok(UPDATE, { input: { id: elsewhere.createWorkOrder.workOrder.id, technicianId: regularId } }, world.tokens.dispatcher);
      expect(reassigned.updateWorkOrder).toMatchObject({ __typename: 'OutsideAvailabilityError', kind: 'TIME_OFF' });
      const idle = await createTechnician(db.prisma, world.org.id, { name: 'Nora Nohours' }, []);
      const toIdle = await world.api.ok(UPDATE, { input: { id: elsewhere.createWorkOrder.workOrder.id, technicianId: gid('Technician', idle.id) } }, world.tokens.dispatcher);
      expect(toIdle.updateWorkOrder).toMatchObject({ __typename: 'OutsideAvailabilityError', message: 'Nora Nohours has no working hours set' });
    });

    it('lets the notes of a job already outside the hours be edited without an override', async () => {
      const job = await book({ windowStart: local('18:00', '2027-01-08'), overrideAvailability: true });
      const edited = await world.api.ok(UPDATE, { input: { id: job.workOrder.id, customerNotes: 'Call first.' } }, world.tokens.dispatcher);
      expect(edited.updateWorkOrder.__typename).toBe('MutationUpdateWorkOrderSuccess');
    });
  });

  describe('time off', () => {
    it('is refused over an active job unless the job is listed, and a canceled job is no obstacle', async () => {
      const job = await book({ windowStart: local('10:00', '2027-01-11') });
      const range = { startsAt: local('09:00', '2027-01-11'), endsAt: local('12:00', '2027-01-11'), reason: 'Family' };
      const refused = await addTimeOff(range);
      expect(refused).toMatchObject({ __typename: 'TimeOffOverlapError', workOrders: [{ id: job.workOrder.id }] });
      expect(refused.message).toMatch(/^The technician has WO-\d+ in that time/);
      expect(await db.prisma.timeOff.count({ where: { technicianId: regular.id, reason: 'Family' } })).toBe(0);
      expect((await addTimeOff({ ...range, workOrderIds: [job.workOrder.id] })).__typename).toBe('MutationAddTimeOffSuccess');

      const canceled = await book({ windowStart: local('10:00', '2027-01-12') });
      await world.api.ok(`mutation ($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { __typename } }`, { input: { id: canceled.workOrder.id, status: 'CANCELED', reason: 'Sold the car' } }, world.tokens.dispatcher);
      expect((await addTimeOff({ startsAt: local('09:00', '2027-01-12'), endsAt: local('12:00', '2027-01-12') })).__typename).toBe('MutationAddTimeOffSuccess');
    });

    it('is refused over other time off of the technician, naming it beside the field that runs into it; ranges that touch are not', async () => {
      const day = '2027-02-15';
      expect((await addTimeOff({ startsAt: local('09:00', day), endsAt: local('12:00', day), reason: 'Course' })).__typename).toBe('MutationAddTimeOffSuccess');
      const named = 'Overlaps the time off from Mon 15 Feb 2027 09:00 to Mon 15 Feb 2027 12:00 (Course): change that one or choose other times';
      const refusals: [string, string, string][] = [
        ['11:00', '13:00', 'startsAt'], // starts inside it
        ['09:00', '12:00', 'startsAt'], // the same range again
        ['10:00', '11:00', 'startsAt'], // inside it
        ['08:00', '09:30', 'endsAt'], // runs into it
        ['08:00', '13:00', 'endsAt'], // around it
      ];
      for (const [from, until, field] of refusals) {
        const refused = await addTimeOff({ startsAt: local(from, day), endsAt: local(until, day), reason: 'Again' });
        expect(refused, `${from}–${until}`).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', field], message: named }] });
      }
      expect(await db.prisma.timeOff.count({ where: { technicianId: regular.id, reason: 'Again' } })).toBe(0);

      // Ranges that end as it starts or start as it ends, and the same range for another technician, are added.
      expect((await addTimeOff({ startsAt: local('08:00', day), endsAt: local('09:00', day), reason: 'Before' })).__typename).toBe('MutationAddTimeOffSuccess');
      expect((await addTimeOff({ startsAt: local('12:00', day), endsAt: local('13:00', day), reason: 'After' })).__typename).toBe('MutationAddTimeOffSuccess');
      const other = { technicianId: gid('Technician', world.technician.id), startsAt: local('09:00', day), endsAt: local('12:00', day), reason: 'Course' };
      expect((await addTimeOff(other)).__typename).toBe('MutationAddTimeOffSuccess');
    });

    it('answers a range over both time off and a job with the time off: confirming the job would not have helped', async () => {
      const day = '2027-02-16';
      const job = await book({ windowStart: local('10:00', day) });
      expect((await addTimeOff({ startsAt: local('13:00', day), endsAt: local('14:00', day), reason: 'Doctor' })).__typename).toBe('MutationAddTimeOffSuccess');
      const refused = await addTimeOff({ startsAt: local('09:00', day), endsAt: local('15:00', day), reason: 'Sick', workOrderIds: [job.workOrder.id] });
      expect(refused).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'endsAt'], message: expect.stringContaining('(Doctor)') }] });
      const overJob = await addTimeOff({ startsAt: local('09:00', day), endsAt: local('13:00', day), reason: 'Sick' });
      expect(overJob).toMatchObject({ __typename: 'TimeOffOverlapError', workOrders: [{ id: job.workOrder.id }] });
      expect(await db.prisma.timeOff.count({ where: { technicianId: regular.id, reason: 'Sick' } })).toBe(0);
    });

    it('refuses an end before the start, no reason, and instants beyond the scalar range', async () => {
      const backwards = await addTimeOff({ startsAt: local('12:00', '2027-02-01'), endsAt: local('11:00', '2027-02-01') });
      expect(backwards).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'endsAt'], message: 'Time off must end after it starts' }] });
      const blank = await addTimeOff({ startsAt: local('11:00', '2027-02-01'), endsAt: local('12:00', '2027-02-01'), reason: '  ' });
      expect(blank.fieldErrors).toEqual([{ path: ['input', 'reason'], message: 'Time off needs a reason' }]);
      const far = await world.api.request(ADD_TIME_OFF, { input: { technicianId: regularId, startsAt: '2199-12-31T00:00:00Z', endsAt: '2200-01-02T00:00:00Z', reason: 'Forever' } }, world.tokens.dispatcher);
      expect(far.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const long = await addTimeOff({ startsAt: local('11:00', '2027-02-01'), endsAt: local('11:00', '2028-02-03') });
      expect(long.fieldErrors[0].message).toBe('One time-off range lasts at most 366 days');
    });

    it('counts the reason in characters as the office sees them: 200 emoji are taken, 201 refused on input.reason', async () => {
      const reason = '🏖️'.repeat(200);
      expect(await addTimeOff({ startsAt: local('06:00', '2027-02-02'), endsAt: local('07:00', '2027-02-02'), reason })).toMatchObject({ timeOff: { reason } });
      const over = await addTimeOff({ startsAt: local('07:00', '2027-02-02'), endsAt: local('08:00', '2027-02-02'), reason: `${reason}🏖️` });
      expect(over).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'reason'], message: 'At most 200 characters' }] });
    });

    it('caps a technician at 100 ranges that have not ended', async () => {
      const flooded = await createTechnician(db.prisma, world.org.id);
      await db.prisma.timeOff.createMany({
        data: Array.from({ length: 100 }, (_, i) => ({
          organizationId: world.org.id,
          technicianId: flooded.id,
          startsAt: new Date(Date.UTC(2030, 0, 1 + i)),
          endsAt: new Date(Date.UTC(2030, 0, 1 + i, 1)),
          reason: 'Flood',
        })),
      });
      const result = await addTimeOff({ technicianId: gid('Technician', flooded.id), startsAt: '2031-01-01T00:00:00Z', endsAt: '2031-01-01T01:00:00Z' });
      expect(result).toMatchObject({ __typename: 'ValidationError', message: 'input: A technician may hold at most 100 time-off ranges that have not ended' });
    });

    it("is added and removed by the office only, and another organization's range or technician is not found", async () => {
      const range = { startsAt: local('09:00', '2027-03-01'), endsAt: local('10:00', '2027-03-01') };
      for (const token of [world.tokens.technician, world.tokens.customer, world.tokens.writeKey]) {
        expect((await addTimeOff(range, token)).__typename).toBe('ForbiddenError');
      }
      const other = await createOrganization(db.prisma);
      const stranger = await createTechnician(db.prisma, other.id);
      expect((await addTimeOff({ ...range, technicianId: gid('Technician', stranger.id) })).__typename).toBe('NotFoundError');
      const theirs = await db.prisma.timeOff.create({ data: { organizationId: other.id, technicianId: stranger.id, ...range, reason: 'Theirs' } });
      const removeTheirs = await world.api.ok(REMOVE_TIME_OFF, { input: { id: gid('TimeOff', theirs.id) } }, world.tokens.dispatcher);
      expect(removeTheirs.removeTimeOff.__typename).toBe('NotFoundError');
      expect(await db.prisma.timeOff.count({ where: { id: theirs.id } })).toBe(1);

      const ours = await addTimeOff(range);
      expect((await world.api.ok(REMOVE_TIME_OFF, { input: { id: ours.timeOff.id } }, world.tokens.technician)).removeTimeOff.__typename).toBe('ForbiddenError');
      expect((await world.api.ok(REMOVE_TIME_OFF, { input: { id: ours.timeOff.id } }, world.tokens.dispatcher)).removeTimeOff).toEqual({ __typename: 'MutationRemoveTimeOffSuccess', technician: { id: regularId } });
      expect((await world.api.ok(REMOVE_TIME_OFF, { input: { id: ours.timeOff.id } }, world.tokens.dispatcher)).removeTimeOff.__typename).toBe('NotFoundError');
    });

    it('reads a span of at most 400 days', async () => {
      const query = `query ($id: ID!, $from: DateTime!, $to: DateTime!) { node(id: $id) { ... on Technician { timeOff(from: $from, to: $to) { reason } } } }`;
      const tooLong = await world.api.request(query, { id: regularId, from: '2027-01-01T00:00:00Z', to: '2028-03-01T00:00:00Z' }, world.tokens.dispatcher);
      expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const backwards = await world.api.request(query, { id: regularId, from: '2027-02-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }, world.tokens.dispatcher);
      expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('a booking and a new time off at the same moment', () => {
    it('never both succeed: the technician row lock makes one see the other', async () => {
      for (const date of ['2027-04-05', '2027-04-06', '2027-04-07', '2027-04-08', '2027-04-09', '2027-04-12']) {
        const round = date.slice(-2);
        const start = new Date(`${date}T10:00:00-05:00`).toISOString();
        const range = { startsAt: new Date(`${date}T09:00:00-05:00`).toISOString(), endsAt: new Date(`${date}T12:00:00-05:00`).toISOString() };
        const [booking, timeOff] = await Promise.all([book({ windowStart: start, overrideAvailability: false }), addTimeOff({ ...range, reason: `Race ${round}` })]);
        const outcomes = [booking.__typename, timeOff.__typename];
        const booked = booking.__typename === 'MutationCreateWorkOrderSuccess';
        const off = timeOff.__typename === 'MutationAddTimeOffSuccess';
        expect(booked && off, outcomes.join(' + ')).toBe(false);
        if (!booked) expect(booking.__typename).toBe('OutsideAvailabilityError');
        if (!off) expect(timeOff.__typename).toBe('TimeOffOverlapError');
      }
    });
  });

  describe('two overlapping time off ranges at the same moment', () => {
    it('never both added: the database refuses the second, and the answer names the first', async () => {
      for (const day of ['2027-02-22', '2027-02-23', '2027-02-24', '2027-02-25', '2027-02-26']) {
        const [left, right] = await Promise.all([
          addTimeOff({ startsAt: local('09:00', day), endsAt: local('12:00', day), reason: `Left ${day}` }),
          addTimeOff({ startsAt: local('10:00', day), endsAt: local('13:00', day), reason: `Right ${day}` }),
        ]);
        const added = [left, right].filter((result) => result.__typename === 'MutationAddTimeOffSuccess');
        expect(added, [left.__typename, right.__typename].join(' + ')).toHaveLength(1);
        const refused = left === added[0] ? right : left;
        expect(refused.__typename).toBe('ValidationError');
        expect(refused.fieldErrors[0].message).toContain(`(${added[0].timeOff.reason})`);
        const ranges = await db.prisma.timeOff.findMany({ where: { technicianId: regular.id, reason: { endsWith: day } } });
        expect(ranges.map((range) => range.reason)).toEqual([added[0].timeOff.reason]);
      }
    });
  });

  describe('the schedule and free slots', () => {
    const SCHEDULE = `query ($date: Date!) { schedule(date: $date) { technicians { technician { name } hasWorkingHours unavailable { kind windowStart windowEnd reason } } } }`;

    it('shades each column outside its hours and in its time off, and flags a technician without hours', async () => {
      await createTechnician(db.prisma, world.org.id, { name: 'Zed Nohours' }, []);
      await addTimeOff({ startsAt: local('13:00', '2027-01-19'), endsAt: local('14:00', '2027-01-19'), reason: 'Training' });
      const { schedule } = await world.api.ok(SCHEDULE, { date: '2027-01-19' }, world.tokens.dispatcher);
      const column = (name: string) => schedule.technicians.find((c: { technician: { name: string } }) => c.technician.name === name);
      expect(column('Rita Regular')).toMatchObject({
        hasWorkingHours: true,
        unavailable: [
          { kind: 'OUTSIDE_WORKING_HOURS', windowStart: local('00:00', '2027-01-19'), windowEnd: local('09:00', '2027-01-19'), reason: null },
          { kind: 'TIME_OFF', windowStart: local('13:00', '2027-01-19'), windowEnd: local('14:00', '2027-01-19'), reason: 'Training' },
          { kind: 'OUTSIDE_WORKING_HOURS', windowStart: local('17:00', '2027-01-19'), windowEnd: local('00:00', '2027-01-20'), reason: null },
        ],
      });
      expect(column('Zed Nohours')).toMatchObject({ hasWorkingHours: false, unavailable: [{ kind: 'OUTSIDE_WORKING_HOURS' }] });
      expect(column('Maria Lopez')).toMatchObject({ hasWorkingHours: true, unavailable: [] });
      // A read-only key sees the flags, not when or why someone is off.
      const asKey = await world.api.ok(SCHEDULE, { date: '2027-01-19' }, world.tokens.readKey);
      expect(asKey.schedule.technicians.every((c: { unavailable: unknown }) => c.unavailable === null)).toBe(true);
    });

    it('offers the windows where the service fits, nearest the wanted time first', async () => {
      // Wednesday 20 January: a job 10:00–10:45, time off 13:00–16:30.
      await book({ windowStart: local('10:00', '2027-01-20') });
      await addTimeOff({ startsAt: local('13:00', '2027-01-20'), endsAt: local('16:30', '2027-01-20'), reason: 'Course' });
      const { availableSlots } = await world.api.ok(SLOTS, { serviceTypeId: gid('ServiceType', world.serviceType.id), date: '2027-01-20', technicianId: regularId, near: local('10:20', '2027-01-20') }, world.tokens.dispatcher);
      expect(availableSlots).toEqual([
        { technician: { name: 'Rita Regular' }, windowStart: local('10:45', '2027-01-20'), windowEnd: local('11:30', '2027-01-20'), freeFrom: local('10:45', '2027-01-20'), freeUntil: local('13:00', '2027-01-20') },
        { technician: { name: 'Rita Regular' }, windowStart: local('09:15', '2027-01-20'), windowEnd: local('10:00', '2027-01-20'), freeFrom: local('09:00', '2027-01-20'), freeUntil: local('10:00', '2027-01-20') },
      ]);
      // An hour fits 09:00–10:00 but not 16:30–17:00; without `near` the windows come in order of start.
      const longer = await world.api.ok(SLOTS, { serviceTypeId: gid('ServiceType', world.serviceType.id), date: '2027-01-20', technicianId: regularId, durationMinutes: 60 }, world.tokens.dispatcher);
      expect(longer.availableSlots.map((slot: { windowStart: string }) => slot.windowStart)).toEqual([local('09:00', '2027-01-20'), local('10:45', '2027-01-20')]);
      // Every active technician when none is named: the round-the-clock ones too.
      const everyone = await world.api.ok(SLOTS, { serviceTypeId: gid('ServiceType', world.serviceType.id), date: '2027-01-20' }, world.tokens.dispatcher);
      expect(new Set(everyone.availableSlots.map((slot: { technician: { name: string } }) => slot.technician.name))).toContain('Devon Carter');
    });

    it('refuses free slots to a technician or a customer, and answers foreign or bad arguments as bad input', async () => {
      const args = { serviceTypeId: gid('ServiceType', world.serviceType.id), date: '2027-01-20' };
      for (const token of [world.tokens.technician, world.tokens.customer, world.tokens.readKey]) {
        expect((await world.api.request(SLOTS, args, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      const other = await createOrganization(db.prisma);
      const strangerTech = await createTechnician(db.prisma, other.id);
      const strangerService = await createServiceType(db.prisma, other.id);
      expect((await world.api.request(SLOTS, { ...args, technicianId: gid('Technician', strangerTech.id) }, world.tokens.dispatcher)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await world.api.request(SLOTS, { ...args, serviceTypeId: gid('ServiceType', strangerService.id) }, world.tokens.dispatcher)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      for (const bad of [{ durationMinutes: 0 }, { durationMinutes: -5 }, { durationMinutes: 1441 }, { date: '2200-01-01' }, { technicianId: 'nope' }]) {
        expect((await world.api.request(SLOTS, { ...args, ...bad }, world.tokens.dispatcher)).errors?.[0]?.extensions?.code, JSON.stringify(bad)).toBe('BAD_USER_INPUT');
      }
    });
  });

  describe('a service type', () => {
    const CREATE_SERVICE_TYPE = `mutation ($input: CreateServiceTypeInput!) { createServiceType(input: $input) { __typename ... on ValidationError { fieldErrors { path message } } } }`;

    it('cannot have a zero or negative duration, through the API or straight into the database', async () => {
      for (const defaultDurationMinutes of [0, -15]) {
        const result = await world.api.ok(CREATE_SERVICE_TYPE, { input: { name: `Zero ${defaultDurationMinutes}`, defaultPriceMinor: 100, defaultDurationMinutes } }, world.tokens.dispatcher);
        expect(result.createServiceType).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'defaultDurationMinutes'] }] });
      }
      await expect(createServiceType(db.prisma, world.org.id, { defaultDurationMinutes: 0 })).rejects.toThrow(/ServiceType_duration_check/);
    });
  });
});
