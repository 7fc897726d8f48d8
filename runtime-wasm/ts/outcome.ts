import type { ErrorCode, Failed } from './protocol.ts';

/** An outcome for a failure decided by the host (trap, timeout, bad source), in the engine's shape. */
export function failedOutcome(code: ErrorCode, message: string, gasUsed = 0): Failed {
  return {
    ok: false,
    value: null,
    error: { code, message },
    diff: { set: {}, deleted: [], transfers: [] },
    logs: [],
    gasUsed,
    fetches: [],
  };
}
