import { getNamedType, isNonNullType, isObjectType, type GraphQLNamedType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';

/** An object type that is a Relay connection: it has `edges { node }` and `pageInfo`. */
export function isConnectionType(type: GraphQLNamedType): type is GraphQLObjectType {
  return isObjectType(type) && 'edges' in type.getFields() && 'pageInfo' in type.getFields();
}

export function connectionNodeType(connection: GraphQLObjectType): GraphQLObjectType {
  const edge = getNamedType(connection.getFields().edges!.type) as GraphQLObjectType;
  return getNamedType(edge.getFields().node!.type) as GraphQLObjectType;
}

/** One step from the query root: a field name, and whether it is a connection (walked through `edges.node`). */
export interface Step {
  field: string;
  connection: boolean;
}

/** A connection field reached from the query root: where it is (`Type.field`) and the fields leading to it. */
export interface ConnectionPath {
  coordinate: string;
  steps: Step[];
  connectionType: GraphQLObjectType;
  nodeType: GraphQLObjectType;
}

/**
 * Every path from Query to every connection field, through fields that need no argument, never
 * visiting a type twice on one path: root connections and the connections nested in what they return.
 */
export function connectionPaths(schema: GraphQLSchema, maxDepth = 4): ConnectionPath[] {
  const found: ConnectionPath[] = [];
  const walk = (type: GraphQLObjectType, steps: Step[], seen: Set<string>) => {
    if (steps.length >= maxDepth) return;
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((arg) => isNonNullType(arg.type))) continue;
      const named = getNamedType(field.type);
      if (!isObjectType(named)) continue;
      const connection = isConnectionType(named);
      const next = connection ? connectionNodeType(named) : named;
      const path = [...steps, { field: field.name, connection }];
      if (connection) found.push({ coordinate: `${type.name}.${field.name}`, steps: path, connectionType: named, nodeType: next });
      if (!seen.has(next.name)) walk(next, path, new Set([...seen, next.name]));
    }
  };
  walk(schema.getQueryType()!, [], new Set(['Query']));
  return found;
}

/**
 * The query for a path: the connections above the last one take their first page, the last one
 * takes `$cursor` as `after` and answers its ids, cursors and pageInfo.
 */
export function connectionQuery(path: ConnectionPath, pageSize: number): string {
  const last = path.steps.length - 1;
  const selection = path.steps.reduceRight((inner, step, index) => {
    if (index === last) {
      return `${step.field}(first: ${pageSize}, after: $cursor) { edges { cursor node { id } } pageInfo { endCursor hasNextPage } }`;
    }
    return step.connection ? `${step.field}(first: 5) { edges { node { ${inner} } } }` : `${step.field} { ${inner} }`;
  }, '');
  return `query ($cursor: String) { ${selection} }`;
}

/** The values of the path's last connection in an answer: one per parent row that was loaded. */
export function connectionsIn(data: unknown, path: ConnectionPath): unknown[] {
  let values: unknown[] = [data];
  for (const [index, step] of path.steps.entries()) {
    values = values.flatMap((value) => (value && typeof value === 'object' ? [(value as Record<string, unknown>)[step.field]] : []));
    if (step.connection && index < path.steps.length - 1) {
      values = values.flatMap((connection) =>
        ((connection as { edges?: { node: unknown }[] } | null)?.edges ?? []).map((edge) => edge.node),
      );
    }
    values = values.flatMap((value) => (Array.isArray(value) ? value : [value]));
  }
  return values;
}
