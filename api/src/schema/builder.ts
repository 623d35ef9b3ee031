import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import { ForbiddenError, ValidationError } from '../domain/errors.js';
import { accessOf, type Action, type ReadableType } from '../domain/permissions.js';
import type { Role } from '../domain/roles.js';
import AccessPlugin from './access-plugin.js';
import type { Context } from '../context.js';
import { COST } from '../limits/policy.js';
import { BusinessDate, BusinessDateTime, HexColorCode } from './scalars.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  // Pothos calls them auth scopes; here they are field guards (no relation to an API key's scopes).
  AuthScopes: { signedIn: boolean; can: Action; reads: ReadableType; role: Role };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: string; Output: string };
    HexColorCode: { Input: string; Output: string };
  };
  DefaultFieldNullability: false;
}>({
  // Order matters: errors wraps scope-auth and validation, so their failures become typed errors;
  // access (the permission table below the root) wraps the rest, so a denied relation loads nothing more.
  plugins: [AccessPlugin, ErrorsPlugin, ScopeAuthPlugin, ValidationPlugin, RelayPlugin, PrismaPlugin],
  defaultFieldNullability: false,
  prisma: {
    client: (context) => context.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    defaultConnectionSize: COST.defaultPageSize,
    maxConnectionSize: COST.maxPageSize,
    onUnusedQuery: null,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // node and nodes are defined in node.ts: they answer a malformed ID with an error at its own place.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    nodeTypeOptions: {
      description:
        'An object with a global ID: opaque, stable, and valid only inside its organization. Query.node and Query.nodes load any of them',
    },
    idFieldOptions: { description: 'The global ID: pass it to node(id:) and to inputs that name this object' },
    pageInfoTypeOptions: { description: 'Where a page lies in its list, and the cursors to page on from it' },
    hasNextPageFieldOptions: { description: 'Whether rows follow this page (when paging forward with first/after)' },
    hasPreviousPageFieldOptions: { description: 'Whether rows precede this page (when paging backward with last/before)' },
    startCursorFieldOptions: { description: "The first edge's cursor, to pass as `before`; null on an empty page" },
    endCursorFieldOptions: { description: "The last edge's cursor, to pass as `after`; null on an empty page" },
    pageInfoFieldOptions: { description: 'Where this page lies in the list' },
    edgesFieldOptions: { description: 'The rows of this page, in the list\'s order' },
    cursorFieldOptions: {
      description:
        "Opaque: pass it as `after` or `before` with the same list arguments (filter, search, orderBy). Valid only for the caller and the list it came from",
    },
    nodeFieldOptions: { description: 'The row' },
    firstArgOptions: {
      description: `At most this many rows after \`after\`: 0 to ${COST.maxPageSize}, more is refused as BAD_USER_INPUT (0 answers an empty page: with totalCount, the count alone); ${COST.defaultPageSize} when neither first nor last is given`,
    },
    afterArgOptions: { description: 'A cursor from this list (same arguments): the page starts after it' },
    lastArgOptions: { description: `At most this many rows before \`before\`: 0 to ${COST.maxPageSize}, more is refused as BAD_USER_INPUT, and so is last with first` },
    beforeArgOptions: { description: 'A cursor from this list (same arguments): the page ends before it' },
  },
  scopeAuth: {
    // A subscription the caller may not make is refused when it subscribes, not left open and silent.
    authorizeOnSubscribe: true,
    authScopes: (context) => ({
      signedIn: context.caller !== null,
      can: (action) => accessOf(context.caller).can(action),
      reads: (type) => accessOf(context.caller).reads(type, 'direct'),
      role: (role) => context.caller?.kind === 'user' && context.caller.role === role,
    }),
    unauthorizedError: (_parent, _context, _info, result) => new ForbiddenError(result.message),
  },
  validation: {
    validationError: (failure) =>
      new ValidationError(
        failure.issues.map((issue) => ({
          path: (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)),
          message: issue.message,
        })),
      ),
  },
  errors: {
    defaultTypes: [],
    // Lets a failed input validation (an argument mapper) become the mutation's typed ValidationError.
    unsafelyHandleInputErrors: true,
  },
});

builder.addScalarType('DateTime', BusinessDateTime);
builder.addScalarType('Date', BusinessDate);
builder.addScalarType('HexColorCode', HexColorCode);

builder.queryType({ description: 'Reads. Every answer is about the caller\'s own organization, and only what their role or key scopes may read' });
builder.mutationType({
  description: 'Changes. Each takes one `input` and answers a union of its success and the errors it can return (see the Error interface)',
});
builder.subscriptionType({
  description:
    'Live changes over graphql-ws or server-sent events. Pass the last seq received as `after` to replay what was missed first, with no gap and no duplicate',
});
