// The engine in a Web Worker (the @tana/engine sandbox, bundled by Vite): the page never freezes,
// and Stop ends a runaway contract at once.
import { createSandbox, sha256Hex, transpile, buildRequest, parseErrorOutcome, runRecordingFetches, type Outcome, type RecordedFetch, type Sandbox, type State, type JsonValue } from '@tana/engine';
import EngineWorker from '@tana/engine/sandbox-worker?worker';
import engineUrl from '@tana/engine/engine.wasm?url';

export const RUN_TIMEOUT_MS = 10_000;
let sandbox: Promise<Sandbox> | undefined;
let hash: Promise<string> | undefined;

export function getSandbox(): Promise<Sandbox> {
  sandbox ??= createSandbox({ timeoutMs: RUN_TIMEOUT_MS, createWorker: () => new EngineWorker(), engineUrl: new URL(engineUrl, location.href) });
  return sandbox;
}

/** Starts the worker and loads the engine now, so the first run is instant (and works offline later). */
export async function warmUp(): Promise<void> {
  await (await getSandbox()).execute(buildRequest('', { gasLimit: 1000 }));
}

/** sha256 of the engine this page runs: it must be the ledger's. */
export function engineHash(): Promise<string> {
  hash ??= fetch(engineUrl)
    .then((response) => response.arrayBuffer())
    .then((bytes) => sha256Hex(new Uint8Array(bytes)));
  return hash;
}

export async function stopRun(): Promise<void> {
  (await getSandbox()).stop();
}

export interface LocalRun {
  contractId: string;
  state: State;
  sender: string;
  height: number;
  executor: string;
  input: JsonValue;
  call?: { function: string; args: JsonValue[] };
  allowedHosts?: string[];
  fetches?: RecordedFetch[];
  /** Called for a fetch the run has no recording for; the run is repeated with its answer. */
  record?: (url: string) => Promise<RecordedFetch>;
}

/** Transpiles (reporting TypeScript syntax errors with their line) and runs against the given state. */
export async function runLocally(source: string, run: LocalRun): Promise<Outcome> {
  let code: string;
  try {
    code = transpile(source);
  } catch (error) {
    return parseErrorOutcome(error);
  }
  const engine = await getSandbox();
  const { outcome } = await runRecordingFetches(async (fetches) => ({ outcome: await engine.execute(requestFor(code, run, fetches)) }), { fetches: run.fetches, record: run.record });
  return outcome;
}

function requestFor(code: string, run: LocalRun, fetches: RecordedFetch[]) {
  return buildRequest(code, {
    state: run.state,
    context: {
      contractId: run.contractId,
      block: { height: run.height, timestamp: Date.now(), executor: run.executor },
      tx: { sender: run.sender, input: run.input },
      fetches,
      allowedHosts: run.allowedHosts,
    },
    call: run.call,
  });
}
