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

/** As bookForMaria, for any technician (by name) and day (default today). */
export async function book(token: string, options: { at: string; date?: string; technician?: string; customerNotes?: string; internalNotes?: string }) {
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

/** Cancels a work order through the API as `token` (the office). */
export async function cancel(token: string, id: string, reason = 'The customer called to cancel'): Promise<void> {
	const data = await api(`mutation ($input: CancelWorkOrderInput!) { cancelWorkOrder(input: $input) { __typename } }`, { input: { id, reason } }, token);
	if (data.cancelWorkOrder.__typename !== 'MutationCancelWorkOrderSuccess') throw new Error(`Could not cancel: ${data.cancelWorkOrder.__typename}`);
}
