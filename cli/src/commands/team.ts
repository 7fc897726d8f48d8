// tana team create|add|remove|set|show|list: teams on the ledger, managed by signed transactions of
// their owners (ledger/README.md, Accounts: users, teams, roles).
import { Command, Option, type OptionValues } from '@commander-js/extra-typings';
import { ACCOUNT_ID_RULE, DISPLAY_NAME_RULE, isAccountId, isDisplayName, signTransaction, type TeamPermission, type Transaction } from '@tana/engine';
import { type ChainInfo, importPrivateKey, membershipTransaction, teamSettingsTransaction, teamTransaction } from '@tana/ledger/client';
import { readConfig, resolveUser, type StoredUser } from '../config.ts';
import { announceFee } from '../fee-notice.ts';
import { asOption, chainOption, examples, jsonOption, ledgerOption, maxFeeOption } from '../options.ts';
import { printJson, UsageError } from '../output.ts';
import { connect } from '../target.ts';

export const teamCommand = () =>
  new Command('team')
    .summary('create teams, manage their members, show them')
    .description(
      'Teams are accounts with no key of their own: owners manage members and settings, spend and deploy for the team; members spend or deploy only as the team allows (--members-may). Members act for a team with tana transfer --from <team> and tana deploy --team <team>.',
    )
    .addHelpText('after', examples('tana team create acme --name "Acme" --members-may deploy', 'tana team add acme bob', 'tana team show acme', 'tana transfer carol 500 USD --from acme'))
    .addCommand(createCommand())
    .addCommand(addCommand())
    .addCommand(removeCommand())
    .addCommand(setCommand())
    .addCommand(showCommand())
    .addCommand(listCommand());

const membersMayOption = () => new Option('--members-may <permissions>', "what members who are not owners may do: 'spend', 'deploy', both (spend,deploy) or 'nothing'");

function parsePermissions(value: string): TeamPermission[] {
  if (value === 'nothing' || value === '') return [];
  const list = value.split(',').map((item) => item.trim());
  for (const item of list) if (item !== 'spend' && item !== 'deploy') throw new UsageError(`--members-may takes spend, deploy, spend,deploy or nothing — not '${value}'`);
  return [...new Set(list as TeamPermission[])].sort();
}

function checkId(id: string, what: string): void {
  if (!isAccountId(id)) throw new UsageError(`'${id}' is not a ${what} id: ${ACCOUNT_ID_RULE}`);
}

function checkName(name: string | undefined): void {
  if (name !== undefined && !isDisplayName(name)) throw new UsageError(`--name must be ${DISPLAY_NAME_RULE}`);
}

type Signing = { as?: string; ledger?: string; chain?: string; maxFee?: string; json?: boolean };

/** The options of every team command that signs: who signs, where, the most it may pay, and --json. */
function signing<Args extends unknown[], Opts extends OptionValues>(command: Command<Args, Opts>) {
  return command.addOption(asOption()).addOption(ledgerOption()).addOption(chainOption()).addOption(maxFeeOption()).addOption(jsonOption());
}

/** Builds a transaction for the acting user's next nonce, shows its fee, signs and submits it. */
async function signAndSubmit(options: Signing, build: (chain: ChainInfo, user: StoredUser, nonce: number) => Transaction) {
  const user = resolveUser(options.as);
  const ledger = connect(options);
  const [chain, info] = await Promise.all([ledger.chain(), ledger.client.user(user.id)]);
  const tx = build(chain, user, info.nextNonce);
  const fee = announceFee(tx, chain, options.maxFee);
  const submitted = await ledger.client.submit(await signTransaction(tx, await importPrivateKey(user.privateKey)));
  return { user, ledger, submitted, fee, feeNote: fee ? ` · fee ${fee}` : '' };
}

const createCommand = () =>
  signing(
    new Command('create')
      .summary('create a team; you become its first owner')
      .description('Create a team (an account id like a user’s, with no key); you become its first owner.')
      .argument('<id>', 'the team id: 1–64 of a–z, 0–9, _ . - starting with a letter or digit')
      .option('--name <name>', `a display name (${DISPLAY_NAME_RULE})`)
      .addOption(membersMayOption()),
  )
    .addHelpText('after', examples('tana team create acme', 'tana team create acme --name "Acme Inc." --members-may spend,deploy --as alice'))
    .action(async (id, options) => {
      checkId(id, 'team');
      checkName(options.name);
      const membersMay = options.membersMay === undefined ? undefined : parsePermissions(options.membersMay);
      const { user, submitted, feeNote } = await signAndSubmit(options, (chain, user, nonce) => teamTransaction(chain, user.id, nonce, id, { name: options.name, membersMay }));
      if (options.json) printJson({ team: id, owner: user.id, height: submitted.height, txId: submitted.id, fee: submitted.result.fee ?? null });
      else console.log(`created team '${id}' in block ${submitted.height}; ${user.id} is its owner${feeNote}`);
    });

const addCommand = () =>
  signing(
    new Command('add')
      .summary('add a member, or change a member’s role')
      .description('Add a user to a team, or change its role (owners only).')
      .argument('<team>', 'the team')
      .argument('<user>', 'the user to add')
      .addOption(new Option('--role <role>', 'owner or member').choices(['owner', 'member'] as const).default('member' as const)),
  )
    .addHelpText('after', examples('tana team add acme bob', 'tana team add acme carol --role owner'))
    .action(async (team, member, options) => {
      checkId(team, 'team');
      checkId(member, 'user');
      const { submitted, feeNote } = await signAndSubmit(options, (chain, user, nonce) => membershipTransaction(chain, user.id, nonce, team, member, options.role));
      if (options.json) printJson({ team, member, role: options.role, height: submitted.height, txId: submitted.id, fee: submitted.result.fee ?? null });
      else console.log(`${member} is ${options.role === 'owner' ? 'an owner' : 'a member'} of '${team}' from block ${submitted.height}${feeNote}`);
    });

const removeCommand = () =>
  signing(
    new Command('remove')
      .summary('remove a member (or leave)')
      .description('Remove a user from a team (owners only), or leave it yourself. A team always keeps one owner.')
      .argument('<team>', 'the team')
      .argument('<user>', 'the member to remove (your own id: leave)'),
  )
    .addHelpText('after', examples('tana team remove acme bob', 'tana team remove acme bob --as bob   # bob leaves'))
    .action(async (team, member, options) => {
      checkId(team, 'team');
      checkId(member, 'user');
      const { submitted, feeNote } = await signAndSubmit(options, (chain, user, nonce) => membershipTransaction(chain, user.id, nonce, team, member, 'none'));
      if (options.json) printJson({ team, member, role: null, height: submitted.height, txId: submitted.id, fee: submitted.result.fee ?? null });
      else console.log(`${member} is no longer a member of '${team}' from block ${submitted.height}${feeNote}`);
    });

const setCommand = () =>
  signing(
    new Command('set')
      .summary('change a team’s name or what its members may do')
      .description('Change a team’s name or what its members who are not owners may do (owners only); what is not given stays.')
      .argument('<team>', 'the team')
      .option('--name <name>', `a display name (${DISPLAY_NAME_RULE}); '' clears it`)
      .addOption(membersMayOption()),
  )
    .addHelpText('after', examples('tana team set acme --members-may spend,deploy', 'tana team set acme --name "Acme" --members-may nothing'))
    .action(async (team, options) => {
      checkId(team, 'team');
      if (options.name === undefined && options.membersMay === undefined) throw new UsageError('nothing to change: give --name or --members-may');
      if (options.name) checkName(options.name);
      const current = await connect(options).client.team(team);
      const settings = {
        name: options.name === undefined ? current.name : options.name || null,
        membersMay: options.membersMay === undefined ? current.membersMay : parsePermissions(options.membersMay),
      };
      const { submitted, feeNote } = await signAndSubmit(options, (chain, user, nonce) => teamSettingsTransaction(chain, user.id, nonce, team, settings));
      if (options.json) printJson({ team, ...settings, height: submitted.height, txId: submitted.id, fee: submitted.result.fee ?? null });
      else console.log(`'${team}'${settings.name ? ` (${settings.name})` : ''}: members may ${describePermissions(settings.membersMay)}, from block ${submitted.height}${feeNote}`);
    });

function describePermissions(list: readonly string[]): string {
  return list.length ? list.join(' and ') : 'do nothing but leave';
}

const showCommand = () =>
  new Command('show')
    .summary('a team: members and roles, balances, contracts')
    .description('Show a team as the ledger has it: its members and their roles, its balances and its contracts.')
    .argument('<team>', 'the team')
    .addOption(ledgerOption())
    .addOption(chainOption())
    .addOption(jsonOption())
    .addHelpText('after', examples('tana team show acme', 'tana team show acme --json'))
    .action(async (team, options) => {
      checkId(team, 'team');
      const detail = await connect(options).client.team(team);
      if (options.json) {
        printJson(detail);
        return;
      }
      console.log(`${detail.id}${detail.name ? ` (${detail.name})` : ''} · created by ${detail.creator} in block ${detail.createdHeight} · members may ${describePermissions(detail.membersMay)}`);
      for (const m of detail.members) console.log(`  ${m.role === 'owner' ? 'owner ' : 'member'} ${m.member}${m.displayName ? ` (${m.displayName})` : ''}${m.username ? ` @${m.username}` : ''}`);
      for (const b of detail.balances) console.log(`  ${b.currency} ${b.amount}`);
      for (const c of detail.contracts) console.log(`  contract ${c.id} v${c.version}`);
    });

const listCommand = () =>
  new Command('list')
    .summary('your teams (or every team)')
    .description('List the teams a user belongs to, with its role (default: the default user), or with --all every team on the ledger.')
    .addOption(asOption())
    .option('--all', 'every team on the ledger')
    .addOption(ledgerOption())
    .addOption(chainOption())
    .addOption(jsonOption())
    .addHelpText('after', examples('tana team list', 'tana team list --as bob', 'tana team list --all --json'))
    .action(async (options) => {
      const member = options.all ? undefined : (options.as ?? readConfig().defaultUser);
      if (!options.all && !member) throw new UsageError('no user given and no default user: tana team list --as <id>, or --all');
      const { teams } = await connect(options).client.teams(member ? { member } : {});
      if (options.json) {
        printJson({ member: member ?? null, teams });
        return;
      }
      if (!teams.length) console.log(member ? `${member} belongs to no team; create one with: tana team create <id>` : 'no teams yet');
      for (const team of teams) console.log(`${team.id}${team.name ? ` (${team.name})` : ''}${team.role ? ` · ${team.role}` : ''} · ${team.owners} owner(s)`);
    });
