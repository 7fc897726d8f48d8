// The id rule for users and contracts, shared by the ledger's schemas, the CLI and the playground.

/** A user or contract id: 1–64 of a–z, 0–9, _ . - starting with a letter or digit (also a safe file name). */
export const ACCOUNT_ID_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
export const ACCOUNT_ID_RULE = '1–64 of a–z, 0–9, _ . - starting with a letter or digit';

export function isAccountId(id: string): boolean {
  return ACCOUNT_ID_PATTERN.test(id);
}

/** The contract id a file or folder name suggests (lower case, other characters as '-'), or `fallback` when nothing usable is left. */
export function contractIdFor(name: string, fallback = 'contract'): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9_.-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 64) || fallback
  );
}
