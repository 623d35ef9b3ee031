import { formatMoney, type Money } from '../domain/money.js';
import { builder } from './builder.js';

export const MoneyRef = builder.objectRef<Money>('Money').implement({
  description: 'An amount in integer minor units (cents) of a currency',
  fields: (t) => ({
    amountMinor: t.exposeInt('amountMinor'),
    currency: t.exposeString('currency'),
    formatted: t.string({ description: 'e.g. "$89.99"', resolve: (money) => formatMoney(money) }),
  }),
});
