import type { ExecuteRequest, ExecutionContext, FunctionCall, State } from './protocol.ts';

/** Hosts a contract may fetch from unless the caller says otherwise (from the seed documents). */
export const DEFAULT_ALLOWED_HOSTS = ['pokeapi.co', 'tana.dev', 'localhost', '127.0.0.1'];

/** An execution context where every field, and every block and tx field, may be left out. */
export type PartialContext = Partial<Omit<ExecutionContext, 'block' | 'tx'>> & {
  block?: Partial<ExecutionContext['block']>;
  tx?: Partial<ExecutionContext['tx']>;
};

export interface RunOptions {
  /** Committed state the contract starts from. */
  state?: State;
  /** Block, transaction and fetch context; missing fields get neutral defaults. */
  context?: PartialContext;
  gasLimit?: number;
  /** Call an exported function after the module's top-level code. */
  call?: FunctionCall;
}

/** A complete request from JavaScript source and friendly options. */
export function buildRequest(code: string, options: RunOptions = {}): ExecuteRequest {
  const context = options.context ?? {};
  return {
    code,
    state: options.state ?? {},
    context: {
      chainId: context.chainId ?? 'local',
      contractId: context.contractId ?? 'contract',
      caller: context.caller ?? context.tx?.sender ?? 'anonymous',
      block: { height: 1, timestamp: 0, executor: 'local', ...context.block },
      tx: { id: 'local', sender: 'anonymous', nonce: 0, input: null, ...context.tx },
      fetches: context.fetches ?? [],
      allowedHosts: context.allowedHosts ?? DEFAULT_ALLOWED_HOSTS,
    },
    gasLimit: options.gasLimit,
    call: options.call,
  };
}
