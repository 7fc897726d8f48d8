// Node configurations, as in the seeds: $TANA_HOME/nodes/<name>.json holds the options of one
// `tana start`, by the flags' names (port, host, data, db, workers, cors, faucet, trustProxy, maxGas,
// rateLimit, gasPrice, depositPerByte); `tana start --node <name>` reads it, and flags given on the command line
// win. Values are what the flags take (numbers may be JSON numbers, lists JSON arrays), and go
// through the same checks as the flags. Hand-written: twelve known keys, each parsed by its flag's parser.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNT_ID_RULE, isAccountId } from '@tana/engine';
import { readJsonFile, tanaHome } from './config.ts';
import { UsageError } from './output.ts';

export const NODE_KEYS = ['port', 'host', 'data', 'db', 'workers', 'cors', 'faucet', 'trustProxy', 'maxGas', 'rateLimit', 'gasPrice', 'depositPerByte'] as const;
export type NodeKey = (typeof NODE_KEYS)[number];
/** A node file's options, each as the text its flag would take. */
export type NodeOptions = Partial<Record<NodeKey, string>>;

const nodesDir = () => join(tanaHome(), 'nodes');

export function nodeFile(name: string): string {
  if (!isAccountId(name)) throw new UsageError(`'${name}' is not a node name: ${ACCOUNT_ID_RULE}`);
  return join(nodesDir(), `${name}.json`);
}

export function loadNode(name: string): NodeOptions {
  const path = nodeFile(name);
  if (!existsSync(path)) {
    const known = existsSync(nodesDir())
      ? readdirSync(nodesDir())
          .filter((f) => f.endsWith('.json'))
          .map((f) => f.slice(0, -5))
      : [];
    throw new UsageError(
      `no node '${name}': ${path} does not exist (${known.length ? `known: ${known.join(', ')}` : 'write it as a JSON object of start options, e.g. {"port": 9000, "workers": 2}'})`,
    );
  }
  const stored = readJsonFile<unknown>(path, `the node '${name}'`);
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) throw new UsageError(`${path} must hold a JSON object of start options, e.g. {"port": 9000}`);
  const options: NodeOptions = {};
  for (const [key, value] of Object.entries(stored)) {
    if (!(NODE_KEYS as readonly string[]).includes(key)) {
      throw new UsageError(`${path}: unknown option '${key}' (known: ${NODE_KEYS.join(', ')})`);
    }
    options[key as NodeKey] = optionText(path, key, value);
  }
  return options;
}

function optionText(path: string, key: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(',');
  throw new UsageError(`${path}: '${key}' must be a string${key === 'cors' || key === 'trustProxy' ? ', a list of strings' : ' or a number'}, not ${JSON.stringify(value)}`);
}
