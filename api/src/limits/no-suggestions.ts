import type { ExecutionResult } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';

// graphql-js appends every suggestion the same way: field, argument, type and enum value names alike.
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

function stripSuggestions(errors: readonly Error[] | undefined): void {
  for (const error of errors ?? []) error.message = error.message.replace(SUGGESTION, '');
}

const fromResult = ({ result }: { result: ExecutionResult }) => stripSuggestions(result.errors);

/**
 * No "Did you mean …?" in any error: it reveals names of the schema (or enum values) to a caller who
 * was not meant to list them. Covers validation errors and execution results (variable coercion
 * happens there), over HTTP, SSE and graphql-ws alike.
 */
export function useNoSuggestions(): Plugin {
  return {
    onValidate: () => ({ valid, result }) => {
      if (!valid) stripSuggestions(result);
    },
    onExecute: () => ({ onExecuteDone: (payload) => handleStreamOrSingleExecutionResult(payload, fromResult) }),
    onSubscribe: () => ({ onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload, fromResult) }),
  };
}
