import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { Database } from '../../src/db/database.js';
import { hashPassword } from '../../src/auth/password.js';
import { API_KEY_PREFIX, hashSecret, newSecret } from '../../src/auth/secrets.js';
import type { ApiKeyScope } from '../../src/domain/caller.js';
import type { Role } from '../../src/domain/roles.js';
import { startApp, type App, type AppOptions } from '../../src/server.js';

export interface GraphQLResult<T = any> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/** Talks to the real Yoga app in-process, as an HTTP client would. */
export class TestApi {
  private constructor(readonly db: Database, readonly app: App) {}

  static async start(db: Database, options: AppOptions = {}): Promise<TestApi> {
    return new TestApi(db, await startApp(db, options));
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
    const email = `${role.toLowerCase()}-${randomUUID()}@test.example`;
    const password = 'correct horse battery';
    await this.prisma.user.create({
      data: { organizationId, email, name: `${role} user`, role, passwordHash: await hashPassword(password), ...links },
    });
    const data = await this.ok(
      `mutation ($input: LoginInput!) { login(input: $input) { ... on MutationLoginSuccess { session { token } } } }`,
      { input: { email, password } },
    );
    return data.login.session.token;
  }

  /** Creates an API key with these scopes directly and returns its secret. */
  async apiKey(organizationId: string, scopes: ApiKeyScope[]): Promise<string> {
    const secret = newSecret(API_KEY_PREFIX);
    await this.prisma.apiKey.create({
      data: { organizationId, name: 'Test integration', prefix: secret.slice(0, 10), secretHash: hashSecret(secret), scopes },
    });
    return secret;
  }
}
