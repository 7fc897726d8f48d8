// The rules of the one id space users, teams and contracts share, and of usernames within it: an id
// is taken by an account or by a username, so nobody can pose as another account by name.
import type { UserRow } from '../db/rows.ts';
import { LedgerError } from '../errors.ts';
import type { ChainReader } from './view.ts';

/** A new account's id must be nobody's id and nobody's username. A taken user id is UserExists (registration), anything else AccountIdTaken. */
export function checkAccountIdFree(state: ChainReader, id: string, forUser = false): void {
  if (state.accountExists(id)) throw new LedgerError(forUser && state.user(id) ? 'UserExists' : 'AccountIdTaken', `the id '${id}' is already taken`);
  const holder = state.usernameHolder(id);
  if (holder !== undefined) throw new LedgerError('AccountIdTaken', `the id '${id}' is the username of '${holder}'`);
}

/** A username must be free, and may be an account's id only when that account is `self`. */
export function checkUsernameFree(state: ChainReader, username: string, self: string): void {
  const holder = state.usernameHolder(username);
  if (holder !== undefined && holder !== self) throw new LedgerError('UsernameTaken', `the username '${username}' belongs to '${holder}'`);
  if (username !== self && state.accountExists(username)) throw new LedgerError('UsernameTaken', `'${username}' is the id of another account; a username cannot be someone else's id`);
}

/** The profile fields of a user's row. */
export function profileOf(row: UserRow): Pick<UserRow, 'username' | 'displayName' | 'bio'> {
  return { username: row.username, displayName: row.displayName, bio: row.bio };
}
