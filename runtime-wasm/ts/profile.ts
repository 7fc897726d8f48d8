// A user's profile as the seeds have it — username, display name, bio — with the rules every part
// checks before signing (the ledger's schemas, the CLI, the playground).

/** A username: 3–32 of a–z, 0–9, _ starting with a letter. Unique among users, and never another account's id. */
export const USERNAME_PATTERN = /^[a-z][a-z0-9_]{2,31}$/;
export const USERNAME_RULE = '3–32 of a–z, 0–9, _ starting with a letter';
/** A display name or team name: 1–64 characters, no control characters. */
export const DISPLAY_NAME_PATTERN = /^[^\p{Cc}]{1,64}$/u;
export const DISPLAY_NAME_RULE = '1–64 characters, no control characters';
/** A bio: up to 280 characters; line breaks allowed, no other control characters. */
export const BIO_PATTERN = /^(?:[^\p{Cc}]|\n){0,280}$/u;
export const BIO_RULE = 'up to 280 characters (line breaks allowed, no other control characters)';

export function isUsername(name: string): boolean {
  return USERNAME_PATTERN.test(name);
}

export function isDisplayName(name: string): boolean {
  return DISPLAY_NAME_PATTERN.test(name);
}

export function isBio(bio: string): boolean {
  return BIO_PATTERN.test(bio);
}

/** How a person is shown where an id was: "Alice (@alice_w)" or the id alone. */
export function profileLabel(user: { id: string; username?: string | null; displayName?: string | null }): string {
  const handle = user.username ? `@${user.username}` : undefined;
  if (user.displayName) return `${user.displayName} (${handle ?? user.id})`;
  return handle ? `${handle} (${user.id})` : user.id;
}
