// Finding a contract on disk for tana deploy: a .ts file, or a folder with contract.json (its
// `entry` and `id`), and transpiling it with errors that name the file and line.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ACCOUNT_ID_RULE, contractIdFor, formatPosition, isAccountId, positionInMessage, transpile } from '@tana/engine';
import { UsageError } from '../output.ts';
import { readContractSource } from './inputs.ts';

export interface ContractFile {
  file: string;
  id: string;
}

export function locateContract(path: string, id?: string): ContractFile {
  if (!existsSync(path)) throw new UsageError(`no contract file or folder at ${path}`);
  const isDir = statSync(path).isDirectory();
  const dir = isDir ? path : dirname(path);
  const manifestPath = join(dir, 'contract.json');
  const manifest = existsSync(manifestPath) ? readManifest(manifestPath) : {};
  const file = isDir ? join(dir, manifest.entry ?? 'contract.ts') : path;
  if (!existsSync(file)) throw new UsageError(`no contract file at ${file}${isDir ? ` (the entry of ${manifestPath})` : ''}`);
  const contractId = id ?? manifest.id ?? contractIdFor(basename(file).replace(/\.[cm]?[jt]s$/, ''));
  if (!isAccountId(contractId)) throw new UsageError(`'${contractId}' is not a contract id: ${ACCOUNT_ID_RULE}`);
  return { file, id: contractId };
}

function readManifest(path: string): { id?: string; entry?: string } {
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw new Error('not a JSON object');
    return manifest as { id?: string; entry?: string };
  } catch (error) {
    throw new UsageError(`${path} is not a valid contract.json: ${(error as Error).message}`);
  }
}

/** The JavaScript the ledger stores, or an error naming `file:line:column` of the syntax error. */
export function transpileFile(file: string): string {
  const source = readContractSource(file);
  try {
    return transpile(source);
  } catch (error) {
    const position = positionInMessage((error as Error).message);
    throw new Error(`${file}${position ? `:${formatPosition(position)}` : ''}: syntax error: ${(error as Error).message}`);
  }
}
