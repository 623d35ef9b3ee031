/** Money is an integer count of the currency's minor units (cents), never a float. */
export interface Money {
  amountMinor: number;
  currency: string;
}

export interface InvoiceLineDraft {
  description: string;
  quantity: number;
  unitPriceMinor: number;
  amountMinor: number;
}

export function invoiceLine(description: string, quantity: number, unitPriceMinor: number): InvoiceLineDraft {
  return { description, quantity, unitPriceMinor, amountMinor: quantity * unitPriceMinor };
}

export function invoiceTotal(lines: readonly InvoiceLineDraft[]): number {
  return lines.reduce((sum, line) => sum + line.amountMinor, 0);
}

export function formatMoney({ amountMinor, currency }: Money, locale = 'en-US'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}
