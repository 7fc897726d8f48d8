// Checks a ledger's signed call transaction without trusting the ledger: verify
// the signature and code hash, re-execute on the pre-state, compare outcomes.
import type { Engine } from './engine.ts';
import type { EngineInstance } from './instance.ts';
import type { ExecuteRequest, Outcome, State } from './protocol.ts';
import { sha256Hex } from './bytes.ts';
import { callRequest, claimOf, sameCanonical, verifySignature, type CallTransaction, type SignedTransaction } from './transaction.ts';

export interface AuditInput {
  signed: SignedTransaction<CallTransaction>;
  /** The sender's ed25519 public key (hex), e.g. from the ledger's `GET /users/:id`. */
  publicKey: string;
  /** The contract's deployed code (transpiled JavaScript). */
  code: string;
  /** The contract's committed state just before this transaction. */
  state: State;
  allowedHosts?: string[];
}

export interface AuditReport {
  /** True when every check below passed. */
  valid: boolean;
  signatureValid: boolean;
  codeHashValid: boolean;
  engineHashValid: boolean;
  /** The re-executed outcome matches the claimed one, byte for byte (canonical JSON). */
  outcomeMatches: boolean;
  outcome: Outcome;
  /** One line per check that failed, for people. */
  problems: string[];
}

/** Anything that runs requests: an engine, or a sandbox (async) with the engine's hash. */
export interface AuditRunner {
  readonly hash?: string;
  execute(request: ExecuteRequest): Outcome | Promise<Outcome>;
}

export async function auditTransaction(engine: Engine | EngineInstance | AuditRunner, input: AuditInput): Promise<AuditReport> {
  const { transaction } = input.signed;
  const problems: string[] = [];
  const signatureValid = await verifySignature(input.signed, input.publicKey);
  if (!signatureValid) problems.push('the signature does not verify with the given public key');
  const codeHashValid = (await sha256Hex(input.code)) === transaction.codeHash;
  if (!codeHashValid) problems.push('the code does not match the transaction’s code hash');
  const engineHashValid = !engine.hash || engine.hash === transaction.engineHash;
  if (!engineHashValid) problems.push(`the transaction was made with engine ${transaction.engineHash}, this is ${engine.hash}`);

  const outcome = await engine.execute(await callRequest(transaction, input.code, input.state, input.allowedHosts));
  const claimed = transaction.outcome;
  const outcomeMatches = outcome.ok && sameCanonical(claimed, claimOf(outcome));
  if (!outcomeMatches) {
    problems.push(outcome.ok ? 'the re-executed outcome differs from the claimed one' : `the re-execution failed: ${outcome.error?.code}: ${outcome.error?.message}`);
  }
  return { valid: problems.length === 0, signatureValid, codeHashValid, engineHashValid, outcomeMatches, outcome, problems };
}
