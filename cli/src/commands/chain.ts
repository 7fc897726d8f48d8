// tana chain add|list|use|remove: the chains this machine talks to ($TANA_HOME/chains/<name>.json),
// and the default one (config.json). A chain is added from its ledger, which tells its id and engine.
import { Command } from '@commander-js/extra-typings';
import { LedgerClient } from '@tana/ledger/client';
import { findChain, listChains, loadChain, removeChain, saveChain } from '../chains.ts';
import { readConfig, storedConfig, updateConfig } from '../config.ts';
import { examples, jsonOption } from '../options.ts';
import { printJson, UsageError } from '../output.ts';
import { resolveTarget } from '../target.ts';

export const chainCommand = () =>
  new Command('chain')
    .summary('add, list, choose and remove chains')
    .description(
      'The chains (ledgers) this machine talks to: each a name for a ledger URL, with the chain id and engine it had when added. Commands use the default chain unless given --chain <name> or --ledger <url>.',
    )
    .addHelpText('after', examples('tana chain add local http://127.0.0.1:8080', 'tana chain add mainnet https://ledger.example.com', 'tana chain use mainnet', 'tana chain list'))
    .addCommand(addCommand())
    .addCommand(listCommand())
    .addCommand(useCommand())
    .addCommand(removeCommand());

const addCommand = () =>
  new Command('add')
    .summary('add a chain by its ledger’s URL')
    .description('Ask the ledger at <url> for its chain id and engine, and keep them under <name> (adding a name again with the same URL updates what was learned).')
    .argument('<name>', 'a name for the chain: 1–64 of a–z, 0–9, _ . - starting with a letter or digit')
    .argument('<url>', 'the ledger’s URL, e.g. http://127.0.0.1:8080')
    .addOption(jsonOption())
    .addHelpText('after', examples('tana chain add local http://127.0.0.1:8080', 'tana chain add mainnet https://ledger.example.com && tana chain use mainnet'))
    .action(async (name, url, options) => {
      if (!/^https?:\/\/[^/]/.test(url)) throw new UsageError(`'${url}' is not a ledger URL: expected http(s)://host[:port]`);
      const existing = findChain(name);
      const client = new LedgerClient(url, { timeoutMs: 10_000 });
      if (existing && existing.url !== client.baseUrl)
        throw new UsageError(`the chain '${name}' is ${existing.url}; remove it first (tana chain remove ${name}) to give the name to ${client.baseUrl}`);
      const info = await client.chain();
      const chain = { name, url: client.baseUrl, chainId: info.chainId, engineHash: info.engineHash, addedAt: existing?.addedAt ?? new Date().toISOString() };
      const path = saveChain(chain);
      const isDefault = readConfig().defaultChain === name;
      if (options.json) printJson({ ...chain, file: path, default: isDefault });
      else {
        console.log(`${existing ? 'updated' : 'added'} chain '${name}': ${chain.url} · chain ${chain.chainId} · engine ${chain.engineHash.slice(0, 12)}… (${path})`);
        if (!isDefault) console.log(`  use it with --chain ${name}, or make it the default: tana chain use ${name}`);
      }
    });

const listCommand = () =>
  new Command('list')
    .summary('the chains added here')
    .description('List the chains added here (* marks the default), and where commands go when none is chosen.')
    .addOption(jsonOption())
    .addHelpText('after', examples('tana chain list', 'tana chain list --json'))
    .action((options) => {
      const chains = listChains();
      const defaultChain = readConfig().defaultChain;
      const target = resolveTarget({});
      if (options.json) {
        printJson({ chains: chains.map((chain) => ({ ...chain, default: chain.name === defaultChain })), target: target.url });
        return;
      }
      if (!chains.length) console.log('no chains added; add one with: tana chain add <name> <url>');
      for (const chain of chains) console.log(`${chain.name === defaultChain ? '*' : ' '} ${chain.name}  ${chain.url}  chain ${chain.chainId}  engine ${chain.engineHash.slice(0, 12)}…`);
      console.log(`commands talk to ${target.url}${target.chain ? ` (chain '${target.chain.name}')` : process.env.TANA_LEDGER ? ' ($TANA_LEDGER)' : ''} unless given --chain or --ledger`);
    });

const useCommand = () =>
  new Command('use')
    .summary('make a chain the default')
    .description('Make a chain the one commands talk to unless given --chain or --ledger ($TANA_LEDGER still wins, for scripts).')
    .argument('<name>', 'a chain added with tana chain add')
    .addHelpText('after', examples('tana chain use mainnet', 'tana chain use local'))
    .action((name) => {
      const chain = loadChain(name);
      updateConfig({ defaultChain: name });
      console.log(`commands now talk to chain '${name}' (${chain.url})`);
    });

const removeCommand = () =>
  new Command('remove')
    .summary('forget a chain')
    .description('Forget a chain (nothing on the ledger changes). If it was the default, commands go back to $TANA_LEDGER or the local ledger.')
    .argument('<name>', 'a chain added with tana chain add')
    .addHelpText('after', examples('tana chain remove mainnet'))
    .action((name) => {
      if (!removeChain(name)) throw new UsageError(`no chain '${name}' (tana chain list)`);
      if (storedConfig().defaultChain === name) updateConfig({ defaultChain: undefined });
      console.log(`removed chain '${name}'`);
    });
