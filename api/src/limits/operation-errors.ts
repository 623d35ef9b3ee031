import { GraphQLError } from 'graphql';

/** A syntax error or the token limit, coded as Yoga codes it over HTTP. */
export function parseFailure(error: unknown): GraphQLError {
  const { message, source, positions } = error instanceof GraphQLError ? error : { message: 'Could not parse the operation', source: undefined, positions: undefined };
  return new GraphQLError(message, { source, positions, extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
}

/** No operation of that name, or several and no name: the client's mistake, coded as over HTTP. */
export function unidentifiedOperation(operationName: string | null | undefined): GraphQLError {
  const message = operationName ? `Unknown operation named "${operationName}".` : 'Must provide operation name if query contains multiple operations.';
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}
