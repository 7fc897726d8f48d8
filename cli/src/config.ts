// The seed's configuration layout, under $TANA_HOME or $XDG_CONFIG_HOME/tana or ~/.config/tana:
//   config.json        { defaultChain, defaultUser, ledger }
//   chains/<name>.json { name, url, chainId, engineHash } (chains.ts)
//   nodes/<name>.json  options for tana start --node <name> (nodes.ts)
//   users/<id>.json    { id, publicKey, privateKey (PKCS#8 hex), ledger }
//   ledger/            the local ledger's data (ledger.sqlite, producer key, admin token, tana.pid)
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNT_ID_RULE, isAccountId } from '@tana/engine';
import { UsageError } from './output.ts';

export interface TanaConfig {
  /** The ledger commands talk to when no chain is chosen ($TANA_LEDGER, else config.json's, else the local default). */
  ledger: string;
  /** The chain (chains/<name>.json) commands talk to when neither --ledger nor --chain is given. */
  defaultChain?: string;
  defaultUser?: string;
}

export interface StoredUser {
  id: string;
  publicKey: string;
  privateKey: string;
  ledger: string;
  createdAt: string;
}

export const DEFAULT_LEDGER_URL = 'http://127.0.0.1:8080';

export function tanaHome(): string {
  if (process.env.TANA_HOME) return process.env.TANA_HOME;
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'tana');
}

export function defaultDataDir(): string {
  return join(tanaHome(), 'ledger');
}

export function readConfig(): TanaConfig {
  const stored = storedConfig();
  return { ledger: process.env.TANA_LEDGER ?? stored.ledger ?? DEFAULT_LEDGER_URL, defaultChain: stored.defaultChain, defaultUser: stored.defaultUser };
}

/** config.json as written (no environment, no defaults): what updateConfig keeps. */
export function storedConfig(): Partial<TanaConfig> {
  const path = join(tanaHome(), 'config.json');
  const stored = existsSync(path) ? readJsonFile<Partial<TanaConfig>>(path, 'the configuration') : {};
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) throw new Error(`${path} must hold a JSON object like {"defaultChain": "local"}; fix it or delete it`);
  return stored;
}

/** A JSON file of ours, or an error naming the file and what is wrong with it. */
export function readJsonFile<T>(path: string, what: string): T {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`${path} (${what}) is not valid JSON: ${(error as Error).message}; fix it or delete it`);
  }
}

/** Changes config.json's fields in `changes` (undefined removes one), keeping the others as written. */
export function updateConfig(changes: Partial<TanaConfig>): void {
  const next: Record<string, unknown> = { ...storedConfig(), ...changes };
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
  mkdirSync(tanaHome(), { recursive: true });
  writeFileSync(join(tanaHome(), 'config.json'), `${JSON.stringify(next, null, 2)}\n`);
}

const usersDir = () => join(tanaHome(), 'users');

/** A user's key file. The id must be a ledger id, which also keeps it a plain file name (no '/', no '..'). */
export function userFile(id: string): string {
  if (!isAccountId(id)) throw new UsageError(`'${id}' is not a user id: ${ACCOUNT_ID_RULE}`);
  return join(usersDir(), `${id}.json`);
}

/** Writes a new key file; never replaces one (that would lose the key it holds). */
export function saveUser(user: StoredUser): string {
  const path = userFile(user.id);
  if (existsSync(path)) throw new UsageError(`keys for '${user.id}' already exist at ${path}; not replacing them`);
  mkdirSync(usersDir(), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(user, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return path;
}

export function removeUser(id: string): void {
  rmSync(userFile(id), { force: true });
}

export function loadUser(id: string): StoredUser {
  const path = userFile(id);
  if (!existsSync(path)) throw new Error(`no local keys for '${id}' (looked in ${path}); create them with: tana user create ${id}`);
  return readJsonFile<StoredUser>(path, `the keys of '${id}'`);
}

export function listUsers(): StoredUser[] {
  if (!existsSync(usersDir())) return [];
  return readdirSync(usersDir())
    .filter((f) => f.endsWith('.json'))
    .map((f) => readJsonFile<StoredUser>(join(usersDir(), f), "a user's keys"));
}

/** The user a command acts as: --as, else the configured default. */
export function resolveUser(as: string | undefined): StoredUser {
  const id = as ?? readConfig().defaultUser;
  if (!id) throw new Error('no user given: pass --as <id>, or create one with: tana user create <id>');
  return loadUser(id);
}
