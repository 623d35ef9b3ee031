import { getNamedType, isListType, isNonNullType, isObjectType, isAbstractType, type DocumentNode, type GraphQLOutputType, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { COST } from './policy.js';

const isConnection = (type: GraphQLOutputType) => getNamedType(type).name.endsWith('Connection');
const isList = (type: GraphQLOutputType): boolean => (isNonNullType(type) ? isList(type.ofType) : isListType(type));

const estimate: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  // A connection already paid for `first` items: its edges and nodes lists are not multiplied again.
  if (type.name.endsWith('Connection') && isList(field.type)) return childComplexity;
  if (type.name.endsWith('Edge') && field.name === 'node') return COST.objectField + childComplexity;
  if (isConnection(field.type)) {
    const pageSize = Math.min(Number(args.first ?? args.last ?? COST.defaultPageSize) || 0, COST.maxPageSize);
    return COST.connection + Math.max(pageSize, 0) * childComplexity;
  }
  const named = getNamedType(field.type);
  const isComposite = isObjectType(named) || isAbstractType(named);
  if (!isComposite) return 0;
  const perItem = COST.objectField + childComplexity;
  return isList(field.type) ? COST.listLength * perItem : perItem;
};

/** What an operation may cost at most, before it runs. Throws a GraphQLError on unknown variables. */
export function requestedCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): number {
  return getComplexity({ schema, query: document, variables: variables ?? {}, operationName: operationName ?? undefined, estimators: [estimate] });
}

/** What an answer actually cost: one point per object it returned (edges, nodes, payloads). */
export function actualCost(data: unknown): number {
  if (Array.isArray(data)) {
    return data.reduce((sum: number, item) => sum + (item !== null && typeof item === 'object' ? COST.objectField : 0) + actualCost(item), 0);
  }
  if (data === null || typeof data !== 'object') return 0;
  let cost = 0;
  for (const value of Object.values(data)) {
    if (value !== null && typeof value === 'object') cost += (Array.isArray(value) ? 0 : COST.objectField) + actualCost(value);
  }
  return cost;
}
