import type { ApiKeyScope } from '$lib/gql/graphql';

/** The API key scopes, in the order a form offers them, with what each lets an integration do. */
export const API_KEY_SCOPES: { scope: ApiKeyScope; label: string; description: string }[] = [
	{ scope: 'READ', label: 'Read', description: 'Read the schedule, work orders, customers and settings.' },
	{ scope: 'WRITE_WORK_ORDERS', label: 'Write work orders', description: 'Book, edit, advance and cancel work orders, as the office does.' },
	{ scope: 'WRITE_CUSTOMERS', label: 'Write customers', description: 'Add and edit customers, their vehicles and addresses.' },
	{ scope: 'WRITE_SETTINGS', label: 'Write settings', description: 'Manage service types and technicians.' },
	{
		scope: 'WEBHOOKS',
		label: 'Webhooks',
		description: 'Manage its own webhook endpoints and receive work order changes through them (contact details need Read too).'
	}
];

export const SCOPE_LABEL = Object.fromEntries(API_KEY_SCOPES.map(({ scope, label }) => [scope, label])) as Record<ApiKeyScope, string>;
