import { describe, expect, it } from 'vitest';
import { formatMoney, invoiceLine, invoiceTotal } from '../../src/domain/money.js';

describe('money in minor units', () => {
  it('adds invoice lines as integers', () => {
    const lines = [invoiceLine('Synthetic Oil Change', 1, 8999), invoiceLine('Wiper blades', 2, 1999)];
    expect(invoiceTotal(lines)).toBe(12997);
  });

  it('formats by the currency\'s own number of decimals', () => {
    expect(formatMoney({ amountMinor: 8999, currency: 'USD' })).toBe('$89.99');
    expect(formatMoney({ amountMinor: 8999, currency: 'JPY' })).toBe('¥8,999');
  });
});
