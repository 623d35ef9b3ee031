import type { AddressInfo } from 'node:net';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { Database } from '../../src/db/database.js';
import { API_KEY_PREFIX, newSecret } from '../../src/auth/secrets.js';
import type { ApiKeyScope } from '../../src/domain/caller.js';
import type { Role } from '../../src/domain/roles.js';
import { startApp, type App, type AppOptions } from '../../src/server.js';
import { createApiKey, createUser } from './fixtures.js';
import { WEBHOOK_TEST_SETTINGS } from './webhook-settings.js';

/** Signs in with `{ input: { email, password } }`; answers the session's token. */
export const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { ... on MutationLoginSuccess { session { token } } } }`;

export interface GraphQLResult<T = any> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/** Talks to the real Yoga app in-process, as an HTTP client would. */
export class TestApi {
  private constructor(readonly db: Database, readonly app: App) {}

  static async start(db: Database, options: AppOptions = {}): Promise<TestApi> {
    return new TestApi(db, await startApp(db, { webhookSettings: WEBHOOK_TEST_SETTINGS, ...options }));
  }

  close(): Promise<void> {
    return this.app.close();
  }

  get prisma(): PrismaClient {
    return this.db.prisma;
  }

  async request<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult<T>> {
    const response = await this.app.yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<T>;
  }

  /** Like request, but fails the test on any GraphQL error. */
  async ok<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const result = await this.request<T>(query, variables, token);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  /** Creates a user with this role and returns a session token for it. */
  async signIn(organizationId: string, role: Role, links: { technicianId?: string; customerId?: string } = {}): Promise<string> {
    const password = 'correct horse battery';
    const { email } = await createUser(this.prisma, organizationId, { name: `${role} user`, role, password, ...links });
    const data = await this.ok(LOGIN, { input: { email, password } });
    return data.login.session.token;
  }

  /** Creates an API key with these scopes directly and returns its secret. */
  async apiKey(organizationId: string, scopes: ApiKeyScope[]): Promise<string> {
    const secret = newSecret(API_KEY_PREFIX);
    await createApiKey(this.prisma, organizationId, scopes, secret);
    return secret;
  }
}

/** Starts the app's HTTP server on a free loopback port; answers its origin, `http://127.0.0.1:<port>`. */
export async function serve(app: App): Promise<string> {
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}
