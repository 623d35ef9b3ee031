import { graphql } from '$lib/gql';

export const ApiKeyRowFragment = graphql(`
	fragment ApiKeyRow on ApiKey {
		id
		name
		prefix
		scopes
		createdAt
		lastUsedAt
		revokedAt
	}
`);

export const SettingsApiKeysQuery = graphql(`
	query SettingsApiKeys {
		apiKeys {
			...ApiKeyRow
		}
	}
`);

export const CreateApiKeyMutation = graphql(`
	mutation CreateApiKey($input: CreateApiKeyInput!) {
		createApiKey(input: $input) {
			__typename
			...MutationError
			... on MutationCreateApiKeySuccess {
				created {
					secret
					apiKey {
						...ApiKeyRow
					}
				}
			}
		}
	}
`);

export const RevokeApiKeyMutation = graphql(`
	mutation RevokeApiKey($input: RevokeApiKeyInput!) {
		revokeApiKey(input: $input) {
			__typename
			... on Error {
				message
			}
			... on MutationRevokeApiKeySuccess {
				apiKey {
					...ApiKeyRow
				}
			}
		}
	}
`);
