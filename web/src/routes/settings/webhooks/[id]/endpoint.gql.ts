import { graphql } from '$lib/gql';

export const WebhookEndpointLogQuery = graphql(`
	query WebhookEndpointLog($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
		node(id: $id) {
			__typename
			... on WebhookEndpoint {
				...WebhookEndpointRow
				attempts(first: $first, after: $after, last: $last, before: $before) {
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
						hasPreviousPage
						hasNextPage
						startCursor
						endCursor
					}
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
