// Team rules. A team is an account with no key: its members act for it, each signing with its own key
// and naming the team. Owners manage members and settings, spend and deploy; members spend and deploy
// only what the team's `membersMay` allows; anyone may leave; a team always keeps one owner. Checked
// on the state of the block a transaction commits in, so a member removed in block N cannot act for
// the team in block N+1 — nor later in block N.
import type { CreateTeamTransaction, MembershipTransaction, TeamPermission, TeamSettingsTransaction } from '@tana/engine';
import type { MemberRow, TeamRow } from '../db/rows.ts';
import { LedgerError } from '../errors.ts';
import type { BlockDraft } from './draft.ts';
import { checkAccountIdFree } from './profiles.ts';
import type { ChainReader } from './view.ts';

/** What acting for a team may need: managing it (owners only), or one of the permissions members may be given. */
export type TeamAction = 'manage' | TeamPermission;

const DOING: Record<TeamAction, string> = { manage: 'change its members and settings', spend: 'spend its money', deploy: 'deploy or upgrade its contracts' };

export function checkTeam(state: ChainReader, id: string): TeamRow {
  const team = state.team(id);
  if (!team) throw new LedgerError('UnknownTeam', state.accountExists(id) ? `'${id}' is not a team` : `no team '${id}'`);
  return team;
}

/** That `user` may do `action` for the team; returns the team. */
export function checkActFor(state: ChainReader, teamId: string, user: string, action: TeamAction): TeamRow {
  const team = checkTeam(state, teamId);
  const membership = state.member(teamId, user);
  if (!membership) throw new LedgerError('NotTeamMember', `'${user}' is not a member of team '${teamId}'`);
  if (membership.role === 'owner') return team;
  if (action === 'manage' || !team.membersMay.includes(action)) {
    const hint = action === 'manage' ? '' : ` (an owner may allow it: tana team set ${teamId} --members-may ${action})`;
    throw new LedgerError('TeamPermissionDenied', `only ${action === 'manage' ? 'owners' : 'owners and permitted members'} of '${teamId}' may ${DOING[action]}; '${user}' is a member${hint}`);
  }
  return team;
}

/** The sorted, unique form a team keeps its permissions in. */
export function normalPermissions(list: readonly TeamPermission[]): TeamPermission[] {
  return [...new Set(list)].sort();
}

export function applyCreateTeam(draft: BlockDraft, tx: CreateTeamTransaction): void {
  checkAccountIdFree(draft, tx.team);
  draft.putTeam({ id: tx.team, name: tx.name ?? null, membersMay: normalPermissions(tx.membersMay ?? []), owners: 1, creator: tx.sender, createdHeight: draft.height });
  draft.putMember({ team: tx.team, member: tx.sender, role: 'owner', height: draft.height });
}

export function applyTeamSettings(draft: BlockDraft, tx: TeamSettingsTransaction): void {
  const team = checkActFor(draft, tx.team, tx.sender, 'manage');
  draft.putTeam({ ...team, name: tx.name, membersMay: normalPermissions(tx.membersMay) });
}

/** Whether the change is allowed now; returns the team and the member's current row. */
export function checkMembership(state: ChainReader, tx: MembershipTransaction): { team: TeamRow; current: MemberRow | undefined } {
  const leaving = tx.member === tx.sender && tx.role === 'none';
  const team = leaving ? checkTeam(state, tx.team) : checkActFor(state, tx.team, tx.sender, 'manage');
  const current = state.member(tx.team, tx.member);
  if (tx.role === 'none') {
    if (!current) throw new LedgerError('NotTeamMember', `'${tx.member}' is not a member of team '${tx.team}'`);
  } else {
    if (!state.user(tx.member)) {
      throw state.accountExists(tx.member)
        ? new LedgerError('InvalidMember', `'${tx.member}' is a team or a contract; only users can be members`)
        : new LedgerError('UnknownAccount', `no user '${tx.member}'`);
    }
    if (current?.role === tx.role) throw new LedgerError('AlreadyMember', `'${tx.member}' is already a member of '${tx.team}' with the role ${tx.role}`);
  }
  if (current?.role === 'owner' && tx.role !== 'owner' && team.owners <= 1) {
    throw new LedgerError('LastOwner', `'${tx.member}' is the last owner of '${tx.team}'; make another member an owner first`);
  }
  return { team, current };
}

export function applyMembership(draft: BlockDraft, tx: MembershipTransaction): void {
  const { team, current } = checkMembership(draft, tx);
  const owners = team.owners - (current?.role === 'owner' ? 1 : 0) + (tx.role === 'owner' ? 1 : 0);
  if (tx.role === 'none') draft.removeMember(tx.team, tx.member);
  else draft.putMember({ team: tx.team, member: tx.member, role: tx.role, height: draft.height });
  if (owners !== team.owners) draft.putTeam({ ...team, owners });
}
