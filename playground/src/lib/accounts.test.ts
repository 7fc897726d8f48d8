import 'fake-indexeddb/auto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LedgerClient } from '@tana/ledger/client';
import { PlaygroundDb } from './db.ts';
import { labelOf, syncProfiles, syncTeams, teamsKey } from './accounts.ts';

const client = {
  users: async () => ({
    users: [
      { id: 'alice', username: 'alice_w', displayName: 'Alice' },
      { id: 'bob', username: null, displayName: null },
    ],
  }),
  teams: async ({ member }: { member?: string }) => ({ teams: member === 'alice' ? [{ id: 'acme', name: 'Acme', role: 'owner' }] : [] }),
} as unknown as LedgerClient;

test('profiles are kept and shown for ids; unknown ids stay ids', async () => {
  const db = new PlaygroundDb(`accounts-${Math.random()}`);
  await syncProfiles(db, client);
  const profiles = await db.profiles.toArray();
  assert.equal(labelOf('alice', profiles), 'Alice (@alice_w)');
  assert.equal(labelOf('bob', profiles), 'bob');
  assert.equal(labelOf('carol', profiles), 'carol');
});

test('a user’s teams are kept under its own setting', async () => {
  const db = new PlaygroundDb(`accounts-${Math.random()}`);
  assert.deepEqual(await syncTeams(db, client, 'alice'), [{ id: 'acme', name: 'Acme', role: 'owner' }]);
  assert.deepEqual(await db.setting(teamsKey('alice'), []), [{ id: 'acme', name: 'Acme', role: 'owner' }]);
  assert.deepEqual(await db.setting(teamsKey('bob'), 'none'), 'none');
});
