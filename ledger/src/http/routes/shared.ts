import type { SignedTransaction } from '@tana/engine';
import type { Ledger } from '../../ledger.ts';
import { SubmittedSchema } from '../schemas.ts';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';

export function headOf(ledger: Ledger): { height: number; hash: string } {
  const head = ledger.store.head()!;
  return { height: head.height, hash: head.hash };
}

/** Submits and answers 201 (committed now) or 200 (already committed: the original answer). */
export async function submitAndRespond(c: Context<AppEnv>, ledger: Ledger, signed: SignedTransaction) {
  const submitted = SubmittedSchema.parse(await ledger.submit(signed, { client: c.get('client') }));
  return c.json(submitted, submitted.replayed ? 200 : 201);
}
