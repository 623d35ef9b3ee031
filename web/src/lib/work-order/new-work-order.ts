import type { Client } from '@urql/core';
import type { CreateServiceAddressInput, CreateWorkOrderInput, ServiceAddressChoiceFragment } from '$lib/gql/graphql';
import type { BoardWorkOrder } from '$lib/schedule/board';
import { errorsByField } from '$lib/format';
import { formErrorsFrom, type FormErrors } from './form';
import { CreateWorkOrderMutation, CustomerChoicesQuery, CustomerMatchesQuery, NewWorkOrderAddressMutation } from './new-work-order.gql';

/** The requests of the new work order modal. */

export interface CustomerOption {
	id: string;
	name: string;
	company: string | null;
	phone: string | null;
}

export type NewAddress = Omit<CreateServiceAddressInput, 'customerId'>;

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

export async function addServiceAddress(
	client: Client,
	input: CreateServiceAddressInput
): Promise<{ address: ServiceAddressChoiceFragment } | { errors: Record<string, string> }> {
	const { data, error } = await client.mutation(NewWorkOrderAddressMutation, { input }).toPromise();
	const result = data?.createServiceAddress;
	if (result?.__typename === 'MutationCreateServiceAddressSuccess') return { address: result.serviceAddress };
	if (result?.__typename === 'ValidationError') {
		return { errors: errorsByField(result.fieldErrors) };
	}
	return { errors: { form: (result && 'message' in result ? result.message : error?.message) ?? 'Could not save the address.' } };
}

export async function createWorkOrder(
	client: Client,
	input: CreateWorkOrderInput,
	timeZone: string
): Promise<{ workOrder: BoardWorkOrder } | { errors: FormErrors }> {
	const { data, error } = await client.mutation(CreateWorkOrderMutation, { input }).toPromise();
	const result = data?.createWorkOrder;
	if (!result) return { errors: { form: error?.message ?? 'Could not create the work order. Try again.' } };
	if (result.__typename === 'MutationCreateWorkOrderSuccess') return { workOrder: result.workOrder };
	return { errors: formErrorsFrom(result, timeZone) };
}
