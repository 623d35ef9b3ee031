import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedOutputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
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
    case 'ID': {
      const id = random.pick(ids);
      return random.next() < 0.6 && ids.length ? (random.next() < 0.2 ? upperCased(id) : id) : random.pick(HOSTILE_STRINGS);
    }
    case 'Int':
      return random.pick([...HOSTILE_NUMBERS, ...INT_BOUNDS]);
    case 'Float':
      return random.pick([...HOSTILE_NUMBERS, ...FLOAT_BOUNDS]);
    case 'Boolean':
      return random.next() < 0.5;
    case 'DateTime':
      return random.pick(['2027-01-04T10:00:00Z', '2027-01-04T09:00:00Z', ...HOSTILE_STRINGS.slice(10, 13), 'yesterday', ...DATE_TIME_BOUNDS]);
    case 'Date':
      return random.pick(['2027-01-04', '2027-02-30', '0000-00-00', 'today', '20270104', ...DATE_BOUNDS]);
    case 'HexColorCode':
      return random.pick(COLOR_BOUNDS);
    default:
      return random.pick([...HOSTILE_STRINGS, ...SEQUENCE_BOUNDS]);
  }
}

/** A global ID with the UUID inside written in upper case. */
function upperCased(globalId: string): string {
  const [typename, ...rest] = Buffer.from(globalId, 'base64').toString().split(':');
  return Buffer.from(`${typename}:${rest.join(':').toUpperCase()}`).toString('base64');
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
    subscription: Object.values(schema.getSubscriptionType()!.getFields()),
  };
}

/**
 * Real IDs for the boundary sweep, by type name: global IDs, except a bare UUID for ApiKey (its `id`
 * is not a global ID). `target` is what an input's own `id` names, the row a mutation changes;
 * the other IDs (customerId, vehicleId, …) are references and name `own`.
 */
export interface IdPool {
  own: Record<string, string>;
  foreign: Record<string, string>;
  target: Record<string, string>;
}

/** One scalar or enum position inside a root field's arguments, where a boundary value goes. */
interface Leaf {
  path: string[];
  type: GraphQLNamedType;
  inList: boolean;
  /** The type an ID here names, and whether it is the input's own `id`. */
  idType: string;
  isTarget: boolean;
}

const NEGATIVE_ZERO = 'NEGATIVE_ZERO_f3a9';

/** The request body, with -0 written as -0 (JSON.stringify writes 0). */
export function bodyOf(operation: { query: string; variables: Record<string, unknown> }): string {
  const json = JSON.stringify(operation, (_key, value) => (Object.is(value, -0) ? NEGATIVE_ZERO : value));
  return json.replaceAll(`"${NEGATIVE_ZERO}"`, '-0');
}

const INT_BOUNDS = [0, -0, 1, -1, 59, 60, 1440, 1441, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53, 2 ** 63, 1.5, '1'];
const FLOAT_BOUNDS = [0, -0, 1e308, -1e308, 5e-324, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 0.1, '1.5'];
const STRING_BOUNDS = ['', ' ', 'a', 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(4001), 'x'.repeat(100_000), '😀'.repeat(2_000), '\u0000', 'Ünïcödé ‮', 42];
const SEQUENCE_BOUNDS = ['0', '1', '9223372036854775807', '9223372036854775808', '9'.repeat(19), '1'.repeat(20), '-1', '-0', '1e3', '0x10', ' 1', '01'];
const DATE_TIME_BOUNDS = [
  '1999-12-31T23:59:59.999Z',
  '2000-01-01T00:00:00Z',
  '2199-12-31T23:00:00Z',
  '2200-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '10000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '2027-02-30T10:00:00Z',
  '2027-01-04T24:00:00Z',
  '2027-01-04T10:00:00+14:00',
  '2027-01-04T10:00:00.123456789-12:00',
  '2027-01-04',
  1e15,
];
const DATE_BOUNDS = ['2000-01-01', '1999-12-31', '2199-12-31', '2200-01-01', '0000-01-01', '9999-12-31', '10000-01-01', '2027-02-29', '2028-02-29', '2027-13-01', '2027-1-4', '', 20270104];
const COLOR_BOUNDS = ['#000000', '#ffffff', '#FFFFFF', '#fff', '#ffffffff', '#gggggg', 'ffffff', '', `#${'f'.repeat(100)}`];

const capitalized = (name: string) => name[0]!.toUpperCase() + name.slice(1);

/** IDs around a real one: another organization's, another type's, upper case, malformed. */
function idBounds(leaf: Leaf, pool: IdPool): unknown[] {
  const own = (leaf.isTarget ? pool.target : pool.own)[leaf.idType];
  const otherType = Object.entries(pool.own).find(([typename]) => typename !== leaf.idType && typename !== 'ApiKey')![1];
  const values: unknown[] = [pool.foreign[leaf.idType], otherType, '', 'x'.repeat(10_000), 0];
  if (own) {
    values.push(leaf.idType === 'ApiKey' ? own.toUpperCase() : upperCased(own));
    values.push(own.slice(0, -2), `${own}=`);
  }
  for (const raw of [`${leaf.idType}:`, `${leaf.idType}:00000000-0000-0000-0000-000000000000`, `${leaf.idType}:not-a-uuid`, 'Nope:00000000-0000-4000-8000-000000000000']) {
    values.push(Buffer.from(raw).toString('base64'));
  }
  values.push('00000000-0000-4000-8000-000000000000');
  return values.filter((value) => value !== undefined);
}

function boundsOf(leaf: Leaf, pool: IdPool): unknown[] {
  const type = leaf.type;
  const values: unknown[] = [null];
  // Enum values go over the wire by name (an enum's internal value may be another thing, e.g. Weekday's ISO number).
  if (isEnumType(type)) values.push(...type.getValues().map((v) => v.name), 'NOT_A_VALUE', type.getValues()[0]!.name.toLowerCase(), '');
  else if (leaf.path.at(-1) === 'after' || leaf.path.at(-1) === 'before') values.push(...SEQUENCE_BOUNDS, ...STRING_BOUNDS);
  else if (type.name === 'ID') values.push(...idBounds(leaf, pool));
  else if (type.name === 'Int') values.push(...INT_BOUNDS);
  else if (type.name === 'Float') values.push(...FLOAT_BOUNDS);
  else if (type.name === 'DateTime') values.push(...DATE_TIME_BOUNDS);
  else if (type.name === 'Date') values.push(...DATE_BOUNDS);
  else if (type.name === 'HexColorCode') values.push(...COLOR_BOUNDS);
  else if (type.name === 'Boolean') values.push(true, false, 'true', 0);
  else values.push(...STRING_BOUNDS);
  if (leaf.inList) values.push(...values.splice(1).flatMap((value) => [[value], value]), []);
  return values;
}

let slot = 0;

/** A value the product takes for this position, so that the boundary value beside it is what is tested. */
function validValue(leaf: Leaf, pool: IdPool): unknown {
  const name = leaf.path.at(-1)!;
  const type = leaf.type;
  const value = (() => {
    if (isEnumType(type)) return { status: 'EN_ROUTE', role: 'DISPATCHER' }[name] ?? type.getValues()[0]!.value;
    switch (type.name) {
      case 'ID':
        return (leaf.isTarget ? pool.target : pool.own)[leaf.idType] ?? pool.own.WorkOrder;
      case 'Int':
        return { year: 2020, durationMinutes: 60, defaultDurationMinutes: 60, priceMinor: 1000, defaultPriceMinor: 1000, first: 5 }[name] ?? 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return false;
      case 'DateTime':
        // Far apart, so that no two probes' windows meet.
        return new Date(Date.UTC(2031, 0, 1) + slot++ * 86_400_000).toISOString();
      case 'Date':
        return '2027-01-04';
      case 'HexColorCode':
        return '#2563eb';
      default:
        return { email: `fuzz-${slot++}@example.com`, password: 'correct horse battery', vin: '1HGCM82633A004352', after: '0' }[name] ?? 'Fuzz';
    }
  })();
  return leaf.inList ? [value] : value;
}

function idTypeOf(name: string, owner: string): { idType: string; isTarget: boolean } {
  if (name === 'id' || name === 'ids') {
    const fromInput = owner.replace(/^(Update|Create|Cancel|Transition|Revoke)/, '').replace(/(IdInput|Input)$/, '');
    return owner.endsWith('Input') ? { idType: fromInput, isTarget: true } : { idType: 'WorkOrder', isTarget: false };
  }
  return name.endsWith('Id') ? { idType: capitalized(name.slice(0, -2)), isTarget: false } : { idType: '', isTarget: false };
}

function leavesOf(type: GraphQLInputType, path: string[], owner: string, inList = false): Leaf[] {
  if (isNonNullType(type)) return leavesOf(type.ofType, path, owner, inList);
  if (isListType(type)) return leavesOf(type.ofType, path, owner, true);
  if (isInputObjectType(type)) return Object.values(type.getFields()).flatMap((field) => leavesOf(field.type, [...path, field.name], type.name));
  return [{ path, type, inList, ...idTypeOf(path.at(-1)!, owner) }];
}

/** The required part of a value of this type, each required position holding a valid value. */
function requiredValue(type: GraphQLInputType, path: string[], owner: string, pool: IdPool): unknown {
  const named = isNonNullType(type) ? type.ofType : type;
  // A list of input objects (a week of working hours) holds one valid item.
  if (isListType(named) && isInputObjectType(getNullableType(named.ofType))) return [requiredValue(named.ofType, path, owner, pool)];
  if (!isInputObjectType(named)) return validValue(leavesOf(named, path, owner)[0]!, pool);
  const fields = Object.values(named.getFields()).filter((field) => isNonNullType(field.type));
  return Object.fromEntries(fields.map((field) => [field.name, requiredValue(field.type, [...path, field.name], named.name, pool)]));
}

/** `current` (of `type`) with `value` at `path`, creating the input objects on the way with their required fields. */
function withValueAt(type: GraphQLInputType, current: unknown, path: string[], pool: IdPool, value: unknown): unknown {
  const [name, ...rest] = path;
  if (name === undefined) return value;
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [withValueAt(nullable.ofType, Array.isArray(current) ? current[0] : undefined, path, pool, value)];
  const object = nullable as GraphQLInputObjectType;
  const base = (current ?? requiredValue(type, [], '', pool)) as Record<string, unknown>;
  return { ...base, [name]: withValueAt(object.getFields()[name]!.type, base[name], rest, pool, value) };
}

/** Valid required arguments, and `value` at `path`. */
function placed(args: readonly GraphQLArgument[], pool: IdPool, path: string[], value: unknown): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const arg of args) if (isNonNullType(arg.type)) variables[arg.name] = requiredValue(arg.type, [arg.name], '', pool);
  const [argName, ...rest] = path as [string, ...string[]];
  variables[argName] = withValueAt(args.find((arg) => arg.name === argName)!.type, variables[argName], rest, pool, value);
  return variables;
}

export interface Probe {
  kind: 'query' | 'mutation' | 'subscription';
  field: string;
  /** Where the boundary value is, e.g. input.windowStart, and the value. */
  at: string;
  value: unknown;
  operation: { query: string; variables: Record<string, unknown> };
}

/**
 * Every boundary value at every argument position of a field: the other arguments are valid and
 * required-only, so that the value under test reaches as deep as the product lets it. `random`
 * chooses the selection set (FUZZ_SEED replays it). A field of a node type (Customer.workOrders) is
 * called through `node(id:)`.
 */
export function boundaryProbes(
  kind: Probe['kind'],
  field: GraphQLField<unknown, unknown>,
  pool: IdPool,
  random: Random,
  through?: { typename: string; id: string },
): Probe[] {
  const variableDefinitions = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`);
  const call = field.args.length ? `(${field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
  const selection = selectionFor(getNamedType(field.type), random);
  const body = through
    ? `node(id: "${through.id}") { ... on ${through.typename} { ${field.name}${call} ${selection} } }`
    : `${field.name}${call} ${selection}`;
  const query = `${kind}${variableDefinitions.length ? `(${variableDefinitions.join(', ')})` : ''} { ${body} }`;
  return field.args.flatMap((arg) =>
    leavesOf(arg.type, [arg.name], '').flatMap((leaf) =>
      boundsOf(leaf, pool).map((value) => ({
        kind,
        field: through ? `${through.typename}.${field.name}` : field.name,
        at: leaf.path.join('.'),
        value,
        operation: { query, variables: placed(field.args, pool, leaf.path, value) },
      })),
    ),
  );
}

/** Fields with arguments on the types a `node(id:)` returns, which the root fields do not reach. */
export function nodeFieldsWithArguments(schema: GraphQLSchema) {
  return Object.values(schema.getTypeMap())
    .filter((type): type is GraphQLObjectType => isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node'))
    .flatMap((type) => Object.values(type.getFields()).filter((field) => field.args.length).map((field) => ({ typename: type.name, field })));
}
