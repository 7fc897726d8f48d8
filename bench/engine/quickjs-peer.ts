// QuickJS (quickjs-emscripten) behind the same protocol as Tana's engine: a
// request in, { ok, value, error, diff, logs } out, a fresh runtime and context
// per run. The benchmark's point of comparison; not part of Tana.
import { readFileSync } from 'node:fs';
import { newQuickJSWASMModule, type QuickJSWASMModule } from 'quickjs-emscripten';
import type { ExecuteRequest } from '@tana/engine';

const HOST = readFileSync(new URL('./quickjs-host.js', import.meta.url), 'utf8');

const MODULES: Record<string, string> = {
  'tana:core': "export const console = globalThis.__tana.console; export const version = { tana: '0.1.0', engine: 'quickjs' };",
  'tana:data': 'export const data = globalThis.__tana.data;',
  'tana:block': 'const c = globalThis.__tana.request.context; export const block = { ...c.block, gasLimit: globalThis.__tana.request.gasLimit ?? 10000000 };',
  'tana:tx': 'const c = globalThis.__tana.request.context; export const tx = { ...c.tx, caller: c.caller, transfer: globalThis.__tana.transfer };',
  'tana:utils':
    "const f = globalThis.__tana.request.context.fetches; export async function fetch(url) { const r = f.find((x) => x.url === url); if (!r) throw new Error('FetchNotRecorded ' + url); return { status: r.status, ok: r.status < 400, text: async () => r.body, json: async () => JSON.parse(r.body) }; }",
};

export interface PeerOutcome {
  ok: boolean;
  value: unknown;
  error: string | null;
  diff: unknown;
  logs: unknown;
}

export async function loadQuickJS(): Promise<{ execute(request: ExecuteRequest): PeerOutcome }> {
  const QuickJS: QuickJSWASMModule = await newQuickJSWASMModule();
  return { execute: (request) => execute(QuickJS, request) };
}

function execute(QuickJS: QuickJSWASMModule, request: ExecuteRequest): PeerOutcome {
  const runtime = QuickJS.newRuntime();
  runtime.setMemoryLimit(64 * 1024 * 1024);
  runtime.setMaxStackSize(1024 * 1024);
  runtime.setModuleLoader((name) => MODULES[name] ?? { error: new Error(`no module ${name}`) });
  const context = runtime.newContext();
  try {
    const json = context.newString(JSON.stringify(request));
    context.setProp(context.global, '__request', json);
    json.dispose();
    context.unwrapResult(context.evalCode(HOST, 'host.js', { type: 'global' })).dispose();

    const evaluated = context.evalCode(request.code, 'contract.js', { type: 'module' });
    if (evaluated.error) {
      const error = context.dump(evaluated.error);
      evaluated.error.dispose();
      return failed(error);
    }
    runtime.executePendingJobs();
    const state = context.getPromiseState(evaluated.value);
    evaluated.value.dispose();
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
  } finally {
    context.dispose();
    runtime.dispose();
  }
}

function failed(error: unknown): PeerOutcome {
  return { ok: false, value: null, error: JSON.stringify(error), diff: { set: {}, deleted: [], transfers: [] }, logs: [] };
}
