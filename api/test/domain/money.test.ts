import { describe, expect, it } from 'vitest';
import { currencyDecimals, currencySymbol, formatMoney, invoiceLine, invoiceTotal, minorFromUnits, unitsFromMinor } from '../../src/domain/money.js';

describe('money in minor units', () => {
  it('adds invoice lines as integers', () => {
    const lines = [invoiceLine('Synthetic Oil Change', 1, 8999), invoiceLine('Wiper blades', 2, 1999)];
    expect(invoiceTotal(lines)).toBe(12997);
  });

  it("formats by the currency's own number of decimals", () => {
    expect(currencyDecimals('USD')).toBe(2);
    expect(currencyDecimals('JPY')).toBe(0);
    expect(formatMoney({ amountMinor: 8999, currency: 'USD' })).toBe('$89.99');
    expect(formatMoney({ amountMinor: 8999, currency: 'JPY' })).toBe('¥8,999');
    expect(formatMoney({ amountMinor: 120000, currency: 'NZD' })).toBe('NZ$1,200.00');
    expect(formatMoney({ amountMinor: -500, currency: 'USD' })).toBe('-$5.00');
  });

  it('writes an amount as the plain number a person types, and the symbol beside it', () => {
    expect(unitsFromMinor({ amountMinor: 8999, currency: 'USD' })).toBe('89.99');
    expect(unitsFromMinor({ amountMinor: 7550, currency: 'USD' })).toBe('75.50');
    expect(unitsFromMinor({ amountMinor: 8999, currency: 'JPY' })).toBe('8999');
    expect(currencySymbol('USD')).toBe('$');
    expect(currencySymbol('NZD')).toBe('NZ$');
  });

  it('reads what a person typed as minor units', () => {
    expect(minorFromUnits('89.99', 'USD')).toBe(8999);
    expect(minorFromUnits('75.5', 'USD')).toBe(7550);
    expect(minorFromUnits('$1,200', 'USD')).toBe(120000);
    expect(minorFromUnits(' .5 ', 'USD')).toBe(50);
    expect(minorFromUnits('-5', 'USD')).toBe(-500);
    expect(minorFromUnits('8999', 'JPY')).toBe(8999);
  });

  it('refuses what is not an amount of that currency', () => {
    expect(minorFromUnits('', 'USD')).toBeNull();
    expect(minorFromUnits('twelve', 'USD')).toBeNull();
    expect(minorFromUnits('89.999', 'USD')).toBeNull();
    expect(minorFromUnits('1.2.3', 'USD')).toBeNull();
    expect(minorFromUnits('89.5', 'JPY')).toBeNull();
  });
});
