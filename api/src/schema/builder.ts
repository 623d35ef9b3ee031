import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { DateTimeResolver, HexColorCodeResolver, LocalDateResolver } from 'graphql-scalars';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import { ForbiddenError, ValidationError } from '../domain/errors.js';
import { can, type Permission } from '../domain/permissions.js';
import type { Role } from '../domain/roles.js';
import type { Context } from './context.js';
import { COST } from '../limits/policy.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: { signedIn: boolean; can: Permission; role: Role };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: string; Output: string };
    HexColorCode: { Input: string; Output: string };
  };
  DefaultFieldNullability: false;
}>({
  // Order matters: errors wraps scope-auth and validation, so their failures become typed errors.
  plugins: [ErrorsPlugin, ScopeAuthPlugin, ValidationPlugin, RelayPlugin, PrismaPlugin],
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
    nodeQueryOptions: { authScopes: { signedIn: true } },
    nodesQueryOptions: { authScopes: { signedIn: true } },
  },
  scopeAuth: {
    // A subscription the caller may not make is refused when it subscribes, not left open and silent.
    authorizeOnSubscribe: true,
    authScopes: (context) => ({
      signedIn: context.caller !== null,
      can: (permission) => can(context.caller, permission),
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

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('Date', LocalDateResolver, { description: 'A calendar day, YYYY-MM-DD, in the organization\'s time zone' });
builder.addScalarType('HexColorCode', HexColorCodeResolver);

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
