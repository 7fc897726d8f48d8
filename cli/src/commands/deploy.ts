// tana deploy [<file|dir>]: transpile, sign and commit a contract (or a new version of yours, or of
// your team's with --team).
import { Command, Option } from '@commander-js/extra-typings';
import { ACCOUNT_ID_RULE, isAccountId, signTransaction } from '@tana/engine';
import { deployTransaction, importPrivateKey } from '@tana/ledger/client';
import { resolveUser } from '../config.ts';
import { announceFee } from '../fee-notice.ts';
import { asOption, chainOption, examples, jsonOption, ledgerOption, maxFeeOption } from '../options.ts';
import { printJson, UsageError } from '../output.ts';
import { withProgress } from '../progress.ts';
import { connect } from '../target.ts';
import { locateContract, transpileFile } from './contract-files.ts';

export const deployCommand = () =>
  new Command('deploy')
    .summary('deploy (or upgrade) a contract on the ledger')
    .description('Deploy a contract (or a new version of yours, or with --team of your team’s) to the ledger: transpiled, signed, committed in a block.')
    .argument('[path]', 'a .ts file, or a folder with contract.json (default: this folder)', '.')
    .addOption(new Option('--id <contract-id>', 'the contract id (default: contract.json’s id, else the file name)'))
    .option('--team <team>', 'deploy for this team: the contract is the team’s (you must be an owner, or a member the team lets deploy)')
    .addOption(asOption())
    .addOption(ledgerOption())
    .addOption(chainOption())
    .addOption(maxFeeOption())
    .addOption(jsonOption())
    .addHelpText('after', examples('tana deploy hello', 'tana deploy examples/counter.ts --id my-counter --as alice', 'tana deploy hello --team acme --chain mainnet'))
    .action(async (path, options) => {
      if (options.team !== undefined && !isAccountId(options.team)) throw new UsageError(`--team '${options.team}' is not a team id: ${ACCOUNT_ID_RULE}`);
      const { file, id } = locateContract(path, options.id);
      const code = transpileFile(file);
      const user = resolveUser(options.as);
      const ledger = connect(options);
      const { tx, submitted, contract, fee } = await withProgress(`deploying '${id}' as ${user.id} to ${ledger.client.baseUrl}`, async (progress) => {
        const [chain, info] = await Promise.all([ledger.chain(), ledger.client.user(user.id)]);
        const tx = await deployTransaction(chain, user.id, info.nextNonce, id, code, Date.now(), { team: options.team });
        const fee = announceFee(tx, chain, options.maxFee);
        progress.update(`deploying '${id}': waiting for its block`);
        const submitted = await ledger.client.submit(await signTransaction(tx, await importPrivateKey(user.privateKey)));
        return { tx, submitted, contract: await ledger.client.contract(id), fee };
      });
      if (options.json)
        printJson({ contractId: id, owner: contract.owner, version: contract.version, height: submitted.height, txId: submitted.id, codeHash: tx.codeHash, fee: submitted.result.fee ?? null });
      else
        console.log(`deployed '${id}' v${contract.version}${options.team ? ` for ${options.team}` : ''} in block ${submitted.height} (code ${tx.codeHash.slice(0, 12)}…)${fee ? ` · fee ${fee}` : ''}`);
    });
