// The fair scheduler with tasks the test finishes by hand: caps refuse at once, and a freed worker
// goes to the client that has used the least worker time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LedgerError } from '../errors.ts';
import { FairScheduler } from './scheduler.ts';

function controllable() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const task = (name: string) => () => {
    started.push(name);
    return new Promise<string>((resolve) => finish.set(name, () => resolve(name)));
  };
  return { started, finish: (name: string) => finish.get(name)!(), task };
}

test('per-sender and per-client caps refuse at once with TooManyInFlight; the global queue with Overloaded', () => {
  const scheduler = new FairScheduler({ workers: 2, perSender: { running: 1, queued: 1 }, perClient: { running: 1, queued: 2 }, maxQueued: 3 });
  const { task } = controllable();
  void scheduler.run({ sender: 'a', client: 'x' }, task('a1'));
  void scheduler.run({ sender: 'a', client: 'x' }, task('a2'));
  assert.throws(
    () => scheduler.run({ sender: 'a', client: 'x' }, task('a3')),
    (e: LedgerError) => e.code === 'TooManyInFlight' && e.retryAfterSeconds === 1,
  );
  void scheduler.run({ sender: 'b', client: 'x' }, task('b1'));
  assert.throws(
    () => scheduler.run({ sender: 'c', client: 'x' }, task('c1')),
    (e: LedgerError) => e.code === 'TooManyInFlight',
  );
  void scheduler.run({ sender: 'd', client: 'y' }, task('d1'));
  void scheduler.run({ sender: 'e', client: 'z' }, task('e1'));
  assert.deepEqual(scheduler.stats(), { running: 2, queued: 3 });
  assert.throws(
    () => scheduler.run({ sender: 'f', client: 'w' }, task('f1')),
    (e: LedgerError) => e.code === 'Overloaded' && e.status === 503,
  );
});

test('one client never holds every worker: an honest call starts at once beside a queue of hostile ones', async () => {
  const scheduler = new FairScheduler({ workers: 2, perSender: { running: 1, queued: 5 }, perClient: { running: 1, queued: 10 }, maxQueued: 100 });
  const { started, finish, task } = controllable();
  const hostile = ['h1', 'h2', 'h3'].map((name) => scheduler.run({ sender: name, client: 'attacker' }, task(name)));
  assert.deepEqual(started, ['h1'], 'the attacker gets one worker');
  const honest = scheduler.run({ sender: 'alice', client: 'honest' }, task('alice'));
  assert.deepEqual(started, ['h1', 'alice'], 'the honest call starts at once on the other worker');
  finish('alice');
  await honest;
  finish('h1');
  await hostile[0];
  const second = scheduler.run({ sender: 'bob', client: 'honest' }, task('bob'));
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(started.slice(2).sort(), ['bob', 'h2'], 'both workers busy again: one hostile, one honest');
  finish('h2');
  finish('bob');
  await Promise.all([second, hostile[1]]);
  finish('h3');
  await hostile[2];
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(scheduler.stats(), { running: 0, queued: 0 });
});
