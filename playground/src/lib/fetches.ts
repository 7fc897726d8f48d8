// Fetch recording: a run that reaches a fetch with no recording reports the URL (FetchNotRecorded);
// the page fetches it once, stores the response, and every later run — and the signed call, which
// the ledger replays — uses exactly those bytes.
import type { RecordedFetch } from '@tana/engine';
import type { PlaygroundDb } from './db.ts';

export async function recordedFetches(db: PlaygroundDb, contractId: string): Promise<RecordedFetch[]> {
  const rows = await db.recordings.where('contractId').equals(contractId).sortBy('recordedAt');
  return rows.map(({ url, status, headers, body }) => ({ url, status, headers, body }));
}

/** Fetches a URL from the page (the host must allow CORS) and stores the response for the contract. */
export async function recordFetch(db: PlaygroundDb, contractId: string, url: string): Promise<RecordedFetch> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`the contract fetches ${url}, which this browser could not reach (${(error as Error).message})`);
  }
  const recorded: RecordedFetch = { url, status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  await db.recordings.put({ ...recorded, contractId, recordedAt: Date.now() });
  return recorded;
}
