import { OpenAPIHono } from '@hono/zod-openapi';
import type { SignedTransaction } from '@tana/engine';
import type { Context } from 'hono';
import { LedgerError } from '../../errors.ts';
import type { Ledger } from '../../ledger.ts';
import type { AppEnv } from '../env.ts';
import { SubmittedSchema } from '../schemas.ts';

/** A sub-app of the API: requests that fail their schema are a named ValidationError. */
export function routes() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
        throw new LedgerError('ValidationError', `invalid ${result.target}: ${issues.slice(0, 5).join('; ')}`, { details: result.error.issues });
      }
    },
  });
}

export async function headOf(ledger: Ledger): Promise<{ height: number; hash: string }> {
  const head = (await ledger.store.head())!;
  return { height: head.height, hash: head.hash };
}

/** Submits and answers 201 (committed now) or 200 (already committed: the original answer). */
export async function submitAndRespond(c: Context<AppEnv>, ledger: Ledger, signed: SignedTransaction) {
  const submitted = SubmittedSchema.parse(await ledger.submit(signed, { client: c.get('client') }));
  return submitted.replayed ? c.json(submitted, 200) : c.json(submitted, 201);
}
