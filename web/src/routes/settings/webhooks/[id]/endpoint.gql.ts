import { graphql } from '$lib/gql';

export const WebhookEndpointLogQuery = graphql(`
	query WebhookEndpointLog($id: ID!, $after: String) {
		webhookEndpoints(id: $id) {
			...WebhookEndpointRow
			attempts(first: 25, after: $after) {
				edges {
					node {
						id
						startedAt
						durationMs
						statusCode
						responseExcerpt
						error
						succeeded
						delivery {
							id
							webhookId
							eventType
							status
							nextAttemptAt
						}
					}
				}
				pageInfo {
					hasNextPage
					endCursor
				}
			}
		}
	}
`);

export const ReplayWebhookDeliveryMutation = graphql(`
	mutation ReplayWebhookDelivery($input: ReplayWebhookDeliveryInput!) {
		replayWebhookDelivery(input: $input) {
			__typename
			...MutationError
			... on MutationReplayWebhookDeliverySuccess {
				delivery {
					id
					status
				}
			}
		}
	}
`);

export const ReplayWebhookDeliveriesMutation = graphql(`
	mutation ReplayWebhookDeliveries($input: ReplayWebhookDeliveriesInput!) {
		replayWebhookDeliveries(input: $input) {
			__typename
			...MutationError
			... on MutationReplayWebhookDeliveriesSuccess {
				replayedCount
			}
		}
	}
`);
