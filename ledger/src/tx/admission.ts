// The checks a transaction must pass before the ledger spends a worker on it: envelope (chain,
// engine, clock, signature, nonce), what it refers to (accounts, team roles), and its fee, over a
// read view taken outside the commit lock. State-dependent checks run again at commit (chain/apply.ts), where they are authoritative.
import { createHash } from 'node:crypto';
import type { SignedTransaction } from '@tana/engine';
import { checkCallFreshness, checkDeployable, checkNonce, positiveAmount } from '../chain/apply.ts';
import { quoteFee } from '../chain/charges.ts';
import type { ChainParams } from '../chain/params.ts';
import { checkAccountIdFree, checkUsernameFree } from '../chain/profiles.ts';
import { checkActFor, checkMembership } from '../chain/teams.ts';
import type { ChainView } from '../chain/view.ts';
import { LedgerError } from '../errors.ts';
import { publicKeyHexProblem, signatureValid } from './signature.ts';

export interface AdmissionContext {
  /** Read with readKeysOf([the transaction]). */
  view: ChainView;
  params: ChainParams;
  engineHash: string;
  /** The operator's gas ceiling for calls (at most the chain's maxGas). */
  maxCallGas: number;
  now: number;
}

export function admit(ctx: AdmissionContext, signed: SignedTransaction): void {
  const { view, params } = ctx;
  const tx = signed.transaction;
  if (tx.chainId !== params.chainId) throw new LedgerError('WrongChain', `this ledger is chain '${params.chainId}', the transaction is for '${tx.chainId}'`);
  if (tx.engineHash !== ctx.engineHash) {
    throw new LedgerError('EngineMismatch', `the transaction was made with engine ${tx.engineHash}; this ledger runs ${ctx.engineHash}`);
  }
  checkClock(ctx, tx.timestamp, 'transaction timestamp');

  if (tx.kind === 'user') {
    const problem = publicKeyHexProblem(tx.publicKey);
    if (problem) throw new LedgerError('InvalidPublicKey', `${problem}; make a key with WebCrypto, node:crypto or tana user create`);
  }
  const publicKey = tx.kind === 'user' ? tx.publicKey : view.user(tx.sender)?.publicKey;
  if (!publicKey) throw new LedgerError('UnknownSender', `no user '${tx.sender}'`);
  if (!signatureValid(tx, signed.signature, publicKey)) {
    throw new LedgerError('BadSignature', `the signature does not verify with ${tx.kind === 'user' ? 'the given' : `'${tx.sender}'s`} public key`);
  }
  if (tx.kind === 'user') checkAccountIdFree(view, tx.sender, true);
  checkNonce(view, tx);

  switch (tx.kind) {
    case 'user':
    case 'profile':
      if (tx.username) checkUsernameFree(view, tx.username, tx.sender);
      break;
    case 'team':
      checkAccountIdFree(view, tx.team);
      break;
    case 'team-settings':
      checkActFor(view, tx.team, tx.sender, 'manage');
      break;
    case 'membership':
      checkMembership(view, tx);
      break;
    case 'deploy': {
      if (Buffer.byteLength(tx.code) > params.maxCodeBytes) throw new LedgerError('CodeTooLarge', `code is over ${params.maxCodeBytes} bytes`);
      if (createHash('sha256').update(tx.code).digest('hex') !== tx.codeHash) throw new LedgerError('CodeHashMismatch', 'codeHash is not the sha256 of code');
      checkDeployable(view, tx);
      break;
    }
    case 'transfer':
    case 'mint':
      positiveAmount(tx.amount);
      if (tx.kind === 'mint' && tx.sender !== params.producer) throw new LedgerError('NotProducer', `only the ledger's producer '${params.producer}' may mint`);
      if (tx.kind === 'transfer' && tx.team) checkActFor(view, tx.team, tx.sender, 'spend');
      if (!view.accountExists(tx.to)) throw new LedgerError('UnknownAccount', `no account '${tx.to}'`);
      break;
    case 'call': {
      const contract = view.contract(tx.contractId);
      if (!contract) throw new LedgerError('UnknownContract', `no contract '${tx.contractId}'`);
      if (contract.codeHash !== tx.codeHash) {
        throw new LedgerError('CodeHashMismatch', `contract '${tx.contractId}' is at code ${contract.codeHash}, the call names ${tx.codeHash}`);
      }
      if (tx.gasLimit > ctx.maxCallGas) throw new LedgerError('GasLimitTooHigh', `gas limit ${tx.gasLimit} is over this ledger's ceiling of ${ctx.maxCallGas}`);
      if (tx.block.executor !== params.producer) throw new LedgerError('WrongExecutor', `block.executor must be '${params.producer}'`);
      checkClock(ctx, tx.block.timestamp, 'block timestamp');
      checkCallFreshness(tx.block.height, view.head!.height + 1, contract.stateHeight, tx.contractId);
      break;
    }
  }
  // Last, and before any re-execution: a payer that cannot pay, or a fee over the signed maximum, costs the ledger nothing more.
  quoteFee(view, params, tx);
}

function checkClock(ctx: AdmissionContext, timestamp: number, what: string): void {
  if (Math.abs(timestamp - ctx.now) > ctx.params.clockSkewMs) {
    throw new LedgerError('ClockSkew', `${what} ${new Date(timestamp).toISOString()} is more than ${ctx.params.clockSkewMs / 1000} s from the ledger's clock`);
  }
}
