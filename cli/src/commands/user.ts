// tana user create|list|show: ed25519 keys under $TANA_HOME/users, registered on the ledger.
import { Command } from '@commander-js/extra-typings';
import { signTransaction } from '@tana/engine';
import { exportPrivateKey, generateKeyPair, LedgerClient, LedgerRequestError, type Submitted, userTransaction } from '@tana/ledger/client';
import { listUsers, readConfig, removeUser, saveUser, userFile, writeConfig } from '../config.ts';
import { examples, jsonOption, ledgerOption } from '../options.ts';
import { printJson, UsageError } from '../output.ts';
import { withProgress } from '../progress.ts';

export const userCommand = () =>
  new Command('user')
    .summary('create, list and show users')
    .description('Make and register users (ed25519 keys kept in $TANA_HOME/users), list them, show one.')
    .addHelpText('after', examples('tana user create alice --name "Alice"', 'tana user list', 'tana user show alice'))
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(showCommand());

const createCommand = () =>
  new Command('create')
    .summary('make keys and register a user')
    .description('Make an ed25519 key pair, save it, and register the user on the ledger (the first one becomes the default user).')
    .argument('<id>', 'the user id: 1–64 of a–z, 0–9, _ . - starting with a letter or digit')
    .option('--name <display name>', 'a display name stored on the ledger')
    .addOption(ledgerOption())
    .addOption(jsonOption())
    .addHelpText('after', examples('tana user create alice', 'tana user create bob --name "Bob" --ledger http://127.0.0.1:9000'))
    .action(async (id, options) => {
      userFile(id); // checks the id before anything is made
      const config = readConfig();
      const client = new LedgerClient(options.ledger ?? config.ledger);
      const { path, submitted } = await withProgress(`registering '${id}' on ${client.baseUrl}`, async () => {
        const chain = await client.chain(); // before the key is made: no ledger, nothing to clean up
        const keys = await generateKeyPair();
        // The key is on disk before the id is registered: a registered id whose key was never saved could never be used again.
        const path = saveUser({ id, publicKey: keys.publicKey, privateKey: await exportPrivateKey(keys.privateKey), ledger: client.baseUrl, createdAt: new Date().toISOString() });
        let submitted: Submitted;
        try {
          submitted = await client.submit(await signTransaction(userTransaction(chain, id, keys.publicKey, options.name), keys.privateKey));
        } catch (error) {
          // A named refusal registered nothing: the new key is useless. Anything else (the ledger unreachable
          // mid-request) may have registered it: keep the key.
          if (error instanceof LedgerRequestError && error.code !== 'Unreachable') removeUser(id);
          else process.stderr.write(`kept the key at ${path}: the registration may or may not have happened (tana user show ${id})\n`);
          throw error;
        }
        return { path, submitted };
      });
      if (!config.defaultUser) writeConfig({ ...config, defaultUser: id });
      if (options.json) printJson({ id, height: submitted.height, txId: submitted.id, keyFile: path, default: !config.defaultUser });
      else console.log(`created user '${id}' in block ${submitted.height}; keys saved to ${path}${config.defaultUser ? '' : ' (now the default user)'}`);
    });

const listCommand = () =>
  new Command('list')
    .summary('the users whose keys are kept here')
    .description('List the users whose keys are kept here (* marks the default user).')
    .addOption(jsonOption())
    .addHelpText('after', examples('tana user list', 'tana user list --json'))
    .action((options) => {
      const config = readConfig();
      const users = listUsers();
      if (options.json) {
        printJson({ users: users.map(({ id, publicKey, ledger }) => ({ id, publicKey, ledger, default: id === config.defaultUser })) });
        return;
      }
      if (!users.length) console.log('no local users; create one with: tana user create <id>');
      for (const user of users) console.log(`${user.id === config.defaultUser ? '*' : ' '} ${user.id}  ${user.publicKey.slice(0, 16)}…  ${user.ledger}`);
    });

const showCommand = () =>
  new Command('show')
    .summary('a user as the ledger has it')
    .description('Show a user as the ledger has it: display name, next nonce, balances.')
    .argument('[id]', 'the user id (default: the default user)')
    .addOption(ledgerOption())
    .addOption(jsonOption())
    .addHelpText('after', examples('tana user show', 'tana user show bob --json'))
    .action(async (id, options) => {
      const config = readConfig();
      const userId = id ?? config.defaultUser;
      if (!userId) throw new UsageError('no user given and no default user: tana user show <id>');
      const user = await new LedgerClient(options.ledger ?? config.ledger).user(userId);
      if (options.json) {
        printJson(user);
        return;
      }
      console.log(`${user.id}${user.displayName ? ` (${user.displayName})` : ''} · next nonce ${user.nextNonce} · since block ${user.createdHeight}`);
      for (const balance of user.balances ?? []) console.log(`  ${balance.currency} ${balance.amount}`);
    });
