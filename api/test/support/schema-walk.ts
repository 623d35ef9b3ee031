import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

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
  return `query ($cursor: String) { ${connectionSelection(path, `first: ${pageSize}, after: $cursor`)} }`;
}

/** The selection of a path, with `args` for its last connection (and the first page of those above it). */
export function connectionSelection(path: ConnectionPath, args: string): string {
  const last = path.steps.length - 1;
  return path.steps.reduceRight((inner, step, index) => {
    if (index === last) {
      return `${step.field}(${args}) { edges { cursor node { ${identityOf(path.nodeType)} } } pageInfo { endCursor hasNextPage } }`;
    }
    return step.connection ? `${step.field}(first: 5) { edges { node { ${inner} } } }` : `${step.field} { ${inner} }`;
  }, '');
}

/** What tells a node from the others: its id, or an event's seq. */
export const identityOf = (type: GraphQLObjectType) => ('id' in type.getFields() ? 'id' : 'seq');

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

/** Where an ID goes in a root field's arguments, and which types its value may name. */
export interface IdPosition {
  operation: 'query' | 'mutation' | 'subscription';
  field: GraphQLField<unknown, unknown>;
  /** Argument name, then input field names. */
  path: string[];
  list: boolean;
  entityTypes: string[];
}

/** Every ID-typed argument and input field (at any depth) of every root field. */
export function idPositions(schema: GraphQLSchema): IdPosition[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  const found: IdPosition[] = [];
  for (const [operation, root] of roots) {
    for (const field of Object.values(root!.getFields())) {
      const visit = (name: string, type: GraphQLInputType, path: string[], seen: Set<string>) => {
        const named = getNamedType(type);
        if (named.name === 'ID') {
          found.push({ operation, field, path, list: isListType(isNonNullType(type) ? type.ofType : type), entityTypes: entityTypesOf(schema, name, field) });
        } else if (isInputObjectType(named) && !seen.has(named.name)) {
          for (const inner of Object.values(named.getFields())) visit(inner.name, inner.type, [...path, inner.name], new Set([...seen, named.name]));
        }
      };
      for (const arg of field.args) visit(arg.name, arg.type, [arg.name], new Set());
    }
  }
  return found;
}

/**
 * The types an ID may name: `customerId` a Customer; a bare `id` or `ids` the entity the field is
 * about, the nearest type with an `id` in what it returns (every Node for `node`), errors aside.
 */
function entityTypesOf(schema: GraphQLSchema, name: string, field: GraphQLField<unknown, unknown>): string[] {
  const prefix = /^(.+)Ids?$/.exec(name)?.[1];
  if (prefix) return [prefix[0]!.toUpperCase() + prefix.slice(1)];
  const error = schema.getType('Error');
  let level: GraphQLNamedType[] = [getNamedType(field.type)];
  for (let depth = 0; depth < 4; depth += 1) {
    const withId: string[] = [];
    const next: GraphQLNamedType[] = [];
    for (const type of level) {
      if (isInterfaceType(type)) {
        withId.push(...schema.getPossibleTypes(type).map((member) => member.name));
      } else if (isUnionType(type)) {
        next.push(...type.getTypes().filter((member) => !member.getInterfaces().some((i) => i === error)));
      } else if (isObjectType(type)) {
        if ('id' in type.getFields()) withId.push(type.name);
        else next.push(...Object.values(type.getFields()).map((inner) => getNamedType(inner.type)));
      }
    }
    if (withId.length) return withId;
    level = next;
  }
  throw new Error(`No entity for the ID ${name} of ${field.name}`);
}

/**
 * Arguments for a root field that are valid apart from the one under test: every required value, with
 * `ids` naming the caller's own rows, and at `position` the value given.
 */
export function argumentsFor(schema: GraphQLSchema, position: IdPosition, value: unknown, ownIds: Record<string, string>): Record<string, unknown> {
  const { field } = position;
  const valueOf = (name: string, type: GraphQLInputType, path: string[]): unknown => {
    if (path.join('.') === position.path.join('.')) return value;
    const nullable = !isNonNullType(type);
    const inner = isNonNullType(type) ? type.ofType : type;
    const onPath = position.path.slice(0, path.length).join('.') === path.join('.');
    if (nullable && !onPath) return undefined;
    if (isListType(inner)) return [valueOf(name, inner.ofType as GraphQLInputType, path)];
    if (isInputObjectType(inner)) {
      return Object.fromEntries(
        Object.values(inner.getFields())
          .map((field) => [field.name, valueOf(field.name, field.type, [...path, field.name])])
          .filter(([, v]) => v !== undefined),
      );
    }
    if (isEnumType(inner)) {
      // An enum that names the entity under test (a CUSTOMER login for a customerId) takes that value.
      const wanted = position.entityTypes[0]!.toUpperCase();
      return (inner.getValues().find((v) => v.name === wanted) ?? inner.getValues()[0]!).name;
    }
    switch (inner.name) {
      case 'ID':
        return ownIds[entityTypesOf(schema, name, field)[0]!];
      case 'Int':
        return name === 'year' ? 2020 : 30;
      case 'Boolean':
        return false;
      case 'DateTime':
        return '2027-06-01T15:00:00.000Z';
      case 'Date':
        return '2027-06-01';
      case 'HexColorCode':
        return '#123456';
      default:
        return name === 'email' ? `sweep-${position.path.join('-')}@example.test` : name === 'password' ? 'a password long enough 1' : 'Sweep';
    }
  };
  return Object.fromEntries(field.args.map((arg) => [arg.name, valueOf(arg.name, arg.type, [arg.name])]).filter(([, v]) => v !== undefined));
}

/** The operation calling a position's root field, answering enough to tell what it saw and did. */
export function operationAt(position: IdPosition): string {
  const { field } = position;
  const definitions = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const call = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const type = getNamedType(field.type);
  const selection = isUnionType(type)
    ? `{ __typename ... on Error { message } }`
    : isConnectionType(type)
      ? `{ edges { node { ${identityOf(connectionNodeType(type))} } } }`
      : isObjectType(type) || isInterfaceType(type)
        ? `{ __typename ${'id' in type.getFields() ? 'id' : ''} }`
        : '';
  return `${position.operation}${definitions ? `(${definitions})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selection} }`;
}
