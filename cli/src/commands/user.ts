// tana user create|update|list|show: ed25519 keys under $TANA_HOME/users, registered on the ledger,
// with a profile (username, display name, bio) as in the seeds.
import { Command } from '@commander-js/extra-typings';
import { BIO_RULE, DISPLAY_NAME_RULE, isBio, isDisplayName, isUsername, profileLabel, signTransaction, USERNAME_RULE } from '@tana/engine';
import { exportPrivateKey, generateKeyPair, importPrivateKey, LedgerRequestError, profileTransaction, type Submitted, userTransaction } from '@tana/ledger/client';
import { listUsers, readConfig, removeUser, resolveUser, saveUser, updateConfig, userFile } from '../config.ts';
import { announceFee } from '../fee-notice.ts';
import { asOption, chainOption, examples, jsonOption, ledgerOption, maxFeeOption } from '../options.ts';
import { printJson, UsageError } from '../output.ts';
import { withProgress } from '../progress.ts';
import { connect } from '../target.ts';

export const userCommand = () =>
  new Command('user')
    .summary('create, update, list and show users')
    .description('Make and register users (ed25519 keys kept in $TANA_HOME/users), change their profile, list them, show one.')
    .addHelpText('after', examples('tana user create alice --name "Alice" --username alice_w', 'tana user update --bio "Builds counters."', 'tana user list', 'tana user show alice'))
    .addCommand(createCommand())
    .addCommand(updateCommand())
    .addCommand(listCommand())
    .addCommand(showCommand());

/** A profile flag's value: checked by its rule; '' clears the field. */
function profileFlag(value: string | undefined, flag: string, valid: (text: string) => boolean, rule: string): string | null | undefined {
  if (value === undefined || value === '') return value === '' ? null : undefined;
  if (!valid(value)) throw new UsageError(`${flag} must be ${rule}, not ${JSON.stringify(value)}`);
  return value;
}

const createCommand = () =>
  new Command('create')
    .summary('make keys and register a user')
    .description('Make an ed25519 key pair, save it, and register the user on the ledger (the first one becomes the default user).')
    .argument('<id>', 'the user id: 1–64 of a–z, 0–9, _ . - starting with a letter or digit')
    .option('--name <display name>', `a display name (${DISPLAY_NAME_RULE})`)
    .option('--username <username>', `a username, unique on the ledger (${USERNAME_RULE})`)
    .option('--bio <text>', `a bio (${BIO_RULE})`)
    .addOption(ledgerOption())
    .addOption(chainOption())
    .addOption(jsonOption())
    .addHelpText('after', examples('tana user create alice', 'tana user create bob --name "Bob" --username bob_b --chain mainnet'))
    .action(async (id, options) => {
      userFile(id); // checks the id before anything is made
      const profile = {
        displayName: profileFlag(options.name, '--name', isDisplayName, DISPLAY_NAME_RULE) ?? undefined,
        username: profileFlag(options.username, '--username', isUsername, USERNAME_RULE) ?? undefined,
        bio: profileFlag(options.bio, '--bio', isBio, BIO_RULE) ?? undefined,
      };
      const config = readConfig();
      const ledger = connect(options);
      const { client } = ledger;
      const { path, submitted } = await withProgress(`registering '${id}' on ${client.baseUrl}`, async () => {
        const chain = await ledger.chain(); // before the key is made: no ledger, nothing to clean up
        const keys = await generateKeyPair();
        // The key is on disk before the id is registered: a registered id whose key was never saved could never be used again.
        const path = saveUser({ id, publicKey: keys.publicKey, privateKey: await exportPrivateKey(keys.privateKey), ledger: client.baseUrl, createdAt: new Date().toISOString() });
        let submitted: Submitted;
        try {
          const tx = userTransaction(chain, id, keys.publicKey, profile.displayName, Date.now(), { username: profile.username, bio: profile.bio });
          submitted = await client.submit(await signTransaction(tx, keys.privateKey));
        } catch (error) {
          // A named refusal registered nothing: the new key is useless. Anything else (the ledger unreachable
          // mid-request) may have registered it: keep the key.
          if (error instanceof LedgerRequestError && error.code !== 'Unreachable') removeUser(id);
          else process.stderr.write(`kept the key at ${path}: the registration may or may not have happened (tana user show ${id})\n`);
          throw error;
        }
        return { path, submitted };
      });
      if (!config.defaultUser) updateConfig({ defaultUser: id });
      if (options.json) printJson({ id, height: submitted.height, txId: submitted.id, keyFile: path, default: !config.defaultUser });
      else console.log(`created user '${id}' in block ${submitted.height}; keys saved to ${path}${config.defaultUser ? '' : ' (now the default user)'}`);
    });

const updateCommand = () =>
  new Command('update')
    .summary('change your username, display name or bio')
    .description('Change the profile of a local user on the ledger (a signed update); the fields not given stay as they are, an empty value clears one.')
    .option('--name <display name>', `a display name (${DISPLAY_NAME_RULE}); '' clears it`)
    .option('--username <username>', `a username, unique on the ledger (${USERNAME_RULE}); '' gives it up`)
    .option('--bio <text>', `a bio (${BIO_RULE}); '' clears it`)
    .addOption(asOption())
    .addOption(ledgerOption())
    .addOption(chainOption())
    .addOption(maxFeeOption())
    .addOption(jsonOption())
    .addHelpText('after', examples('tana user update --username alice_w --name "Alice W."', "tana user update --bio '' --as bob"))
    .action(async (options) => {
      const changes = {
        displayName: profileFlag(options.name, '--name', isDisplayName, DISPLAY_NAME_RULE),
        username: profileFlag(options.username, '--username', isUsername, USERNAME_RULE),
        bio: profileFlag(options.bio, '--bio', isBio, BIO_RULE),
      };
      if (Object.values(changes).every((value) => value === undefined)) throw new UsageError('nothing to change: give --name, --username or --bio');
      const user = resolveUser(options.as);
      const ledger = connect(options);
      const [chain, info] = await Promise.all([ledger.chain(), ledger.client.user(user.id)]);
      const profile = {
        username: changes.username === undefined ? info.username : changes.username,
        displayName: changes.displayName === undefined ? info.displayName : changes.displayName,
        bio: changes.bio === undefined ? info.bio : changes.bio,
      };
      const tx = profileTransaction(chain, user.id, info.nextNonce, profile);
      const fee = announceFee(tx, chain, options.maxFee);
      const submitted = await ledger.client.submit(await signTransaction(tx, await importPrivateKey(user.privateKey)));
      if (options.json) printJson({ id: user.id, ...profile, height: submitted.height, txId: submitted.id, fee: submitted.result.fee ?? null });
      else console.log(`updated ${profileLabel({ id: user.id, ...profile })} in block ${submitted.height}${fee ? ` · fee ${fee}` : ''}`);
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
    .description('Show a user as the ledger has it: profile, next nonce, balances, teams.')
    .argument('[id]', 'the user id (default: the default user)')
    .addOption(ledgerOption())
    .addOption(chainOption())
    .addOption(jsonOption())
    .addHelpText('after', examples('tana user show', 'tana user show bob --json'))
    .action(async (id, options) => {
      const config = readConfig();
      const userId = id ?? config.defaultUser;
      if (!userId) throw new UsageError('no user given and no default user: tana user show <id>');
      const user = await connect(options).client.user(userId);
      if (options.json) {
        printJson(user);
        return;
      }
      console.log(`${user.id}${user.displayName ? ` (${user.displayName})` : ''}${user.username ? ` @${user.username}` : ''} · next nonce ${user.nextNonce} · since block ${user.createdHeight}`);
      if (user.bio) console.log(`  ${user.bio.replaceAll('\n', '\n  ')}`);
      for (const balance of user.balances ?? []) console.log(`  ${balance.currency} ${balance.amount}`);
      for (const team of user.teams ?? []) console.log(`  team ${team.id}${team.name ? ` (${team.name})` : ''}: ${team.role}`);
    });
