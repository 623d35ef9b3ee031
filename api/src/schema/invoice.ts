import { invoiceLabel } from '../domain/work-order.js';
import { builder } from './builder.js';
import { MoneyRef } from './money.js';

builder.prismaObject('Invoice', {
  description: 'The bill of a completed work order, issued in the same change that completed it; it does not change afterwards',
  fields: (t) => ({
    number: t.exposeInt('number', { description: 'The invoice number within the organization, e.g. 1001' }),
    label: t.string({ description: 'The number as people write it, e.g. INV-1001', resolve: (invoice) => invoiceLabel(invoice.number) }),
    currency: t.exposeString('currency', { description: 'ISO 4217 code of every amount on it' }),
    total: t.field({
      type: MoneyRef,
      description: 'The sum of its lines',
      resolve: (invoice) => ({ amountMinor: invoice.totalMinor, currency: invoice.currency }),
    }),
    issuedAt: t.expose('issuedAt', { type: 'DateTime', description: 'When it was issued (when the job was completed)' }),
    lines: t.relation('lines', { description: 'What is billed, in order', query: { orderBy: { position: 'asc' } } }),
  }),
});

builder.prismaObject('InvoiceLine', {
  description: 'One billed item',
  fields: (t) => ({
    description: t.exposeString('description', { description: 'What is billed, e.g. the service type\'s name' }),
    quantity: t.exposeInt('quantity', { description: 'How many' }),
    unitPriceMinor: t.exposeInt('unitPriceMinor', { description: 'The price of one, in minor units of the invoice\'s currency' }),
    amountMinor: t.exposeInt('amountMinor', { description: 'quantity × unitPriceMinor, in minor units' }),
  }),
});
