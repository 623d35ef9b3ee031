import { GraphQLError, type ExecutionResult } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';

// graphql-js appends every suggestion the same way: field, argument, type and enum value names alike.
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

function withoutSuggestion<E extends Error>(error: E): E | GraphQLError {
  if (!(error instanceof GraphQLError)) return error;
  const message = error.message.replace(SUGGESTION, '');
  if (message === error.message) return error;
  const { nodes, source, positions, path, originalError, extensions } = error;
  return new GraphQLError(message, { nodes, source, positions, path, originalError, extensions });
}

const fromResult = ({ result, setResult }: { result: ExecutionResult; setResult: (result: ExecutionResult) => void }) => {
  if (result.errors?.length) setResult({ ...result, errors: result.errors.map(withoutSuggestion) });
};

/**
 * No "Did you mean …?" in any error: it reveals names of the schema (or enum values) to a caller who
 * was not meant to list them. Covers validation errors and execution results (variable coercion
 * happens there), over HTTP, SSE and graphql-ws alike.
 */
export function useNoSuggestions(): Plugin {
  return {
    onValidate: () => ({ valid, result, setResult }) => {
      if (!valid) setResult(result.map(withoutSuggestion));
    },
    onExecute: () => ({ onExecuteDone: (payload) => handleStreamOrSingleExecutionResult(payload, fromResult) }),
    onSubscribe: () => ({ onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload, fromResult) }),
  };
}
