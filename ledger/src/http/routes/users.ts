import { createRoute, z } from '@hono/zod-openapi';
import type { Ledger } from '../../ledger.ts';
import { LedgerError } from '../../errors.ts';
import { AccountId, SignedCreateUserSchema, SignedProfileSchema, Username } from '../../tx/schemas.ts';
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
        summary: 'List users (or find the one with ?username=)',
        request: { query: z.object({ ...Paging, username: Username.optional() }) },
        responses: { 200: json(UserList, 'users, oldest first'), ...errorResponses(400) },
      }),
      async (c) => {
        const { limit, offset, username } = c.req.valid('query');
        if (username !== undefined) {
          const user = await ledger.store.userByUsername(username);
          return c.json(UserList.parse({ users: user ? [user] : [] }), 200);
        }
        return c.json(UserList.parse({ users: await ledger.store.users(limit, offset) }), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}',
        summary: 'One user: profile, balances, teams and next nonce',
        request: { params: z.object({ id: AccountId }) },
        responses: { 200: json(UserSchema, 'the user'), ...errorResponses(400, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const [user, balances, teams] = await Promise.all([ledger.store.user(id), ledger.store.balances({ account: id }), ledger.store.teams({ member: id, limit: 500, offset: 0 })]);
        if (!user) throw new LedgerError('NotFound', `no user '${id}'`);
        return c.json(UserSchema.parse({ ...user, balances, teams: teams.map(({ id, name, role }) => ({ id, name, role })) }), 200);
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
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/profile',
        summary: 'Change a user’s username, display name and bio (a signed `profile` transaction by that user)',
        request: { params: z.object({ id: AccountId }), body: { content: { 'application/json': { schema: SignedProfileSchema } }, required: true } },
        responses: {
          201: json(SubmittedSchema, 'committed'),
          200: json(SubmittedSchema, 'already committed: the original answer'),
          ...errorResponses(400, 401, 404, 409, 413, 422, 429, 503),
        },
      }),
      (c) => {
        const { id } = c.req.valid('param');
        const signed = c.req.valid('json');
        if (signed.transaction.sender !== id) throw new LedgerError('ValidationError', `the transaction changes the profile of '${signed.transaction.sender}', not '${id}'`);
        return submitAndRespond(c, ledger, signed);
      },
    );
}
