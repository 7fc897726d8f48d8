// The seed's configuration layout, under $TANA_HOME or $XDG_CONFIG_HOME/tana or ~/.config/tana:
//   config.json        { ledger, defaultUser }
//   users/<id>.json    { id, publicKey, privateKey (PKCS#8 hex), ledger }
//   ledger/            the local ledger's data (ledger.sqlite, producer key, admin token, tana.pid)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface TanaConfig {
  /** The ledger commands talk to. */
  ledger: string;
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
  const path = join(tanaHome(), 'config.json');
  const stored = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Partial<TanaConfig>) : {};
  return { ledger: process.env.TANA_LEDGER ?? stored.ledger ?? DEFAULT_LEDGER_URL, defaultUser: stored.defaultUser };
}

export function writeConfig(config: TanaConfig): void {
  mkdirSync(tanaHome(), { recursive: true });
  writeFileSync(join(tanaHome(), 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

const usersDir = () => join(tanaHome(), 'users');

export function saveUser(user: StoredUser): string {
  mkdirSync(usersDir(), { recursive: true, mode: 0o700 });
  const path = join(usersDir(), `${user.id}.json`);
  writeFileSync(path, `${JSON.stringify(user, null, 2)}\n`, { mode: 0o600 });
  return path;
}

export function loadUser(id: string): StoredUser {
  const path = join(usersDir(), `${id}.json`);
  if (!existsSync(path)) throw new Error(`no local keys for '${id}' (looked in ${path}); create them with: tana user create ${id}`);
  return JSON.parse(readFileSync(path, 'utf8')) as StoredUser;
}

export function listUsers(): StoredUser[] {
  if (!existsSync(usersDir())) return [];
  return readdirSync(usersDir())
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(usersDir(), f), 'utf8')) as StoredUser);
}

/** The user a command acts as: --as, else the configured default. */
export function resolveUser(as: string | undefined): StoredUser {
  const id = as ?? readConfig().defaultUser;
  if (!id) throw new Error('no user given: pass --as <id>, or create one with: tana user create <id>');
  return loadUser(id);
}
