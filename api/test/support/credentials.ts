import type { TestApi } from './api.js';

/** Creates a READ key through the API, as an admin does, and answers its secret (shown once) and its global ID. */
export async function issueApiKey(api: TestApi, adminToken: string, name: string) {
  const data = await api.ok(
    `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { __typename ... on MutationCreateApiKeySuccess { created { secret apiKey { id } } } } }`,
    { input: { name, scopes: ['READ'] } },
    adminToken,
  );
  if (!data.createApiKey.created) throw new Error(`createApiKey answered ${JSON.stringify(data)}`);
  const { secret, apiKey } = data.createApiKey.created;
  return { secret: secret as string, id: apiKey.id as string };
}

/** Revokes an API key through the API, as an admin does. */
export async function revokeApiKey(api: TestApi, adminToken: string, id: string): Promise<void> {
  const data = await api.ok(`mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename } }`, { input: { id } }, adminToken);
  if (data.revokeApiKey.__typename !== 'MutationRevokeApiKeySuccess') throw new Error(`revokeApiKey answered ${JSON.stringify(data)}`);
}

/** Signs a session out through the API; answers what `logout` answered. */
export async function signOut(api: TestApi, token: string): Promise<boolean> {
  return (await api.ok(`mutation { logout }`, {}, token)).logout;
}
