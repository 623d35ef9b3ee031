import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedOutputType,
  type GraphQLSchema,
} from 'graphql';

/** A small seeded generator, so that a failing run can be replayed. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]! };
}
export type Random = ReturnType<typeof prng>;

const HOSTILE_STRINGS = [
  '',
  ' ',
  'x'.repeat(100_000),
  '😀'.repeat(5_000),
  'Robert"); DROP TABLE "WorkOrder";--',
  '\u0000\u0001\u0002',
  '‮RTL override',
  '%s%n%x',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
  '-000001-01-01T00:00:00Z',
  'NaN',
  '#zzzzzz',
  'V29ya09yZGVyOm5vdC1hLXV1aWQ=', // WorkOrder:not-a-uuid
  'Q3VzdG9tZXI6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw', // Customer:nil uuid
];
const HOSTILE_NUMBERS = [0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e308, -1e308, 0.5, -0.0001];
const HOSTILE_OTHERS: unknown[] = [null, true, {}, [], [[[[]]]], { a: { b: { c: {} } } }];

/**
 * A value for an input type: usually of the right shape with extreme contents, sometimes of the
 * wrong type altogether. `ids` are real global IDs (including another organization's) to mix in.
 */
export function valueFor(type: GraphQLInputType, random: Random, ids: string[], depth = 0): unknown {
  if (random.next() < 0.08) return random.pick([...HOSTILE_OTHERS, random.pick(HOSTILE_STRINGS), random.pick(HOSTILE_NUMBERS)]);
  if (isNonNullType(type)) return valueFor(type.ofType, random, ids, depth);
  if (random.next() < 0.05) return null;
  if (isListType(type)) {
    const length = random.pick([0, 1, 3, depth > 2 ? 1 : 50]);
    return Array.from({ length }, () => valueFor(type.ofType, random, ids, depth + 1));
  }
  if (isInputObjectType(type)) {
    if (depth > 4) return {};
    const fields = Object.values(type.getFields());
    const value: Record<string, unknown> = {};
    for (const field of fields) if (random.next() < 0.85) value[field.name] = valueFor(field.type, random, ids, depth + 1);
    if (random.next() < 0.05) value.notAField = 'surprise';
    return value;
  }
  if (isEnumType(type)) return random.next() < 0.9 ? random.pick(type.getValues()).value : 'NOT_A_VALUE';
  switch (type.name) {
    case 'ID':
      return random.next() < 0.6 && ids.length ? random.pick(ids) : random.pick(HOSTILE_STRINGS);
    case 'Int':
    case 'Float':
      return random.pick(HOSTILE_NUMBERS);
    case 'Boolean':
      return random.next() < 0.5;
    case 'DateTime':
      return random.pick(['2027-01-04T10:00:00Z', '2027-01-04T09:00:00Z', ...HOSTILE_STRINGS.slice(10, 13), 'yesterday']);
    case 'Date':
      return random.pick(['2027-01-04', '2027-02-30', '0000-00-00', 'today', '20270104']);
    default:
      return random.pick(HOSTILE_STRINGS);
  }
}

/** A selection set for an output type: scalars, one level of objects, and every member of a union. */
export function selectionFor(type: GraphQLNamedOutputType, random: Random, depth = 0): string {
  if (isScalarType(type) || isEnumType(type)) return '';
  if (isUnionType(type)) {
    return `{ __typename ${type.getTypes().map((member) => `... on ${member.name} ${selectionFor(member, random, depth + 1)}`).join(' ')} }`;
  }
  if (isObjectType(type) || isInterfaceType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => field.args.every((arg) => !isNonNullType(arg.type)));
    const chosen = fields.filter((field) => {
      const named = getNamedType(field.type);
      const leaf = isScalarType(named) || isEnumType(named);
      return leaf ? random.next() < 0.7 : depth < 2 && random.next() < 0.3;
    });
    const parts = chosen.map((field) => `${field.name} ${selectionFor(getNamedType(field.type), random, depth + 1)}`);
    return `{ __typename ${parts.join(' ')} }`;
  }
  return '';
}

/** One operation calling a root field with every argument passed as a variable. */
export function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, random: Random, ids: string[]) {
  const variableDefinitions = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`);
  const argumentList = field.args.map((arg) => `${arg.name}: $${arg.name}`);
  const variables = Object.fromEntries(field.args.map((arg) => [arg.name, valueFor(arg.type, random, ids)]));
  const header = variableDefinitions.length ? `(${variableDefinitions.join(', ')})` : '';
  const call = argumentList.length ? `(${argumentList.join(', ')})` : '';
  return { query: `${kind}${header} { ${field.name}${call} ${selectionFor(getNamedType(field.type), random)} }`, variables };
}

export function rootFields(schema: GraphQLSchema) {
  return {
    query: Object.values(schema.getQueryType()!.getFields()),
    mutation: Object.values(schema.getMutationType()!.getFields()),
  };
}
