// tana deploy / call / transfer: signed transactions from the local user's keys.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSandbox, signTransaction, transpile, type JsonValue } from '@tana/engine';
import { callContract, deployTransaction, importPrivateKey, LedgerClient, transferTransaction } from '@tana/ledger/client';
import { readConfig, resolveUser } from '../config.ts';
import { formatOutcome } from '../format.ts';
import { progress, UsageError } from '../output.ts';

const common = { as: { type: 'string' }, ledger: { type: 'string' } } as const;

export async function deployCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...common, id: { type: 'string' } } });
  const { file, id } = locateContract(positionals[0] ?? '.', values.id);
  const user = resolveUser(values.as);
  const client = new LedgerClient(values.ledger ?? readConfig().ledger);
  progress(`transpiling ${file}`);
  const code = transpile(readFileSync(file, 'utf8'));
  const [chain, info] = await Promise.all([client.chain(), client.user(user.id)]);
  progress(`deploying '${id}' as ${user.id} to ${client.baseUrl}`);
  const tx = await deployTransaction(chain, user.id, info.nextNonce, id, code);
  const submitted = await client.submit(await signTransaction(tx, await importPrivateKey(user.privateKey)));
  const contract = await client.contract(id);
  console.log(`deployed '${id}' v${contract.version} in block ${submitted.height} (code ${tx.codeHash.slice(0, 12)}…)`);
  return 0;
}

export async function callCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...common, input: { type: 'string' }, function: { type: 'string' }, args: { type: 'string' }, gas: { type: 'string' } },
  });
  const contractId = positionals[0];
  if (!contractId) throw new UsageError('tana call <contract-id> [--input <json>] [--function <name> --args <json array>]');
  const user = resolveUser(values.as);
  const client = new LedgerClient(values.ledger ?? readConfig().ledger);
  const sandbox = await createSandbox({ timeoutMs: 10_000 });
  try {
    progress(`running '${contractId}' locally, then submitting as ${user.id}`);
    const result = await callContract(client, sandbox, {
      contractId,
      sender: user.id,
      privateKey: await importPrivateKey(user.privateKey),
      input: parseJson(values.input, '--input') ?? null,
      function: values.function,
      args: parseJson(values.args, '--args') as JsonValue[] | undefined,
      gasLimit: values.gas ? Number(values.gas) : undefined,
      onConflict: (attempt, head) => progress(`conflict (head moved to ${head.height}); running again (attempt ${attempt + 1})`),
    });
    process.stdout.write(formatOutcome(result.outcome, { color: process.stdout.isTTY }));
    if (!result.submitted) return 1;
    console.log(`committed in block ${result.submitted.height} (tx ${result.submitted.id.slice(0, 12)}…)`);
    return 0;
  } finally {
    await sandbox.close();
  }
}

export async function transferCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: common });
  const [to, amount, currency] = positionals;
  if (!to || !amount || !currency) throw new UsageError('tana transfer <to> <amount> <currency> (amount in the smallest unit, e.g. cents)');
  const user = resolveUser(values.as);
  const client = new LedgerClient(values.ledger ?? readConfig().ledger);
  const [chain, info] = await Promise.all([client.chain(), client.user(user.id)]);
  const tx = transferTransaction(chain, user.id, info.nextNonce, to, amount, currency);
  const submitted = await client.submit(await signTransaction(tx, await importPrivateKey(user.privateKey)));
  console.log(`sent ${amount} ${currency} from ${user.id} to ${to} in block ${submitted.height}`);
  return 0;
}

/** A .ts file, or a directory with contract.json (its `entry` and `id`). */
function locateContract(path: string, id?: string): { file: string; id: string } {
  if (!existsSync(path)) throw new UsageError(`${path} does not exist`);
  const dir = statSync(path).isDirectory() ? path : dirname(path);
  const manifestPath = join(dir, 'contract.json');
  const manifest = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { id?: string; entry?: string }) : {};
  const file = statSync(path).isDirectory() ? join(dir, manifest.entry ?? 'contract.ts') : path;
  if (!existsSync(file)) throw new UsageError(`no contract file at ${file}`);
  const contractId = id ?? manifest.id ?? basename(file).replace(/\.[cm]?[jt]s$/, '').toLowerCase();
  return { file, id: contractId };
}

function parseJson(text: string | undefined, flag: string): JsonValue | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new UsageError(`${flag} must be JSON, got ${text}`);
  }
}
