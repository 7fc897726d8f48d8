import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failedOutcome } from './outcome.ts';
import { runRecordingFetches } from './fetch-replay.ts';
import type { Outcome, RecordedFetch } from './protocol.ts';

const notRecorded = (url: string): Outcome => {
  const outcome = failedOutcome('FetchNotRecorded', `no recording for ${url}`);
  outcome.error!.url = url;
  return outcome;
};
const ok: Outcome = { ...failedOutcome('ContractError', ''), ok: true, error: null };
const response = (url: string): RecordedFetch => ({ url, status: 200, headers: {}, body: url });

test('records each missing fetch and runs again until the run needs nothing new', async () => {
  const needs = ['https://a.test/1', 'https://a.test/2'];
  const seen: string[][] = [];
  const result = await runRecordingFetches(
    async (fetches) => {
      seen.push(fetches.map((f) => f.url));
      const missing = needs.find((url) => !fetches.some((f) => f.url === url));
      return { outcome: missing ? notRecorded(missing) : ok };
    },
    { record: async (url) => response(url) },
  );
  assert.equal(result.outcome.ok, true);
  assert.deepEqual(seen, [[], ['https://a.test/1'], needs]);
  assert.deepEqual(
    result.fetches.map((f) => f.url),
    needs,
  );
});

test('without a recorder, or when a recorded URL is asked for again, the FetchNotRecorded outcome is the answer', async () => {
  const alone = await runRecordingFetches(async () => ({ outcome: notRecorded('https://a.test/') }));
  assert.equal(alone.outcome.error?.code, 'FetchNotRecorded');
  let runs = 0;
  const again = await runRecordingFetches(
    async () => {
      runs++;
      return { outcome: notRecorded('https://a.test/') };
    },
    { record: async (url) => response(url) },
  );
  assert.equal(again.outcome.error?.code, 'FetchNotRecorded');
  assert.equal(runs, 2, 'recorded once, then stopped');
});
