// QuickJS (quickjs-emscripten) behind the same protocol as Tana's engine: a
// request in, { ok, value, error, diff, logs } out, a fresh runtime and context
// per run, or one context reused by every run. The benchmark's point of comparison; not part of Tana.
import { readFileSync } from 'node:fs';
import { newQuickJSWASMModule, type QuickJSContext, type QuickJSRuntime, type QuickJSWASMModule } from 'quickjs-emscripten';
import type { ExecuteRequest } from '@tana/engine';

const HOST = readFileSync(new URL('./quickjs-host.js', import.meta.url), 'utf8');

// Each module reads the current run's host when used, not when first imported: with a reused
// context QuickJS keeps modules across runs.
const MODULES: Record<string, string> = {
  'tana:core':
    "export const console = { log: (...a) => globalThis.__tana.console.log(...a), warn: (...a) => globalThis.__tana.console.warn(...a), error: (...a) => globalThis.__tana.console.error(...a) }; export const version = { tana: '0.1.0', engine: 'quickjs' };",
  'tana:data': 'export const data = new Proxy({}, { get: (_, key) => globalThis.__tana.data[key] });',
  'tana:block': 'export const block = new Proxy({}, { get: (_, key) => { const r = globalThis.__tana.request; return key === "gasLimit" ? (r.gasLimit ?? 10000000) : r.context.block[key] } });',
  'tana:tx':
    'export const tx = new Proxy({}, { get: (_, key) => { const t = globalThis.__tana; return key === "caller" ? t.request.context.caller : key === "transfer" ? t.transfer : t.request.context.tx[key] } });',
  'tana:utils':
    "export async function fetch(url) { const r = globalThis.__tana.request.context.fetches.find((x) => x.url === url); if (!r) throw new Error('FetchNotRecorded ' + url); return { status: r.status, ok: r.status < 400, text: async () => r.body, json: async () => JSON.parse(r.body) }; }",
};

export interface PeerOutcome {
  ok: boolean;
  value: unknown;
  error: string | null;
  diff: unknown;
  logs: unknown;
}

/**
 * A fresh runtime and context per run (isolated, as Tana's runs are), or with `reuseContext` one
 * context for every run (no isolation: globals, prototypes and modules stay from run to run).
 */
export async function loadQuickJS(options: { reuseContext?: boolean } = {}): Promise<{ execute(request: ExecuteRequest): PeerOutcome }> {
  const QuickJS: QuickJSWASMModule = await newQuickJSWASMModule();
  if (!options.reuseContext) {
    return {
      execute(request) {
        const runtime = newRuntime(QuickJS);
        const context = runtime.newContext();
        try {
          return execute(context, request, 'contract.js');
        } finally {
          context.dispose();
          runtime.dispose();
        }
      },
    };
  }
  const context = newRuntime(QuickJS).newContext();
  let runs = 0;
  // A module name QuickJS has not seen, so that each run evaluates its contract.
  return { execute: (request) => execute(context, request, `contract-${runs++}.js`) };
}

function newRuntime(QuickJS: QuickJSWASMModule): QuickJSRuntime {
  const runtime = QuickJS.newRuntime();
  runtime.setMemoryLimit(64 * 1024 * 1024);
  runtime.setMaxStackSize(1024 * 1024);
  runtime.setModuleLoader((name) => MODULES[name] ?? { error: new Error(`no module ${name}`) });
  return runtime;
}

function execute(context: QuickJSContext, request: ExecuteRequest, file: string): PeerOutcome {
  const runtime = context.runtime;
  const json = context.newString(JSON.stringify(request));
  context.setProp(context.global, '__request', json);
  json.dispose();
  // In a function, so that its declarations do not clash when a reused context runs it again.
  context.unwrapResult(context.evalCode(`(function () {\n${HOST}\n})()`, 'host.js', { type: 'global' })).dispose();

  const evaluated = context.evalCode(request.code, file, { type: 'module' });
  if (evaluated.error) {
    const error = context.dump(evaluated.error);
    evaluated.error.dispose();
    return failed(error);
  }
  runtime.executePendingJobs();
  const state = context.getPromiseState(evaluated.value);
  // A module without top-level await evaluates to its namespace, not a promise: then the state's
  // value is that same handle, disposed below as `exports`.
  if (!(state.type === 'fulfilled' && state.notAPromise)) evaluated.value.dispose();
  if (state.type === 'pending') return failed('Unsettled');
  if (state.type === 'rejected') {
    const error = context.dump(state.error);
    state.error.dispose();
    return failed(error);
  }
  const exports = state.value;
  const value = context.getProp(exports, 'default');
  const result = context.dump(value);
  value.dispose();
  exports.dispose();
  const out = context.unwrapResult(context.evalCode('__tana.outcome()', 'outcome.js', { type: 'global' }));
  const { diff, logs } = JSON.parse(context.getString(out));
  out.dispose();
  return { ok: true, value: result ?? null, error: null, diff, logs };
}

function failed(error: unknown): PeerOutcome {
  return { ok: false, value: null, error: JSON.stringify(error), diff: { set: {}, deleted: [], transfers: [] }, logs: [] };
}
