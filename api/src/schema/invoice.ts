import { invoiceLabel } from '../domain/work-order.js';
import { builder } from './builder.js';
import { MoneyRef } from './money.js';

builder.prismaObject('Invoice', {
  fields: (t) => ({
    number: t.exposeInt('number'),
    label: t.string({ description: 'e.g. INV-1001', resolve: (invoice) => invoiceLabel(invoice.number) }),
    currency: t.exposeString('currency'),
    total: t.field({ type: MoneyRef, resolve: (invoice) => ({ amountMinor: invoice.totalMinor, currency: invoice.currency }) }),
    issuedAt: t.expose('issuedAt', { type: 'DateTime' }),
    lines: t.relation('lines', { query: { orderBy: { position: 'asc' } } }),
  }),
});

builder.prismaObject('InvoiceLine', {
  fields: (t) => ({
    description: t.exposeString('description'),
    quantity: t.exposeInt('quantity'),
    unitPriceMinor: t.exposeInt('unitPriceMinor'),
    amountMinor: t.exposeInt('amountMinor'),
  }),
});
