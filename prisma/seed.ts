// Demo data: a believable mobile-service business and a second, smaller one for isolation.
// Idempotent: an organization whose slug exists is left as it is, so running it twice adds nothing.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { PrismaClient } from '../api/src/generated/prisma/client.js';
import { openDatabase, targetFromEnv } from '../api/src/db/database.js';
import { applyMigrations } from '../api/src/db/migrations.js';
import { withMigrationLock } from '../api/src/db/migration-lock.js';
import type { Transaction } from '../api/src/db/types.js';
import { callerFromUser } from '../api/src/auth/credential-lookup.js';
import type { Caller } from '../api/src/domain/caller.js';
import type { Role } from '../api/src/domain/roles.js';
import { pathTo, type WorkOrderStatus } from '../api/src/domain/status.js';
import { addDays, addMinutes, atLocalTime, dateInZone } from '../api/src/domain/time.js';
import { runCommand } from '../api/src/services/command.js';
import { createCustomer } from '../api/src/services/customers.js';
import { foundOrganization } from '../api/src/services/organizations.js';
import { createServiceAddress } from '../api/src/services/service-addresses.js';
import { createServiceType } from '../api/src/services/service-types.js';
import { createTechnician } from '../api/src/services/technicians.js';
import { createUser } from '../api/src/services/users.js';
import { createVehicle } from '../api/src/services/vehicles.js';
import { createWorkOrder } from '../api/src/services/work-orders/create.js';
import { transitionWorkOrder } from '../api/src/services/work-orders/transition.js';
import { parseClock, unavailabilityOf, type Availability } from '../api/src/domain/availability.js';
import { addTimeOff, setWorkingHours } from '../api/src/services/technician-availability/commands.js';

/** A week of working hours: lines of [weekdays (1 Monday .. 7 Sunday), from, to], local to the organization. */
type Roster = [weekdays: number[], from: string, to: string][];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

export const DEMO_PASSWORD = 'demo-password';

interface OrgPlan {
  slug: string;
  name: string;
  timeZone: string;
  currency: string;
  emailDomain: string;
  technicians: [name: string, color: string][];
  serviceTypes: [name: string, priceMinor: number, minutes: number, description: string][];
  customers: number;
  fleetEvery: number;
  jobsPerTechnicianPerDay: number;
  /** By technician, in the order of `technicians`; a technician without one has no hours (the board flags them). */
  rosters: Roster[];
  /** Time off, by technician index, on the day `dayOffset` days from today. */
  timeOff: { technician: number; dayOffset: number; from: string; to: string; reason: string }[];
}

export const DEMO_ORGANIZATIONS: OrgPlan[] = [
  {
    slug: 'northwind',
    name: 'Northwind Mobile Lube',
    timeZone: 'America/Chicago',
    currency: 'USD',
    emailDomain: 'northwind.test',
    technicians: [
      ['Maria Lopez', '#2563eb'],
      ['Devon Carter', '#16a34a'],
      ['Aisha Khan', '#dc2626'],
      ['Tomasz Nowak', '#9333ea'],
      ['Jamal Brooks', '#ea580c'],
      ['Lena Fischer', '#0891b2'],
      ['Sam Whitaker', '#ca8a04'],
      ['Priya Raman', '#db2777'],
    ],
    serviceTypes: [
      ['Conventional Oil Change', 5999, 45, 'Up to 5 qt conventional oil and a new filter.'],
      ['Synthetic Oil Change', 8999, 45, 'Up to 5 qt full synthetic oil and a premium filter.'],
      ['Tire Rotation', 3999, 30, 'Rotate and balance-check four tires, set pressures.'],
      ['Brake Inspection', 4999, 60, 'Pads, rotors and fluid checked, with a written report.'],
      ['Battery Replacement', 17999, 30, 'Test, replace and recycle the old battery.'],
      ['Fleet Preventive Maintenance', 14999, 90, 'Oil, filters, fluids, lights and a 30-point inspection.'],
    ],
    customers: 40,
    fleetEvery: 5,
    jobsPerTechnicianPerDay: 3,
    // Seven days a week with evening service: every seeded job, and evening bookings, fall inside.
    rosters: Array.from({ length: 8 }, (): Roster => [[EVERY_DAY, '07:00', '23:00']]),
    // Tomasz has no job between 12:00 and 15:30 tomorrow.
    timeOff: [{ technician: 3, dayOffset: 1, from: '12:00', to: '15:00', reason: 'Dentist appointment' }],
  },
  {
    slug: 'kiwi',
    name: 'Kiwi Tyre & Lube',
    timeZone: 'Pacific/Auckland',
    currency: 'NZD',
    emailDomain: 'kiwi.test',
    technicians: [
      ['Aroha Ngata', '#0f766e'],
      ['Liam Walsh', '#b45309'],
    ],
    serviceTypes: [
      ['Conventional Oil Change', 8900, 45, 'Oil and filter.'],
      ['Tyre Rotation', 4900, 30, 'Rotate four tyres.'],
      ['Warrant of Fitness Check', 6500, 60, 'Pre-WoF inspection.'],
    ],
    customers: 5,
    fleetEvery: 3,
    jobsPerTechnicianPerDay: 2,
    // Aroha works a split weekday and a Saturday morning; Liam has no hours yet, so the board flags him.
    rosters: [
      [
        [[1, 2, 3, 4, 5], '08:00', '12:00'],
        [[1, 2, 3, 4, 5], '12:30', '17:00'],
        [[6], '09:00', '13:00'],
      ],
    ],
    timeOff: [{ technician: 0, dayOffset: 2, from: '13:00', to: '17:00', reason: 'Training course' }],
  },
];

const FIRST = ['Olivia', 'Noah', 'Emma', 'Liam', 'Ava', 'Ethan', 'Mia', 'Lucas', 'Zoe', 'Mateo', 'Chloe', 'Owen', 'Nora', 'Caleb', 'Ruby', 'Isaac'];
const LAST = ['Bennett', 'Garcia', 'Hughes', 'Kim', 'Okafor', 'Patel', 'Reyes', 'Schmidt', 'Turner', 'Nguyen', 'Walsh', 'Young', 'Diaz', 'Foster'];
const FLEETS = ['Metro Plumbing', 'Bright Electric', 'GreenLeaf Landscaping', 'City Courier', 'Summit Realty', 'Harbor Catering', 'Apex HVAC', 'Rapid Rooter'];
const VEHICLES: [string, string][] = [
  ['Toyota', 'Camry'], ['Honda', 'Civic'], ['Ford', 'F-150'], ['Chevrolet', 'Silverado'], ['Ford', 'Transit'],
  ['Ram', 'ProMaster'], ['Tesla', 'Model Y'], ['Subaru', 'Outback'], ['Nissan', 'Rogue'], ['Jeep', 'Wrangler'],
];
const COLORS = ['White', 'Black', 'Silver', 'Blue', 'Red', 'Grey'];
const STREETS = ['Maple Ave', 'Oak St', 'Lakeshore Dr', 'Cedar Ln', 'Industrial Pkwy', 'Main St', 'Elm Ct', 'River Rd'];
const SLOTS = ['08:00', '10:30', '13:30', '15:30'];

/** A small deterministic generator, so every seeded database looks the same. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

/**
 * The status a seeded job has, from how far its day lies from today; `variant` spreads the
 * outcomes over the technicians so that every status appears.
 */
function statusFor(dayOffset: number, slotIndex: number, variant: number): WorkOrderStatus {
  if (dayOffset < 0) return variant % 9 === 4 ? 'CANCELED' : variant % 9 === 7 ? 'NO_SHOW' : 'COMPLETED';
  if (dayOffset > 0) return variant % 11 === 5 ? 'CANCELED' : 'SCHEDULED';
  // Today: the morning job is done, the next one is under way, the afternoon is still ahead.
  if (slotIndex === 0) return 'COMPLETED';
  if (slotIndex === 1) return (['EN_ROUTE', 'ON_SITE', 'IN_PROGRESS'] as const)[variant % 3]!;
  return 'SCHEDULED';
}

/** The first admin of a planned organization, named before its rows exist (see foundOrganization). */
function founder(): Caller {
  return { kind: 'user', organizationId: randomUUID(), userId: randomUUID(), name: 'Avery Admin', role: 'ADMIN', technicianId: null, customerId: null };
}

/**
 * Seeds one organization through the same commands the API runs, in one transaction: founding it,
 * its catalog, customers and logins as its admin, then a week of jobs booked and moved along by its
 * dispatcher, so every rule (numbering, overlaps, events, invoices) is the API's own.
 */
export async function seedOrganization(prisma: PrismaClient, plan: OrgPlan, now: Date) {
  if (await prisma.organization.findUnique({ where: { slug: plan.slug } })) return false;
  await runCommand({ prisma }, founder(), seedBusiness, { plan, now }, { timeoutMs: 300_000 });
  return true;
}

async function seedBusiness(tx: Transaction, admin: Caller, { plan, now }: { plan: OrgPlan; now: Date }) {
  const rnd = random(plan.slug.length * 7919);
  const { slug, name, timeZone, currency } = plan;
  await foundOrganization(tx, admin, { slug, name, timeZone, currency, adminEmail: `admin@${plan.emailDomain}`, adminPassword: DEMO_PASSWORD });

  const technicians = [];
  for (const [name, color] of plan.technicians) {
    const first = name.split(' ')[0]!.toLowerCase();
    technicians.push(await createTechnician(tx, admin, { name, color, email: `${first}@${plan.emailDomain}`, phone: `555-01${technicians.length}0` }));
  }
  const serviceTypes = [];
  for (const [name, defaultPriceMinor, defaultDurationMinutes, description] of plan.serviceTypes) {
    serviceTypes.push(await createServiceType(tx, admin, { name, description, defaultPriceMinor, defaultDurationMinutes }));
  }

  const customers = [];
  for (let i = 0; i < plan.customers; i++) {
    const isFleet = i % plan.fleetEvery === 0;
    const person = `${FIRST[i % FIRST.length]} ${LAST[(i * 5) % LAST.length]}`;
    const company = isFleet ? FLEETS[(i / plan.fleetEvery) % FLEETS.length]! : null;
    const name = company ?? person;
    const customer = await createCustomer(tx, admin, {
      name,
      company,
      isFleet,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`,
      phone: `555-${String(1000 + i * 37).slice(-4)}`,
    });
    const vehicleCount = isFleet ? 3 + rnd.int(3) : 1 + rnd.int(2);
    const vehicles = [];
    for (let v = 0; v < vehicleCount; v++) {
      const [make, model] = rnd.pick(VEHICLES);
      vehicles.push(
        await createVehicle(tx, admin, {
          customerId: customer.id,
          year: 2012 + rnd.int(13),
          make,
          model,
          color: rnd.pick(COLORS),
          licensePlate: `${String.fromCharCode(65 + rnd.int(26))}${String.fromCharCode(65 + rnd.int(26))}${100 + rnd.int(900)}`,
          vin: `1HGCM${String(10_000_000_000 + i * 1000 + v).padStart(12, '0')}`,
          notes: isFleet && v === 0 ? `Unit ${100 + v}` : null,
        }),
      );
    }
    const addressCount = isFleet ? 2 : 1;
    const addresses = [];
    for (let a = 0; a < addressCount; a++) {
      addresses.push(
        await createServiceAddress(tx, admin, {
          customerId: customer.id,
          label: a === 0 ? (isFleet ? 'Depot' : 'Home') : 'Yard',
          street: `${100 + rnd.int(8900)} ${rnd.pick(STREETS)}`,
          city: plan.slug === 'kiwi' ? 'Auckland' : 'Chicago',
          region: plan.slug === 'kiwi' ? 'Auckland' : 'IL',
          postalCode: plan.slug === 'kiwi' ? '1010' : `606${10 + rnd.int(80)}`,
          accessNotes: a === 0 && isFleet ? `Gate code ${1000 + rnd.int(9000)}` : null,
        }),
      );
    }
    customers.push({ customer, vehicles, addresses });
  }

  const login = (email: string, name: string, role: Role, links: { technicianId?: string; customerId?: string } = {}) =>
    createUser(tx, admin, { email: `${email}@${plan.emailDomain}`, name, role, password: DEMO_PASSWORD, ...links });
  const dispatcher = callerFromUser(await login('dispatcher', 'Dana Dispatcher', 'DISPATCHER'));
  await login('tech', technicians[0]!.name, 'TECHNICIAN', { technicianId: technicians[0]!.id });
  await login('fleet', `${customers[0]!.customer.name} (fleet manager)`, 'CUSTOMER', { customerId: customers[0]!.customer.id });

  const today = dateInZone(now, plan.timeZone);
  const availability = await giveHours(tx, admin, technicians, plan, today);
  for (let dayOffset = -3; dayOffset <= 3; dayOffset++) {
    const date = addDays(today, dayOffset);
    // One extra column index stands for the unassigned queue.
    for (let t = 0; t <= technicians.length; t++) {
      const technician = technicians[t] ?? null;
      const jobs = technician ? plan.jobsPerTechnicianPerDay : 2;
      for (let s = 0; s < jobs; s++) {
        const slotIndex = (s + t) % SLOTS.length;
        // Customer 0 is the demo fleet login: give it a share of the jobs so the portal has a history.
        const { customer, vehicles, addresses } = s === 0 && t % 3 === 0 ? customers[0]! : rnd.pick(customers);
        const serviceType = customer.isFleet && rnd.next() < 0.4 ? serviceTypes[serviceTypes.length - 1]! : rnd.pick(serviceTypes);
        const windowStart = atLocalTime(date, SLOTS[slotIndex]!, plan.timeZone);
        const status = technician ? statusFor(dayOffset, slotIndex, t + s + dayOffset + 3) : dayOffset < 0 ? 'CANCELED' : 'SCHEDULED';
        const input = {
          customerId: customer.id,
          vehicleId: rnd.pick(vehicles).id,
          serviceTypeId: serviceType.id,
          serviceAddressId: rnd.pick(addresses).id,
          technicianId: technician?.id ?? null,
          windowStart,
          windowEnd: addMinutes(windowStart, Math.max(serviceType.defaultDurationMinutes, 60)),
          customerNotes: rnd.next() < 0.4 ? 'Please text on arrival.' : null,
          internalNotes: rnd.next() < 0.4 ? 'Customer prefers Mobil 1; upsell wiper blades.' : null,
        };
        // A planned job the technician's roster leaves no room for is not booked (Kiwi's Sundays, Liam who has no hours yet).
        if (technician && unavailabilityOf(input, availability[t]!, plan.timeZone)) continue;
        const workOrder = await createWorkOrder(tx, dispatcher, input);
        for (const step of status === 'CANCELED' ? ['CANCELED' as const] : pathTo(status)) {
          await transitionWorkOrder(tx, dispatcher, { id: workOrder.id, status: step, cancelReason: step === 'CANCELED' ? 'Customer rescheduled by phone' : null });
        }
      }
    }
  }
  await backdateHistory(tx, admin.organizationId);
}

/**
 * The technicians' rosters and time off, set through the same commands as the Technicians page;
 * answers what was set, by technician, for the seed to plan its bookings by.
 */
async function giveHours(tx: Transaction, admin: Caller, technicians: { id: string }[], plan: OrgPlan, today: string): Promise<Availability[]> {
  const availability: Availability[] = [];
  for (const [index, technician] of technicians.entries()) {
    const workingHours = (plan.rosters[index] ?? []).flatMap(([weekdays, from, to]) =>
      weekdays.map((weekday) => ({ weekday, startMinute: parseClock(from)!, endMinute: parseClock(to)! })),
    );
    await setWorkingHours(tx, admin, { technicianId: technician.id, workingHours });
    availability.push({ workingHours, timeOff: [] });
  }
  for (const { technician, dayOffset, from, to, reason } of plan.timeOff) {
    const date = addDays(today, dayOffset);
    const range = await addTimeOff(tx, admin, { technicianId: technicians[technician]!.id, startsAt: atLocalTime(date, from, plan.timeZone), endsAt: atLocalTime(date, to, plan.timeZone), reason });
    availability[technician] = { ...availability[technician]!, timeOff: [...availability[technician]!.timeOff, range] };
  }
  return availability;
}

/**
 * The commands log every event at the seed's own time; a demo reads better with a history: each job
 * created the day before its window, and each status step ten minutes after the one before, from its
 * start. The log is append-only; its guard is a trigger, which the replica role skips, for this one
 * statement (the events' commit-time sequencing was queued when they were inserted, and still runs).
 */
async function backdateHistory(tx: Transaction, organizationId: string) {
  await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
  await tx.$executeRaw`
    UPDATE "WorkOrderEvent" e
    SET at = CASE WHEN steps.step = 1 THEN w."windowStart" - interval '1 day'
                  ELSE w."windowStart" + (steps.step - 1) * interval '10 minutes' END
    FROM (SELECT seq, row_number() OVER (PARTITION BY "workOrderId" ORDER BY seq) AS step
          FROM "WorkOrderEvent" WHERE "organizationId" = ${organizationId}::uuid) steps,
         "WorkOrder" w
    WHERE e.seq = steps.seq AND w.id = e."workOrderId"`;
  await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = origin`);
}

export async function seedDemo(prisma: PrismaClient, now = new Date()): Promise<string[]> {
  const seeded: string[] = [];
  for (const plan of DEMO_ORGANIZATIONS) {
    if (await seedOrganization(prisma, plan, now)) seeded.push(plan.slug);
  }
  return seeded;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const target = targetFromEnv();
  const db = openDatabase(target);
  try {
    const seeded = await withMigrationLock(target, async () => {
      await applyMigrations(db.adapterFactory);
      return seedDemo(db.prisma);
    });
    console.log(seeded.length ? `Seeded: ${seeded.join(', ')}` : 'Demo organizations already present: nothing to do.');
  } finally {
    await db.close();
  }
}
