// Money on the wire: amounts are positive whole numbers of a currency's smallest unit, as decimal
// strings (up to 38 digits, no leading zero); currency codes are short upper-case names.

export const AMOUNT_PATTERN = /^[1-9][0-9]{0,37}$/;
export const AMOUNT_RULE = 'a positive whole number of the smallest unit (e.g. cents), as a decimal string';
export const CURRENCY_CODE_PATTERN = /^[A-Z0-9]{1,16}$/;
export const CURRENCY_CODE_RULE = '1–16 of A–Z, 0–9';

export function isAmount(amount: string): boolean {
  return AMOUNT_PATTERN.test(amount);
}

export function isCurrencyCode(code: string): boolean {
  return CURRENCY_CODE_PATTERN.test(code);
}
