import type { CreateWebhookEndpointInput, WebhookEventType } from '$lib/gql/graphql';

/** What the endpoint form saves: a new endpoint's fields, or all of an existing one's. */
export type WebhookEndpointValues = CreateWebhookEndpointInput & { enabled: boolean };

/** The events an endpoint may subscribe to, in the order the form offers them. */
export const WEBHOOK_EVENTS: { type: Exclude<WebhookEventType, 'TEST'>; label: string }[] = [
	{ type: 'WORK_ORDER_CREATED', label: 'Work order created' },
	{ type: 'WORK_ORDER_UPDATED', label: 'Work order edited' },
	{ type: 'WORK_ORDER_RESCHEDULED', label: 'Work order rescheduled' },
	{ type: 'WORK_ORDER_REASSIGNED', label: 'Work order reassigned' },
	{ type: 'WORK_ORDER_STATUS_CHANGED', label: 'Work order status changed' },
	{ type: 'WORK_ORDER_CANCELED', label: 'Work order canceled' },
	{ type: 'WORK_ORDER_COMPLETED', label: 'Work order completed' },
	{ type: 'INVOICE_CREATED', label: 'Invoice created' },
	{ type: 'CUSTOMER_CREATED', label: 'Customer added' },
	{ type: 'CUSTOMER_UPDATED', label: 'Customer edited' },
	{ type: 'VEHICLE_CREATED', label: 'Vehicle added' },
	{ type: 'VEHICLE_UPDATED', label: 'Vehicle edited' }
];

export const EVENT_LABEL: Record<WebhookEventType, string> = {
	...(Object.fromEntries(WEBHOOK_EVENTS.map(({ type, label }) => [type, label])) as Record<Exclude<WebhookEventType, 'TEST'>, string>),
	TEST: 'Test event'
};

/** Why the product disabled an endpoint, as its admins are told. */
export const DISABLED_BECAUSE = {
	GONE: 'The receiver answered 410 Gone, so deliveries stopped.',
	FAILING: 'A delivery failed for three days, so deliveries stopped.'
} as const;
