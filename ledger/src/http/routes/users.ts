import { createRoute, z } from '@hono/zod-openapi';
import type { Ledger } from '../../ledger.ts';
import { LedgerError } from '../../errors.ts';
import { AccountId, SignedCreateUserSchema } from '../../tx/schemas.ts';
import { errorResponses, json, Paging, SubmittedSchema, UserSchema } from '../schemas.ts';
import { routes, submitAndRespond } from './shared.ts';

const UserList = z.object({ users: z.array(UserSchema) });

/** Mounted at /users. */
export function userRoutes(ledger: Ledger) {
  return routes()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        summary: 'List users',
        request: { query: z.object(Paging) },
        responses: { 200: json(UserList, 'users, oldest first'), ...errorResponses(400) },
      }),
      async (c) => {
        const { limit, offset } = c.req.valid('query');
        return c.json(UserList.parse({ users: await ledger.store.users(limit, offset) }), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}',
        summary: 'One user, with balances and next nonce',
        request: { params: z.object({ id: AccountId }) },
        responses: { 200: json(UserSchema, 'the user'), ...errorResponses(400, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const [user, balances] = await Promise.all([ledger.store.user(id), ledger.store.balances({ account: id })]);
        if (!user) throw new LedgerError('NotFound', `no user '${id}'`);
        return c.json(UserSchema.parse({ ...user, balances }), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        summary: 'Create a user (a signed `user` transaction, signed by the new key)',
        request: { body: { content: { 'application/json': { schema: SignedCreateUserSchema } }, required: true } },
        responses: {
          201: json(SubmittedSchema, 'committed'),
          200: json(SubmittedSchema, 'already committed: the original answer'),
          ...errorResponses(400, 401, 409, 413, 429, 503),
        },
      }),
      (c) => submitAndRespond(c, ledger, c.req.valid('json')),
    );
}
