import type { State, StateDiff } from './protocol.ts';

/** The state after a committed diff: keys deleted, then keys set (a new object; `state` is not changed). */
export function applyDiff(state: State, diff: Pick<StateDiff, 'set' | 'deleted'>): State {
  const next: State = { ...state };
  for (const key of diff.deleted) delete next[key];
  return Object.assign(next, diff.set);
}
