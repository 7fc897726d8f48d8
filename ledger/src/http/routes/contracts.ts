import { createRoute, z } from '@hono/zod-openapi';
import { LIMITS } from '@tana/engine';
import type { Ledger } from '../../ledger.ts';
import { LedgerError } from '../../errors.ts';
import { AccountId, JsonValueSchema, SignedDeploySchema } from '../../tx/schemas.ts';
import { ContractDetailSchema, ContractSchema, ContractStateSchema, errorResponses, json, Paging, ProofSchema, SubmittedSchema } from '../schemas.ts';
import { proveValue } from './proofs.ts';
import { routes, submitAndRespond } from './shared.ts';

const ContractList = z.object({ contracts: z.array(ContractSchema) });
const ValueWithProof = z.object({ contractId: AccountId, key: z.string(), value: JsonValueSchema, proof: ProofSchema }).openapi('StateValue');

/** Mounted at /contracts. */
export function contractRoutes(ledger: Ledger) {
  const contractOr404 = async (id: string) => {
    const contract = await ledger.store.contract(id);
    if (!contract) throw new LedgerError('NotFound', `no contract '${id}'`);
    return contract;
  };

  return routes()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        summary: 'List contracts (those of one owner, a user or a team, with ?owner=)',
        request: { query: z.object({ ...Paging, owner: AccountId.optional() }) },
        responses: { 200: json(ContractList, 'contracts'), ...errorResponses(400) },
      }),
      async (c) => {
        const { limit, offset, owner } = c.req.valid('query');
        return c.json(ContractList.parse({ contracts: await ledger.store.contracts({ owner, limit, offset }) }), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}',
        summary: 'One contract: current code and version history',
        request: { params: z.object({ id: AccountId }) },
        responses: { 200: json(ContractDetailSchema, 'the contract'), ...errorResponses(400, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const contract = await contractOr404(id);
        const [current, versions] = await Promise.all([ledger.store.contractCode(id, contract.version), ledger.store.contractVersions(id)]);
        return c.json(ContractDetailSchema.parse({ ...contract, code: current!.code, versions }), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        summary: 'Deploy a contract or a new version of yours or your team’s (a signed `deploy` transaction)',
        request: { body: { content: { 'application/json': { schema: SignedDeploySchema } }, required: true } },
        responses: {
          201: json(SubmittedSchema, 'committed'),
          200: json(SubmittedSchema, 'already committed: the original answer'),
          ...errorResponses(400, 401, 403, 409, 413, 429, 503),
        },
      }),
      (c) => submitAndRespond(c, ledger, c.req.valid('json')),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/state',
        summary: 'A contract’s whole committed state, at the head block',
        request: { params: z.object({ id: AccountId }) },
        responses: { 200: json(ContractStateSchema, 'the state'), ...errorResponses(400, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const inputs = await ledger.store.callInputs(id);
        if (!inputs) throw new LedgerError('NotFound', `no contract '${id}'`);
        const { head, contract, state } = inputs;
        return c.json(ContractStateSchema.parse({ contractId: id, height: head.height, stateRoot: head.stateRoot, stateHeight: contract.stateHeight, state }), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/state/{key}',
        summary: 'One committed value with a Merkle proof against the head block’s state root',
        request: { params: z.object({ id: AccountId, key: z.string().min(1).max(LIMITS.maxKeyBytes) }) },
        responses: { 200: json(ValueWithProof, 'the value and its proof'), ...errorResponses(400, 404) },
      }),
      async (c) => {
        const { id, key } = c.req.valid('param');
        await contractOr404(id);
        const proven = await proveValue(ledger, id, key);
        if (!proven) throw new LedgerError('NotFound', `contract '${id}' has no key '${key}'`);
        return c.json(ValueWithProof.parse({ contractId: id, key, value: proven.value, proof: proven.proof }), 200);
      },
    );
}
