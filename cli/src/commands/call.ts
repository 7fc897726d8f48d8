// tana call <contract-id>: run the call locally on the committed state, sign that outcome, submit it;
// the ledger re-executes it and commits it (a conflict runs it again on the new state).
import { Command, Option } from '@commander-js/extra-typings';
import { createSandbox, type JsonValue } from '@tana/engine';
import { callContract, describeDeposit, importPrivateKey } from '@tana/ledger/client';
import { resolveUser } from '../config.ts';
import { announceFee } from '../fee-notice.ts';
import { formatOutcome } from '../format.ts';
import { asOption, chainOption, examples, jsonOption, ledgerOption, maxFeeOption } from '../options.ts';
import { printJson, UsageError } from '../output.ts';
import { withProgress } from '../progress.ts';
import { connect } from '../target.ts';
import { parseGas, parseJsonFlag } from './inputs.ts';

export const callCommand = () =>
  new Command('call')
    .summary('run a call locally, sign it, submit it')
    .description('Call a deployed contract: run it locally, sign the outcome, and submit it for the ledger to re-execute.')
    .argument('<contract-id>', 'the deployed contract')
    .addOption(new Option('--input <json>', 'what the contract sees as tx.input (JSON)'))
    .option('--function <name>', 'call this exported function after the top-level code')
    .option('--args <json>', 'the function’s arguments (a JSON array)')
    .option('--gas <limit>', 'the gas limit (default: the engine’s)')
    .addOption(asOption())
    .addOption(ledgerOption())
    .addOption(chainOption())
    .addOption(maxFeeOption())
    .addOption(jsonOption())
    .addHelpText('after', examples('tana call hello', `tana call token --function transfer --args '["bob", 5]' --as alice`, 'tana call hello --chain mainnet --max-fee 50000'))
    .action(async (contractId, options) => {
      const input = parseJsonFlag(options.input, '--input') ?? null;
      const args = parseJsonFlag(options.args, '--args');
      if (args !== undefined && !Array.isArray(args)) throw new UsageError(`--args must be a JSON array, e.g. '["bob", 5]' (got ${options.args})`);
      if (args !== undefined && !options.function) throw new UsageError('--args needs --function <name>');
      const gasLimit = parseGas(options.gas);
      const user = resolveUser(options.as);
      const ledger = connect(options);
      const chain = await ledger.chain();
      const sandbox = await createSandbox();
      try {
        const result = await withProgress(`calling '${contractId}' as ${user.id}: running locally, then waiting for its block`, async (progress) =>
          callContract(ledger.client, sandbox, {
            contractId,
            sender: user.id,
            privateKey: await importPrivateKey(user.privateKey),
            input,
            function: options.function,
            args: args as JsonValue[] | undefined,
            gasLimit,
            beforeSign: (tx, state) => {
              announceFee(tx, chain, options.maxFee);
              const deposit = describeDeposit(tx, state, chain);
              if (deposit) process.stderr.write(`deposit: ${deposit}\n`);
            },
            onConflict: (attempt, head) => progress.update(`conflict (head moved to ${head.height}); running again (attempt ${attempt + 1})`),
          }),
        );
        if (options.json)
          printJson({
            outcome: result.outcome,
            height: result.submitted?.height ?? null,
            txId: result.submitted?.id ?? null,
            fee: result.submitted?.result.fee ?? null,
            deposit: result.submitted?.result.deposit ?? null,
          });
        else {
          process.stdout.write(formatOutcome(result.outcome, { color: process.stdout.isTTY }));
          if (result.submitted) console.log(`committed in block ${result.submitted.height} (tx ${result.submitted.id.slice(0, 12)}…)`);
        }
        if (!result.submitted) process.exitCode = 1;
      } finally {
        await sandbox.close();
      }
    });
