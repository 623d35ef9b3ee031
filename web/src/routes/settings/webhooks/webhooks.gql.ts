import { graphql } from '$lib/gql';

export const WebhookEndpointRowFragment = graphql(`
	fragment WebhookEndpointRow on WebhookEndpoint {
		id
		url
		description
		eventTypes
		enabled
		disabledReason
		disabledAt
		previousSecretUntil
		createdAt
		apiKey {
			id
			name
		}
	}
`);

export const SettingsWebhooksQuery = graphql(`
	query SettingsWebhooks {
		webhookEndpoints {
			...WebhookEndpointRow
		}
	}
`);

export const CreateWebhookEndpointMutation = graphql(`
	mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
		createWebhookEndpoint(input: $input) {
			__typename
			...MutationError
			... on MutationCreateWebhookEndpointSuccess {
				created {
					secret
					endpoint {
						...WebhookEndpointRow
					}
				}
			}
		}
	}
`);

export const UpdateWebhookEndpointMutation = graphql(`
	mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
		updateWebhookEndpoint(input: $input) {
			__typename
			...MutationError
			... on MutationUpdateWebhookEndpointSuccess {
				endpoint {
					...WebhookEndpointRow
				}
			}
		}
	}
`);

export const RotateWebhookSecretMutation = graphql(`
	mutation RotateWebhookSecret($input: WebhookEndpointIdInput!) {
		rotateWebhookSecret(input: $input) {
			__typename
			...MutationError
			... on MutationRotateWebhookSecretSuccess {
				rotated {
					secret
					endpoint {
						...WebhookEndpointRow
					}
				}
			}
		}
	}
`);

export const DeleteWebhookEndpointMutation = graphql(`
	mutation DeleteWebhookEndpoint($input: WebhookEndpointIdInput!) {
		deleteWebhookEndpoint(input: $input) {
			__typename
			...MutationError
			... on MutationDeleteWebhookEndpointSuccess {
				endpoint {
					id
				}
			}
		}
	}
`);

export const SendTestWebhookMutation = graphql(`
	mutation SendTestWebhook($input: SendTestWebhookInput!) {
		sendTestWebhook(input: $input) {
			__typename
			...MutationError
			... on MutationSendTestWebhookSuccess {
				delivery {
					id
					webhookId
				}
			}
		}
	}
`);
