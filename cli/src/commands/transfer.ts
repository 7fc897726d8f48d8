// tana transfer <to> <amount> <currency>: a signed transfer from the local user.
import { Command } from '@commander-js/extra-typings';
import { AMOUNT_RULE, CURRENCY_CODE_RULE, isAccountId, isAmount, isCurrencyCode, signTransaction, ACCOUNT_ID_RULE } from '@tana/engine';
import { importPrivateKey, LedgerClient, transferTransaction } from '@tana/ledger/client';
import { readConfig, resolveUser } from '../config.ts';
import { asOption, examples, jsonOption, ledgerOption } from '../options.ts';
import { printJson, UsageError } from '../output.ts';

export const transferCommand = () =>
  new Command('transfer')
    .summary('send money to another user')
    .description('Send money to another user, signed by yours.')
    .argument('<to>', 'the receiving user id')
    .argument('<amount>', 'a whole number of the currency’s smallest unit (e.g. cents: 250 is 2.50 USD)')
    .argument('<currency>', 'the currency code, e.g. USD')
    .addOption(asOption())
    .addOption(ledgerOption())
    .addOption(jsonOption())
    .addHelpText('after', examples('tana transfer bob 250 USD', 'tana transfer bob 1000000 TANA --as alice'))
    .action(async (to, amount, currency, options) => {
      if (!isAccountId(to)) throw new UsageError(`'${to}' is not a user id: ${ACCOUNT_ID_RULE}`);
      if (!isAmount(amount)) throw new UsageError(`the amount must be ${AMOUNT_RULE}, not '${amount}'`);
      if (!isCurrencyCode(currency)) throw new UsageError(`'${currency}' is not a currency code: ${CURRENCY_CODE_RULE}`);
      const user = resolveUser(options.as);
      const client = new LedgerClient(options.ledger ?? readConfig().ledger);
      const [chain, info] = await Promise.all([client.chain(), client.user(user.id)]);
      const tx = transferTransaction(chain, user.id, info.nextNonce, to, amount, currency);
      const submitted = await client.submit(await signTransaction(tx, await importPrivateKey(user.privateKey)));
      if (options.json) printJson({ from: user.id, to, amount, currency, height: submitted.height, txId: submitted.id });
      else console.log(`sent ${amount} ${currency} from ${user.id} to ${to} in block ${submitted.height}`);
    });
