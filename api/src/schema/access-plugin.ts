import SchemaBuilder, { BasePlugin, PothosSchemaError, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import type { Caller } from '../domain/caller.js';
import {
  accessOf,
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

const callerOf = (context: unknown) => (context as { caller: Caller | null }).caller;

/**
 * Applies the permission table (domain/permissions.ts) to every field below the root, once, when
 * the schema is built. A field that leads to a readable type (a relation, a list, a connection, a
 * payload's object) resolves to null for a caller who may not read that type; a sensitive field to
 * null for a caller without its group. Every other field keeps its resolver untouched, so the board's
 * thousands of plain fields pay nothing. Root fields are guarded by the `reads` auth scope.
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
    const target = this.readableTypeOf(fieldConfig);
    if (!target) return resolver;
    this.assertNullableWhereDenied(path, fieldConfig, target);
    return (parent, args, context, info) => (accessOf(callerOf(context)).reads(target) ? resolver(parent, args, context, info) : null);
  }

  /** The readable type a field leads to: its own type, an item type, or the node type of a connection. */
  private readableTypeOf(fieldConfig: PothosOutputFieldConfig<Types>): ReadableType | null {
    let type = fieldConfig.type;
    while (type.kind === 'List') type = type.type;
    const outer = type.ref;
    const declared = (fieldConfig.pothosOptions as { type?: unknown }).type;
    for (const ref of [outer, Array.isArray(declared) ? declared[0] : declared]) {
      if (ref === undefined) continue;
      const name = this.buildCache.getTypeConfig(ref as never).name;
      if (isReadable(name)) return name;
    }
    return null;
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
