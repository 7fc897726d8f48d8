// A run that reaches a fetch it has no recording for fails with FetchNotRecorded and the URL; the
// host fetches it once and runs again with the response recorded, until the run needs nothing new.
import type { Outcome, RecordedFetch } from './protocol.ts';

export interface FetchReplayOptions {
  /** Responses recorded earlier. */
  fetches?: RecordedFetch[];
  /** Fetches a URL the run asked for; without it, a FetchNotRecorded outcome is returned as it is. */
  record?: (url: string) => Promise<RecordedFetch>;
}

/** The URL a FetchNotRecorded outcome asks for. */
export function missingFetch(outcome: Outcome): string | undefined {
  return !outcome.ok && outcome.error?.code === 'FetchNotRecorded' ? outcome.error.url : undefined;
}

/**
 * Runs `run` with the recorded fetches, recording each missing one and running again. Returns the
 * last outcome and the recordings it ran with (a URL asked for again after being recorded ends it).
 */
export async function runRecordingFetches<T extends { outcome: Outcome }>(run: (fetches: RecordedFetch[]) => Promise<T>, options: FetchReplayOptions = {}): Promise<T & { fetches: RecordedFetch[] }> {
  const fetches = [...(options.fetches ?? [])];
  for (;;) {
    const result = await run([...fetches]);
    const missing = missingFetch(result.outcome);
    if (!missing || !options.record || fetches.some((f) => f.url === missing)) return { ...result, fetches };
    fetches.push(await options.record(missing));
  }
}
