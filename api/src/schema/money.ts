import { formatMoney, type Money } from '../domain/money.js';
import { builder } from './builder.js';

export const MoneyRef = builder.objectRef<Money>('Money').implement({
  description: 'An amount in integer minor units (cents) of a currency',
  fields: (t) => ({
    amountMinor: t.exposeInt('amountMinor', { description: 'The amount in minor units, e.g. 8999 for $89.99' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 code, e.g. USD' }),
    formatted: t.string({ description: 'e.g. "$89.99"', resolve: (money) => formatMoney(money) }),
  }),
});
