import type { Client } from '@urql/core';
import type { ScheduleWorkOrderFragment, CreateServiceAddressInput, CreateWorkOrderInput, NearestSlotsQuery as NearestSlots, ServiceAddressChoiceFragment } from '$lib/gql/graphql';
import { outcomeOf, type Failure } from '$lib/ui/outcome';
import { formErrorsFrom, type FormErrors } from './form';
import { CreateWorkOrderMutation, CustomerChoicesQuery, CustomerMatchesQuery, NearestSlotsQuery, NewWorkOrderAddressMutation } from './new-work-order.gql';

/** The requests of the new work order modal. */

export interface CustomerOption {
	id: string;
	name: string;
	company: string | null;
	phone: string | null;
}

export interface CustomerChoices {
	vehicles: { id: string; displayName: string; licensePlate: string | null }[];
	addresses: ServiceAddressChoiceFragment[];
}

export async function searchCustomers(client: Client, search: string): Promise<CustomerOption[]> {
	const { data } = await client.query(CustomerMatchesQuery, { search }, { requestPolicy: 'network-only' }).toPromise();
	return data?.customers.edges.map((edge) => edge.node) ?? [];
}

/** That customer's vehicles and service addresses, and nobody else's. */
export async function customerChoices(client: Client, customerId: string): Promise<CustomerChoices | null> {
	const { data } = await client.query(CustomerChoicesQuery, { id: customerId }, { requestPolicy: 'network-only' }).toPromise();
	return data?.node?.__typename === 'Customer' ? { vehicles: data.node.vehicles, addresses: data.node.addresses } : null;
}

export async function addServiceAddress(client: Client, input: CreateServiceAddressInput): Promise<{ ok: true; value: ServiceAddressChoiceFragment } | Failure> {
	const { data, error } = await client.mutation(NewWorkOrderAddressMutation, { input }).toPromise();
	const outcome = outcomeOf(data?.createServiceAddress, error, 'MutationCreateServiceAddressSuccess');
	return outcome.ok ? { ok: true, value: outcome.value.serviceAddress } : outcome;
}

/** Why the chosen time could not be booked, when another time could be: the job in the way, or the technician's hours or time off. */
export type Refusal = { kind: 'conflict'; workOrder: { id: string; label: string } | null } | { kind: 'unavailable' };

export async function createWorkOrder(
	client: Client,
	input: CreateWorkOrderInput,
	timeZone: string
): Promise<{ workOrder: ScheduleWorkOrderFragment } | { errors: FormErrors; refusal: Refusal | null }> {
	const { data, error } = await client.mutation(CreateWorkOrderMutation, { input }).toPromise();
	const result = data?.createWorkOrder;
	if (!result) return { errors: { form: error?.message ?? 'Could not create the work order. Try again.' }, refusal: null };
	if (result.__typename === 'MutationCreateWorkOrderSuccess') return { workOrder: result.workOrder };
	const refusal: Refusal | null =
		result.__typename === 'ConflictError' ? { kind: 'conflict', workOrder: result.conflictingWorkOrder ?? null } : result.__typename === 'OutsideAvailabilityError' ? { kind: 'unavailable' } : null;
	return { errors: formErrorsFrom(result, timeZone), refusal };
}

export type Slot = NearestSlots['availableSlots'][number];

/** The free windows of the day nearest the wanted start, for the technician chosen (or anyone when none is). */
export async function nearestSlots(
	client: Client,
	request: { serviceTypeId: string; date: string; technicianId: string | null; near: string; durationMinutes: number | null }
): Promise<Slot[]> {
	const { data } = await client.query(NearestSlotsQuery, request, { requestPolicy: 'network-only' }).toPromise();
	return data?.availableSlots ?? [];
}
