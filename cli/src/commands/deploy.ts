// tana deploy [<file|dir>]: transpile, sign and commit a contract (or a new version of yours).
import { Command, Option } from '@commander-js/extra-typings';
import { signTransaction } from '@tana/engine';
import { deployTransaction, importPrivateKey, LedgerClient } from '@tana/ledger/client';
import { readConfig, resolveUser } from '../config.ts';
import { asOption, examples, jsonOption, ledgerOption } from '../options.ts';
import { printJson } from '../output.ts';
import { withProgress } from '../progress.ts';
import { locateContract, transpileFile } from './contract-files.ts';

export const deployCommand = () =>
  new Command('deploy')
    .summary('deploy (or upgrade) a contract on the ledger')
    .description('Deploy a contract (or a new version of yours) to the ledger: transpiled, signed, committed in a block.')
    .argument('[path]', 'a .ts file, or a folder with contract.json (default: this folder)', '.')
    .addOption(new Option('--id <contract-id>', 'the contract id (default: contract.json’s id, else the file name)'))
    .addOption(asOption())
    .addOption(ledgerOption())
    .addOption(jsonOption())
    .addHelpText('after', examples('tana deploy hello', 'tana deploy examples/counter.ts --id my-counter --as alice'))
    .action(async (path, options) => {
      const { file, id } = locateContract(path, options.id);
      const code = transpileFile(file);
      const user = resolveUser(options.as);
      const client = new LedgerClient(options.ledger ?? readConfig().ledger);
      const { tx, submitted, contract } = await withProgress(`deploying '${id}' as ${user.id} to ${client.baseUrl}`, async (progress) => {
        const [chain, info] = await Promise.all([client.chain(), client.user(user.id)]);
        const tx = await deployTransaction(chain, user.id, info.nextNonce, id, code);
        progress.update(`deploying '${id}': waiting for its block`);
        const submitted = await client.submit(await signTransaction(tx, await importPrivateKey(user.privateKey)));
        return { tx, submitted, contract: await client.contract(id) };
      });
      if (options.json) printJson({ contractId: id, version: contract.version, height: submitted.height, txId: submitted.id, codeHash: tx.codeHash });
      else console.log(`deployed '${id}' v${contract.version} in block ${submitted.height} (code ${tx.codeHash.slice(0, 12)}…)`);
    });
