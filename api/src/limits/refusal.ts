import { GraphQLError } from 'graphql';

/**
 * An operation refused before anything ran (no `data`): 400 under application/graphql-response+json;
 * under application/json 200, as the GraphQL-over-HTTP spec asks of that legacy type (`spec: true`).
 */
export function refusal(message: string, code: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400, spec: true }, ...extensions } });
}
