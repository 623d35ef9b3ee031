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
    // A type the caller may not read directly (domain/permissions.ts) is null through node and nodes.
    nodeQueryOptions: {
      authScopes: { signedIn: true },
      resolve: (_root, { id }, context, _info, resolveNode) => (readsDirectly(context, id.typename) ? resolveNode(id) : null),
    },
    nodesQueryOptions: {
      authScopes: { signedIn: true },
      resolve: async (_root, { ids }, context, _info, resolveNodes) =>
        (await resolveNodes(ids)).map((node, i) => (readsDirectly(context, ids[i]!.typename) ? node : null)),
    },
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

function readsDirectly(context: Context, typename: string): boolean {
  return accessOf(context.caller).reads(typename as ReadableType, 'direct');
}

builder.addScalarType('DateTime', BusinessDateTime);
builder.addScalarType('Date', BusinessDate);
builder.addScalarType('HexColorCode', HexColorCode);

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
