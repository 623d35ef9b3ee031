import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import { ARMOR } from './policy.js';

/**
 * A limit refusal is reported as a validation error of the operation (so it is a 400 and, on a
 * socket, an `error` message for that subscription only), with a code, and without armor's
 * misleading "Syntax Error:" prefix.
 */
const asValidationError = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'QUERY_LIMIT_EXCEEDED' } })),
  ],
};

/**
 * Depth (measured on the selection with fragments flattened, as it executes), alias, directive and
 * token limits. Suggestions are removed by useNoSuggestions, which covers more than field names.
 */
export function armorPlugins() {
  return new EnvelopArmor({
    maxDepth: { n: ARMOR.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...asValidationError },
    maxAliases: { n: ARMOR.maxAliases, ...asValidationError },
    maxDirectives: { n: ARMOR.maxDirectives, ...asValidationError },
    // Counted while parsing, before there is an operation to report on: it stays a parse error (400).
    maxTokens: { n: ARMOR.maxTokens },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect().plugins;
}
