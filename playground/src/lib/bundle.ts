// Bug bundles: everything needed to reproduce a run elsewhere — code, pre-state, the transaction
// (when one was signed) and the outcome — in one JSON file.
import type { ExecuteRequest, Outcome, SignedTransaction, State } from '@tana/engine';

export interface BugBundle {
  format: 'tana-bug-bundle';
  version: 1;
  name: string;
  code: string;
  contractId: string;
  preState: State;
  request?: Omit<ExecuteRequest, 'code' | 'state'>;
  transaction?: SignedTransaction;
  outcome?: Outcome;
  engineHash?: string;
  createdAt: string;
}

export function makeBundle(parts: Omit<BugBundle, 'format' | 'version' | 'createdAt'>): BugBundle {
  return { format: 'tana-bug-bundle', version: 1, createdAt: new Date().toISOString(), ...parts };
}

export function readBundle(text: string): BugBundle {
  let parsed: Partial<BugBundle>;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('not a bug bundle: the file is not JSON');
  }
  if (parsed.format !== 'tana-bug-bundle' || parsed.version !== 1 || typeof parsed.code !== 'string') throw new Error('not a Tana bug bundle (format/version/code missing)');
  return parsed as BugBundle;
}
