/**
 * Money is an integer count of the currency's minor units (cents), never a float. How a currency's amounts are
 * written and read lives here, for the API's `Money.formatted` and for the web alike (it imports this module),
 * so it has no dependency but the platform's Intl.
 */
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

// A formatter per locale and currency: making one costs far more than formatting with it.
const formats = new Map<string, Intl.NumberFormat>();
function currencyFormat(currency: string, locale = 'en-US'): Intl.NumberFormat {
  const key = `${locale} ${currency}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(locale, { style: 'currency', currency })));
  return format;
}

/** How many decimals a currency's major unit has (2 for USD, 0 for JPY). */
export function currencyDecimals(currency: string): number {
  return currencyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** e.g. 8999 USD → "$89.99", 8999 JPY → "¥8,999". */
export function formatMoney({ amountMinor, currency }: Money, locale = 'en-US'): string {
  return currencyFormat(currency, locale).format(amountMinor / 10 ** currencyDecimals(currency));
}

/** An amount as the plain number a person types, e.g. 8999 USD → "89.99". */
export function unitsFromMinor({ amountMinor, currency }: Money): string {
  const decimals = currencyDecimals(currency);
  return (amountMinor / 10 ** decimals).toFixed(decimals);
}

/**
 * What a person typed as an amount ("89.99", "$1,200", "-5") in minor units, or null when it is not an amount
 * of that currency (letters, too many decimals). The sign is kept: whether it is allowed is for the caller to say.
 */
export function minorFromUnits(text: string, currency: string): number | null {
  const decimals = currencyDecimals(currency);
  const cleaned = text.replace(/[\s,$€£]/g, '');
  const pattern = decimals ? new RegExp(`^-?\\d+(\\.\\d{1,${decimals}})?$|^-?\\.\\d{1,${decimals}}$`) : /^-?\d+$/;
  if (!pattern.test(cleaned)) return null;
  const [whole = '0', fraction = ''] = cleaned.replace('-', '').split('.');
  const minor = Number(whole || '0') * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
  return cleaned.startsWith('-') ? -minor : minor;
}

/** The symbol a currency's amounts are written with, e.g. "$" for USD, "NZ$" for NZD. */
export function currencySymbol(currency: string): string {
  return currencyFormat(currency).formatToParts(0).find((part) => part.type === 'currency')?.value ?? currency;
}
