// Who is who on the ledger: users' profiles (username, display name), kept in IndexedDB so ids are
// shown as people wherever they appear, and the teams the signing user belongs to, with its role.
import { profileLabel } from '@tana/engine';
import type { LedgerClient, TeamInfo } from '@tana/ledger/client';
import type { PlaygroundDb, Profile } from './db.ts';

/** The ledger's users' profiles, replacing what was kept. */
export async function syncProfiles(db: PlaygroundDb, client: LedgerClient): Promise<void> {
  const { users } = await client.users();
  await db.profiles.bulkPut(users.map(({ id, username, displayName }) => ({ id, username, displayName })));
}

/** "Alice (@alice_w)" for a known user with a profile, else the id. */
export function labelOf(id: string, profiles: Profile[] | undefined): string {
  const profile = profiles?.find((p) => p.id === id);
  return profile ? profileLabel(profile) : id;
}

export const teamsKey = (user: string) => `teams:${user}`;

/** The teams `user` belongs to, as the ledger says now; kept for offline display. */
export async function syncTeams(db: PlaygroundDb, client: LedgerClient, user: string): Promise<TeamInfo[]> {
  const { teams } = await client.teams({ member: user });
  await db.setSetting(teamsKey(user), teams);
  return teams;
}
