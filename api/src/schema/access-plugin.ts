import SchemaBuilder, { BasePlugin, PothosSchemaError, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { getNamedType, isObjectType, type GraphQLFieldResolver, type GraphQLOutputType } from 'graphql';
import type { Caller } from '../domain/caller.js';
import {
  accessOf,
  PART_LISTS,
  PERMISSIONS,
  READABLE_TYPES,
  SENSITIVE_FIELDS,
  type ReadableType,
  type SensitiveField,
} from '../domain/permissions.js';

const SENSITIVE_GROUP_OF = new Map<string, SensitiveField>(
  Object.entries(SENSITIVE_FIELDS).flatMap(([group, fields]) => fields.map((field) => [field, group as SensitiveField] as const)),
);

const isReadable = (name: string): name is ReadableType => (READABLE_TYPES as readonly string[]).includes(name);

/** The node type of a connection type, when it is a readable one. */
function nodeTypeOf(returnType: GraphQLOutputType): ReadableType | null {
  const connection = getNamedType(returnType);
  const edge = isObjectType(connection) ? connection.getFields().edges : undefined;
  const edgeType = edge && getNamedType(edge.type);
  const node = isObjectType(edgeType) ? edgeType.getFields().node : undefined;
  const name = node ? getNamedType(node.type).name : '';
  return isReadable(name) ? name : null;
}

const callerOf = (context: unknown) => (context as { caller: Caller | null }).caller;

/**
 * Applies the permission table (domain/permissions.ts) to every field below the root, once, when
 * the schema is built. A field that leads to a readable type (a relation, a payload's object)
 * resolves to null for a caller who may not read that type; a list or connection of one for a caller
 * who may not read it as a list (`readsList`, `PART_LISTS`); a sensitive field to null for a caller
 * without its group. Every other field keeps its resolver untouched, so the board's
 * thousands of plain fields pay nothing. Root fields are guarded by the `reads` field guard.
 */
export class AccessPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const path = `${fieldConfig.parentType}.${fieldConfig.name}`;
    const group = SENSITIVE_GROUP_OF.get(path);
    if (group) {
      if (!fieldConfig.type.nullable) throw new PothosSchemaError(`${path} is sensitive, so it must be nullable`);
      return (parent, args, context, info) => (accessOf(callerOf(context)).seesField(group) ? resolver(parent, args, context, info) : null);
    }
    const parentKind = this.buildCache.getTypeConfig(fieldConfig.parentType).kind;
    if (parentKind === 'Query' || parentKind === 'Mutation' || parentKind === 'Subscription') return resolver;
    if (this.isConnection(fieldConfig)) {
      if (!fieldConfig.type.nullable) throw new PothosSchemaError(`${path} is a connection below the root, so it must be nullable`);
      return this.guardConnection(resolver);
    }
    const led = this.readableTypeOf(fieldConfig);
    if (!led) return resolver;
    const { target, many } = led;
    this.assertNullableWhereDenied(path, fieldConfig, target);
    if (!many || PART_LISTS.includes(path)) {
      return (parent, args, context, info) => (accessOf(callerOf(context)).reads(target) ? resolver(parent, args, context, info) : null);
    }
    // A list the caller may not read is empty, a connection (nullable) null.
    const denied = fieldConfig.type.nullable ? null : [];
    return (parent, args, context, info) => (accessOf(callerOf(context)).readsList(target) ? resolver(parent, args, context, info) : denied);
  }

  private isConnection(fieldConfig: PothosOutputFieldConfig<Types>): boolean {
    const type = fieldConfig.type;
    if (type.kind === 'List') return false;
    const config = this.buildCache.getTypeConfig(type.ref as never);
    return config.graphqlKind === 'Object' && this.builder.configStore.getFields(config.name).has('edges');
  }

  /** A connection's node type is known once the schema is built: it is looked up on the first call. */
  private guardConnection(resolver: GraphQLFieldResolver<unknown, Types['Context'], object>): GraphQLFieldResolver<unknown, Types['Context'], object> {
    let target: ReadableType | null | undefined;
    return (parent, args, context, info) => {
      if (target === undefined) target = nodeTypeOf(info.returnType);
      return target && !accessOf(callerOf(context)).readsList(target) ? null : resolver(parent, args, context, info);
    };
  }

  /** The readable type a field leads to (its own type or an item type), and whether it is many of them. */
  private readableTypeOf(fieldConfig: PothosOutputFieldConfig<Types>): { target: ReadableType; many: boolean } | null {
    let type = fieldConfig.type;
    while (type.kind === 'List') type = type.type;
    const outer = this.buildCache.getTypeConfig(type.ref as never).name;
    return isReadable(outer) ? { target: outer, many: fieldConfig.type.kind === 'List' } : null;
  }

  /** A principal that reads the parent but not the target would get null: the schema must allow it. */
  private assertNullableWhereDenied(path: string, fieldConfig: PothosOutputFieldConfig<Types>, target: ReadableType) {
    const parent = fieldConfig.parentType;
    if (fieldConfig.type.nullable || !isReadable(parent)) return;
    const denied = Object.entries(PERMISSIONS).filter(([, grant]) => grant.reads[parent] && !grant.reads[target]);
    if (denied.length) {
      throw new PothosSchemaError(`${path} must be nullable: ${denied.map(([principal]) => principal).join(', ')} read ${parent} but not ${target}`);
    }
  }
}

const pluginName = 'access';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      access: AccessPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, AccessPlugin);

export default pluginName;
