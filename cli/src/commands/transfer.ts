// tana transfer <to> <amount> <currency>: a signed transfer from the local user, or (--from) from a
// team the user may spend for.
import { Command } from '@commander-js/extra-typings';
import { ACCOUNT_ID_RULE, AMOUNT_RULE, CURRENCY_CODE_RULE, isAccountId, isAmount, isCurrencyCode, signTransaction } from '@tana/engine';
import { importPrivateKey, transferTransaction } from '@tana/ledger/client';
import { resolveUser } from '../config.ts';
import { announceFee } from '../fee-notice.ts';
import { asOption, chainOption, examples, jsonOption, ledgerOption, maxFeeOption } from '../options.ts';
import { printJson, UsageError } from '../output.ts';
import { connect } from '../target.ts';

export const transferCommand = () =>
  new Command('transfer')
    .summary('send money to another account')
    .description('Send money to another user, team or contract, signed by yours — from your own balance, or with --from from a team you may spend for.')
    .argument('<to>', 'the receiving account id')
    .argument('<amount>', 'a whole number of the currency’s smallest unit (e.g. cents: 250 is 2.50 USD)')
    .argument('<currency>', 'the currency code, e.g. USD')
    .option('--from <team>', 'send the team’s money (you must be an owner, or a member the team lets spend)')
    .addOption(asOption())
    .addOption(ledgerOption())
    .addOption(chainOption())
    .addOption(maxFeeOption())
    .addOption(jsonOption())
    .addHelpText('after', examples('tana transfer bob 250 USD', 'tana transfer bob 1000000 TANA --as alice', 'tana transfer carol 5000 USD --from acme --chain mainnet'))
    .action(async (to, amount, currency, options) => {
      if (!isAccountId(to)) throw new UsageError(`'${to}' is not an account id: ${ACCOUNT_ID_RULE}`);
      if (!isAmount(amount)) throw new UsageError(`the amount must be ${AMOUNT_RULE}, not '${amount}'`);
      if (!isCurrencyCode(currency)) throw new UsageError(`'${currency}' is not a currency code: ${CURRENCY_CODE_RULE}`);
      if (options.from !== undefined && !isAccountId(options.from)) throw new UsageError(`--from '${options.from}' is not a team id: ${ACCOUNT_ID_RULE}`);
      const user = resolveUser(options.as);
      const ledger = connect(options);
      const [chain, info] = await Promise.all([ledger.chain(), ledger.client.user(user.id)]);
      const tx = transferTransaction(chain, user.id, info.nextNonce, to, amount, currency, Date.now(), { team: options.from });
      const fee = announceFee(tx, chain, options.maxFee);
      const submitted = await ledger.client.submit(await signTransaction(tx, await importPrivateKey(user.privateKey)));
      const from = options.from ?? user.id;
      if (options.json) printJson({ from, signer: user.id, to, amount, currency, height: submitted.height, txId: submitted.id, fee: submitted.result.fee ?? null });
      else console.log(`sent ${amount} ${currency} from ${from}${options.from ? ` (signed by ${user.id})` : ''} to ${to} in block ${submitted.height}${fee ? ` · fee ${fee}` : ''}`);
    });
