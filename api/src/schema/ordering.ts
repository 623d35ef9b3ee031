import { orderBy, type KeysetOrder, type SortKey } from '../pagination/keyset.js';
import { builder } from './builder.js';
import { described } from './enums.js';

export const OrderDirectionEnum = builder.enumType('OrderDirection', {
  description: 'Which way a list is sorted',
  values: {
    ASC: { value: 'asc', description: 'Smallest, earliest or alphabetically first first' },
    DESC: { value: 'desc', description: 'Largest, latest or alphabetically last first' },
  } as const,
});

interface OrderField {
  key: Omit<SortKey, 'direction'>;
  description: string;
}

/**
 * The `orderBy` argument of a list: an input `<Type>Order` of a `<Type>OrderField` and a direction.
 * Rows with the same value keep a fixed order (by id), so pages never overlap or skip.
 */
export function orderArgument<F extends string>(typename: string, plural: string, fields: Record<F, OrderField>, defaultField: NoInfer<F>) {
  const FieldEnum = builder.enumType(`${typename}OrderField`, {
    description: `What ${plural} can be sorted by`,
    values: described(Object.fromEntries(Object.entries<OrderField>(fields).map(([name, { description }]) => [name, description])) as Record<F, string>),
  });
  const input = builder.inputType(`${typename}Order`, {
    description: `How to sort ${plural}. A cursor belongs to the order it was read in: send the same orderBy with it`,
    fields: (t) => ({
      field: t.field({ type: FieldEnum, required: true, description: 'The value to sort by' }),
      direction: t.field({ type: OrderDirectionEnum, required: true, description: 'Ascending or descending' }),
    }),
  });
  const defaultValue = { field: defaultField, direction: 'asc' as const };
  return {
    input,
    defaultValue,
    /** The order asked for (the default when absent or null), in one spelling for the cursor's binding. */
    resolve(given: { field: F; direction: 'asc' | 'desc' } | null | undefined): { name: { field: F; direction: 'asc' | 'desc' }; order: KeysetOrder } {
      const name = given ?? defaultValue;
      return { name, order: orderBy(fields[name.field].key, name.direction) };
    },
  };
}
