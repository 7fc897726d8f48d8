import { createRoute, z } from '@hono/zod-openapi';
import type { Ledger } from '../../ledger.ts';
import { LedgerError } from '../../errors.ts';
import { AccountId, SignedMembershipSchema, SignedTeamSchema } from '../../tx/schemas.ts';
import { errorResponses, json, MemberSchema, Paging, ProofSchema, SubmittedSchema, TeamDetailSchema, TeamOfUserSchema } from '../schemas.ts';
import { proveMember } from './proofs.ts';
import { routes, submitAndRespond } from './shared.ts';

const TeamList = z.object({ teams: z.array(TeamOfUserSchema) });
const MemberWithProof = MemberSchema.extend({ proof: ProofSchema }).openapi('MemberWithProof');
const submitted = {
  201: json(SubmittedSchema, 'committed'),
  200: json(SubmittedSchema, 'already committed: the original answer'),
  ...errorResponses(400, 401, 403, 404, 409, 413, 422, 429, 503),
};

/** Mounted at /teams. */
export function teamRoutes(ledger: Ledger) {
  return routes()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        summary: 'List teams, oldest first (one user’s teams, with its role, with ?member=)',
        request: { query: z.object({ ...Paging, member: AccountId.optional() }) },
        responses: { 200: json(TeamList, 'teams'), ...errorResponses(400) },
      }),
      async (c) => c.json(TeamList.parse({ teams: await ledger.store.teams(c.req.valid('query')) }), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        summary: 'Create a team (a signed `team` transaction: the sender is its first owner), or change its settings (`team-settings`, owners only)',
        request: { body: { content: { 'application/json': { schema: SignedTeamSchema } }, required: true } },
        responses: submitted,
      }),
      (c) => submitAndRespond(c, ledger, c.req.valid('json')),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}',
        summary: 'One team: its members and their roles, its balances and its contracts',
        request: { params: z.object({ id: AccountId }) },
        responses: { 200: json(TeamDetailSchema, 'the team'), ...errorResponses(400, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const team = await ledger.store.team(id);
        if (!team) throw new LedgerError('NotFound', `no team '${id}'`);
        const [members, balances, contracts] = await Promise.all([ledger.store.teamMembers(id), ledger.store.balances({ account: id }), ledger.store.contracts({ owner: id, limit: 500, offset: 0 })]);
        return c.json(TeamDetailSchema.parse({ ...team, members, balances, contracts }), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/members',
        summary: 'Add a member, change its role, or remove it (a signed `membership` transaction for this team)',
        request: { params: z.object({ id: AccountId }), body: { content: { 'application/json': { schema: SignedMembershipSchema } }, required: true } },
        responses: submitted,
      }),
      (c) => {
        const { id } = c.req.valid('param');
        const signed = c.req.valid('json');
        if (signed.transaction.team !== id) throw new LedgerError('ValidationError', `the transaction is for team '${signed.transaction.team}', not '${id}'`);
        return submitAndRespond(c, ledger, signed);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/members/{member}',
        summary: 'One membership with a Merkle proof against the head block’s state root',
        request: { params: z.object({ id: AccountId, member: AccountId }) },
        responses: { 200: json(MemberWithProof, 'the membership and its proof'), ...errorResponses(400, 404) },
      }),
      async (c) => {
        const { id, member } = c.req.valid('param');
        const proven = await proveMember(ledger, id, member);
        if (!proven) throw new LedgerError('NotFound', `'${member}' is not a member of team '${id}'`);
        return c.json(MemberWithProof.parse({ ...proven.value, proof: proven.proof }), 200);
      },
    );
}
