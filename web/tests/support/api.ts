import { inject } from 'vitest';
import { instantOf, todayIn } from '../../src/lib/format';
import { DEMO_PASSWORD } from './browser';

/** The demo business's time zone (prisma/seed.ts). */
const DEMO_ZONE = 'America/Chicago';

/**
 * GraphQL against the same origin the browser uses, as `token` (a session token or an API key secret)
 * or anonymously; for set-up the demo data lacks and for checking what the API stored.
 * Throws with the errors when the answer has no data.
 */
export async function api<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
	const response = await fetch(`${inject('baseUrl')}/graphql`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
		body: JSON.stringify({ query, variables })
	});
	const body = (await response.json()) as { data?: T; errors?: unknown };
	if (!body.data) throw new Error(JSON.stringify(body.errors));
	return body.data;
}

/** A session token for a demo login, signed in through the API. */
export async function tokenFor(email: string): Promise<string> {
	const data = await api(`mutation ($input: LoginInput!) { login(input: $input) { ... on MutationLoginSuccess { session { token } } } }`, {
		input: { email, password: DEMO_PASSWORD }
	});
	return data.login.session.token;
}

/**
 * Books a 45-minute Conventional Oil Change today at a local time (`at`, "17:00") for Maria Lopez
 * (tech@northwind.test) and the customer of the fleet login (Metro Plumbing), through the API as `token`
 * (the office). The job goes to the customer's first vehicle and to its address with access notes (else its
 * first), with the notes given. Returns the job with that vehicle's name and that address.
 */
export function bookForMaria(token: string, at: string, notes: { customerNotes?: string; internalNotes?: string } = {}) {
	return book(token, { at, ...notes });
}

/** As bookForMaria, for any technician (by name) and day (default today); `overrideAvailability` books outside their hours on purpose. */
export async function book(
	token: string,
	options: { at: string; date?: string; technician?: string; customerNotes?: string; internalNotes?: string; overrideAvailability?: boolean }
) {
	const { at, date = todayIn(DEMO_ZONE), technician = 'Maria Lopez', ...notes } = options;
	const { technicians, customers, serviceTypes } = await api(
		`{ technicians { id name } customers(search: "Metro Plumbing", first: 1) { edges { node { id vehicles { id displayName } addresses { id oneLine accessNotes } } } }
		   serviceTypes { id name defaultDurationMinutes } }`,
		{},
		token
	);
	const customer = customers.edges[0].node;
	const address = customer.addresses.find((a: { accessNotes: string | null }) => a.accessNotes) ?? customer.addresses[0];
	const input = {
		customerId: customer.id,
		vehicleId: customer.vehicles[0].id,
		serviceAddressId: address.id,
		serviceTypeId: serviceTypes.find((s: { name: string }) => s.name === 'Conventional Oil Change').id,
		technicianId: technicians.find((t: { name: string }) => t.name === technician).id,
		windowStart: instantOf(date, at, DEMO_ZONE),
		...notes
	};
	const data = await api(
		`mutation ($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) { __typename ... on Error { message } ... on MutationCreateWorkOrderSuccess { workOrder { id label } } } }`,
		{ input },
		token
	);
	if (data.createWorkOrder.__typename !== 'MutationCreateWorkOrderSuccess') throw new Error(`Could not book at ${at}: ${data.createWorkOrder.message}`);
	const workOrder = data.createWorkOrder.workOrder as { id: string; label: string };
	return { ...workOrder, vehicle: customer.vehicles[0].displayName as string, address: address as { oneLine: string; accessNotes: string } };
}

/** The payload of a mutation through the API, or an error naming what it answered instead. */
async function mutate(token: string, mutation: string, field: string, input: Record<string, unknown>) {
	const data = await api(`mutation ($input: ${mutation}) { ${field}(input: $input) { __typename ... on Error { message } ... on ${successOf(field)} { ${RESULT[field]} } } }`, { input }, token);
	const payload = data[field];
	if (payload.__typename !== successOf(field)) throw new Error(`${field} answered ${payload.__typename}: ${payload.message}`);
	return payload;
}

const successOf = (field: string) => `Mutation${field[0]!.toUpperCase()}${field.slice(1)}Success`;
const RESULT: Record<string, string> = {
	createCustomer: 'customer { id name }',
	createVehicle: 'vehicle { id displayName }',
	createServiceAddress: 'serviceAddress { id }',
	createWorkOrder: 'workOrder { id label }'
};

/** A customer of its own for a test (a unique name), with one vehicle of the given plate and VIN and one address. */
export async function createTestCustomer(token: string, name: string, vehicle: { licensePlate: string; vin: string; make?: string; model?: string }) {
	const { customer } = await mutate(token, 'CreateCustomerInput!', 'createCustomer', { name, isFleet: true });
	const created = await mutate(token, 'CreateVehicleInput!', 'createVehicle', { customerId: customer.id, make: vehicle.make ?? 'Ford', model: vehicle.model ?? 'Transit', year: 2022, ...vehicle });
	const { serviceAddress } = await mutate(token, 'CreateServiceAddressInput!', 'createServiceAddress', {
		customerId: customer.id,
		label: 'Depot',
		street: '400 W Lake St',
		city: 'Chicago',
		region: 'IL',
		postalCode: '60606'
	});
	return { id: customer.id as string, name: customer.name as string, vehicle: created.vehicle as { id: string; displayName: string }, addressId: serviceAddress.id as string };
}

/**
 * Books a Conventional Oil Change for that customer on a day (in the demo zone) at a local time, unassigned
 * unless a technician is named (only an assigned job can be moved past Scheduled).
 */
export async function bookForCustomer(token: string, customer: Awaited<ReturnType<typeof createTestCustomer>>, day: string, at: string, technician?: string) {
	const { serviceTypes, technicians } = await api(`{ serviceTypes { id name } technicians { id name } }`, {}, token);
	const { workOrder } = await mutate(token, 'CreateWorkOrderInput!', 'createWorkOrder', {
		customerId: customer.id,
		vehicleId: customer.vehicle.id,
		serviceAddressId: customer.addressId,
		serviceTypeId: serviceTypes.find((s: { name: string }) => s.name === 'Conventional Oil Change').id,
		technicianId: technician ? technicians.find((t: { name: string }) => t.name === technician).id : null,
		windowStart: instantOf(day, at, DEMO_ZONE)
	});
	return workOrder as { id: string; label: string };
}

/** Moves a job from Scheduled through every step to Completed (which issues its invoice), as `token`. */
export async function completeJob(token: string, id: string) {
	for (const status of ['EN_ROUTE', 'ON_SITE', 'IN_PROGRESS', 'COMPLETED']) {
		const data = await api(`mutation ($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { __typename } }`, { input: { id, status } }, token);
		if (data.transitionWorkOrder.__typename !== 'MutationTransitionWorkOrderSuccess') throw new Error(`Could not move ${id} to ${status}`);
	}
}

/** Cancels a work order through the API as `token` (the office). */
export async function cancel(token: string, id: string, reason = 'The customer called to cancel'): Promise<void> {
	const data = await api(`mutation ($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { __typename } }`, { input: { id, status: 'CANCELED', reason } }, token);
	if (data.transitionWorkOrder.__typename !== 'MutationTransitionWorkOrderSuccess') throw new Error(`Could not cancel: ${data.transitionWorkOrder.__typename}`);
}
