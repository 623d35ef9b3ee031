import {
  getNamedType,
  isAbstractType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { COST } from './policy.js';
import { refusal } from './refusal.js';

/**
 * The extension of a list field that holds at most so many items (domain/list-bounds.ts), a number or a
 * function of the field's arguments: the list is priced at that many instead of COST.listLength.
 */
export const LIST_BOUND = 'listBound';
type ListBound = number | ((args: Record<string, unknown>) => number);

function boundOf(extensions: Readonly<Record<string, unknown>>, args: Record<string, unknown>): number | undefined {
  const bound = extensions[LIST_BOUND] as ListBound | undefined;
  return typeof bound === 'function' ? bound(args) : bound;
}

const isConnection = (type: GraphQLOutputType) => getNamedType(type).name.endsWith('Connection');
const isList = (type: GraphQLOutputType): boolean => (isNonNullType(type) ? isList(type.ofType) : isListType(type));

/** Every list in an argument, input objects included, bounded; the first list among `args`, if any. */
function boundedListArgument(fieldName: string, args: Record<string, unknown>): unknown[] | undefined {
  const check = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      if (value.length > COST.maxListArgumentLength) {
        throw refusal(`${path} may hold at most ${COST.maxListArgumentLength} items, not ${value.length}`, 'BAD_USER_INPUT');
      }
      value.forEach((item) => check(item, path));
    } else if (value !== null && typeof value === 'object') {
      for (const [name, item] of Object.entries(value)) check(item, `${path}.${name}`);
    }
  };
  for (const [name, value] of Object.entries(args)) check(value, `${fieldName}(${name})`);
  return Object.values(args).find(Array.isArray);
}

type Fragments = Record<string, FragmentDefinitionNode>;

/**
 * How many times a connection's selection asks for totalCount, through fragments too. One under @skip or
 * @include is left out, so that it stays priced per row: an overestimate, never an underestimate.
 */
function totalsSelected(selectionSet: SelectionSetNode | undefined, fragments: Fragments): number {
  return (selectionSet?.selections ?? []).reduce((sum, selection) => {
    if (selection.directives?.length) return sum;
    if (selection.kind === Kind.FIELD) return sum + (selection.name.value === 'totalCount' ? 1 : 0);
    if (selection.kind === Kind.INLINE_FRAGMENT) return sum + totalsSelected(selection.selectionSet, fragments);
    return sum + totalsSelected(fragments[selection.name.value]?.selectionSet, fragments);
  }, 0);
}

const estimate: ComplexityEstimator = ({ type, field, node, args, childComplexity, context }) => {
  const listArgument = boundedListArgument(field.name, args);
  // Introspection (__schema, __type) reads the schema, not data: tools like graphql-inspector must be able to.
  if (field.name.startsWith('__')) return 0;
  // A connection already paid for `first` items: its edges and nodes lists are not multiplied again.
  if (type.name.endsWith('Connection') && isList(field.type)) return childComplexity;
  if (type.name.endsWith('Connection') && field.name === 'totalCount') return COST.totalCount;
  if (type.name.endsWith('Edge') && field.name === 'node') return COST.objectField + childComplexity;
  if (isConnection(field.type)) {
    const pageSize = Math.min(Number(args.first ?? args.last ?? COST.defaultPageSize) || 0, COST.maxPageSize);
    // The total is counted once per connection, not once per row of the page.
    const totals = totalsSelected(node.selectionSet, (context as { fragments: Fragments }).fragments) * COST.totalCount;
    return COST.connection + Math.max(pageSize, 0) * (childComplexity - totals) + totals;
  }
  const named = getNamedType(field.type);
  const isComposite = isObjectType(named) || isAbstractType(named);
  if (!isComposite) return 0;
  const perItem = COST.objectField + childComplexity;
  if (!isList(field.type)) return perItem;
  return (listArgument?.length ?? boundOf(field.extensions, args) ?? COST.listLength) * perItem;
};

/**
 * What an operation may cost at most, before it runs. Throws a GraphQLError on unknown variables
 * and on a list argument over COST.maxListArgumentLength.
 */
export function requestedCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): number {
  const fragments = Object.fromEntries(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [])),
  );
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    operationName: operationName ?? undefined,
    estimators: [estimate],
    context: { fragments },
  });
}

/** What an answer actually cost: one point per object it returned (edges, nodes, payloads); totals are added by the caller. */
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
