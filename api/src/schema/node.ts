import { decodeGlobalID, resolveNodes } from '@pothos/plugin-relay';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { ValidationError } from '../domain/errors.js';
import { accessOf, type ReadableType } from '../domain/permissions.js';
import { builder } from './builder.js';
import type { Context } from '../context.js';
import { rowIdOf } from './ids.js';

const NodeRef = builder.nodeInterfaceRef();

/** The type and row id inside a global ID of a Node type of the schema; null when it is not one. */
function nodeIdOf(globalId: string, schema: GraphQLSchema): { typename: string; id: string } | null {
  let typename: string;
  try {
    typename = decodeGlobalID(globalId).typename;
  } catch {
    return null;
  }
  const type = schema.getType(typename);
  if (!isObjectType(type) || !type.getInterfaces().some((implemented) => implemented.name === NodeRef.name)) return null;
  const id = rowIdOf(globalId, typename);
  return id === null ? null : { typename, id };
}

const notANodeId = (path: string[]) => ValidationError.field(path, 'Not an ID of this API');

/** A type the caller may not read directly (domain/permissions.ts) is null through node and nodes. */
const readsDirectly = (context: Context, typename: string) => accessOf(context.caller).reads(typename as ReadableType, 'direct');

builder.queryFields((t) => ({
  node: t.field({
    type: NodeRef,
    nullable: true,
    description:
      "Any object with a global ID; null when it names nothing the caller may see (another organization's IDs answer the same as IDs that name nothing)",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true, description: 'A global ID' }) },
    resolve: async (_root, { id }, context, info) => {
      const parsed = nodeIdOf(String(id), info.schema);
      if (!parsed) throw notANodeId(['id']);
      if (!readsDirectly(context, parsed.typename)) return null;
      const [node] = await resolveNodes(builder, context, info, [parsed]);
      return node ?? null;
    },
  }),
  nodes: t.field({
    type: [NodeRef],
    nullable: { list: false, items: true },
    description:
      'The objects with these global IDs, in the same order: null at the place of an ID that names nothing the caller may see, and null with an error (its path ends with that index) for an ID that is not one of this API',
    authScopes: { signedIn: true },
    args: { ids: t.arg.idList({ required: true, description: 'Global IDs, at most 100' }) },
    resolve: async (_root, { ids }, context, info) => {
      const parsed = ids.map((id) => nodeIdOf(String(id), info.schema));
      const readable = parsed.map((id) => (id && readsDirectly(context, id.typename) ? id : null));
      const nodes = await resolveNodes(builder, context, info, readable);
      // An Error in place of an item is reported at that item's path, and the item is null.
      return parsed.map((id, index) => (id ? (nodes[index] ?? null) : notANodeId(['ids', String(index)])));
    },
  }),
}));
