// Reading what a person passes to a command, with errors that name the flag or the file.
import { readFileSync } from 'node:fs';
import type { JsonValue } from '@tana/engine';
import { UsageError } from '../output.ts';

/** A contract's source, or a usage error naming the path (never a raw ENOENT). */
export function readContractSource(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`no contract file at ${path}`);
    if (code === 'EISDIR') throw new UsageError(`${path} is a directory; name the contract's .ts file`);
    throw new UsageError(`cannot read the contract file ${path}: ${(error as Error).message}`);
  }
}

/** A flag that takes JSON: undefined when absent, or a usage error naming the flag and the JSON error. */
export function parseJsonFlag(text: string | undefined, flag: string): JsonValue | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new UsageError(`${flag} must be JSON: ${(error as Error).message} (got ${JSON.stringify(text)}; quote strings, e.g. '"text"')`);
  }
}

export function parsePositiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(number) || number <= 0) throw new UsageError(`${flag} must be a positive whole number, not '${value}'`);
  return number;
}

export const parseGas = (value: string | undefined) => parsePositiveInteger(value, '--gas');
