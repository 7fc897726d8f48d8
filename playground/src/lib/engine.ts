// The engine in a Web Worker (the @tana/engine sandbox, bundled by Vite): the page never freezes,
// and Stop ends a runaway contract at once.
import { explainOutcome } from './diagnose.ts';
import {
  loadTranspiler,
  createSandbox,
  sha256Hex,
  buildRequest,
  LIMITS,
  parseErrorOutcome,
  runRecordingFetches,
  type Outcome,
  type RecordedFetch,
  type Sandbox,
  type State,
  type JsonValue,
} from '@tana/engine';
import engineUrl from '@tana/engine/engine.wasm?url';

export const RUN_TIMEOUT_MS = 10_000;
/** The gas of a local run: the ledger's default for a call, so what runs here fits there. */
export const RUN_GAS_LIMIT = LIMITS.defaultGasLimit;
let sandbox: Promise<Sandbox> | undefined;
let hash: Promise<string> | undefined;

declare global {
  /** The engine's worker script and the name that makes it load the engine at once (pages/index.astro). */
  var tanaEngineWorker: { url: string; name: string } | undefined;
  /** The engine's worker the page's head started while it parsed (pages/index.astro). */
  var tanaEarlyWorker: Worker | undefined;
}

/** The head's worker the first time (it is already loading the engine), a new one like it after a Stop. */
function engineWorker(): Worker {
  const early = globalThis.tanaEarlyWorker;
  globalThis.tanaEarlyWorker = undefined;
  if (early) return early;
  const script = globalThis.tanaEngineWorker;
  if (!script) throw new Error("the page does not name the engine's worker script (pages/index.astro)");
  return new Worker(script.url, { type: 'module', name: script.name });
}

export function getSandbox(): Promise<Sandbox> {
  sandbox ??= createSandbox({ timeoutMs: RUN_TIMEOUT_MS, createWorker: engineWorker, engineUrl: new URL(engineUrl, location.href) });
  return sandbox;
}

/** Resolves at the next idle moment of the main thread (at the latest after `timeout` ms). */
export function afterIdle(timeout = 500): Promise<void> {
  return new Promise((resolve) => (globalThis.requestIdleCallback ?? setTimeout)(() => resolve(), { timeout }));
}

/** The engine's warm-up: `loaded` once its worker has the engine (a run can start), `warm` once it has run. */
export interface WarmUp {
  loaded: Promise<void>;
  warm: Promise<void>;
}

let warming: WarmUp | undefined;
/**
 * Has the engine's worker (started by the page's head, already loading the engine) run an empty
 * contract, so that the first run finds its code compiled (and works offline later). Once per page:
 * lib/startup.ts starts it as soon as the app's code loads. Run can be enabled once the engine is
 * loaded: a run asked for meanwhile waits for the warm-up, in order. A failure says what failed.
 */
export function warmUp(): WarmUp {
  if (warming) return warming;
  let started!: () => void;
  const loaded = new Promise<void>((resolve) => (started = resolve));
  const warm = getSandbox()
    .then((sandbox) => sandbox.execute(buildRequest('', { gasLimit: 1000 }), { onStarted: started }))
    .then((outcome) => {
      // An empty contract always succeeds: anything else is the engine failing (its worker, its .wasm).
      if (!outcome.ok) throw new Error(outcome.error.message);
    });
  warming = { loaded: Promise.race([loaded, warm]), warm };
  return warming;
}

/** sha256 of the engine this page runs: it must be the ledger's. */
export function engineHash(): Promise<string> {
  hash ??= fetch(engineUrl)
    .then((response) => response.arrayBuffer())
    .then((bytes) => sha256Hex(new Uint8Array(bytes)));
  return hash;
}

let current: Promise<unknown> | undefined;

/**
 * Stops the run in progress. A Stop that lands while the run is still being handed to the worker
 * finds nothing to stop yet, so it is repeated until the run has ended.
 */
export async function stopRun(): Promise<void> {
  const engine = await getSandbox();
  const run = current;
  if (!run) return;
  let ended = false;
  void run.finally(() => (ended = true));
  while (!ended) {
    engine.stop();
    await Promise.race([run.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 50))]);
  }
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
  const transpile = await loadTranspiler();
  let code: string;
  try {
    code = transpile(source);
  } catch (error) {
    return explainOutcome(parseErrorOutcome(error), source, RUN_GAS_LIMIT);
  }
  const engine = await getSandbox();
  const running = runRecordingFetches(async (fetches) => ({ outcome: await engine.execute(requestFor(code, run, fetches)) }), { fetches: run.fetches, record: run.record });
  current = running;
  try {
    return explainOutcome((await running).outcome, source, RUN_GAS_LIMIT);
  } finally {
    if (current === running) current = undefined;
  }
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
    gasLimit: RUN_GAS_LIMIT,
  });
}
