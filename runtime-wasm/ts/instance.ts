import { sha256 } from '@noble/hashes/sha2.js';
import * as glue from '../pkg/tana_engine.js';
import { toHex } from './bytes.ts';
import { ImagedInstance } from './memory-image.ts';
import { failedOutcome } from './outcome.ts';
import { isNode } from './platform.ts';
import { LIMITS, type ExecuteRequest, type Outcome } from './protocol.ts';

/** Where the engine's `.wasm` comes from: a URL or path, its bytes, a response, or a compiled module. */
export type EngineSource = URL | string | ArrayBuffer | Uint8Array | Response | WebAssembly.Module;

/** The bare engine: JavaScript requests in, outcomes out. No transpiler, so workers stay small. */
export interface EngineInstance {
  /**
   * sha256 of the `.wasm` (hex): the engine hash ledgers check. Computed off the way to the first run
   * (see `laterHash`). Empty when loaded from a compiled module, or asked not to (a sandbox's worker:
   * nobody there reads it).
   */
  readonly hash: string;
  /** Runs a request exactly as given (JavaScript code). Never throws for contract faults. */
  execute(request: ExecuteRequest): Outcome;
  /** Throws the instance away; the next run starts on a fresh one, its realm as prepared. */
  reset(): void;
}

// Beside the package: for Node and unbundled pages. Bundled pages pass `engineUrl`; the base is a
// variable so that bundlers (Vite) do not copy the .wasm into every bundle that imports this file.
const here = import.meta.url;
const DEFAULT_WASM = new URL('../pkg/tana_engine_bg.wasm', here);
let loaded: Promise<EngineInstance> | undefined;

/**
 * Instantiates the engine once per JavaScript realm: the wasm-bindgen glue holds one
 * instance per realm, so later calls return the first engine whatever their source.
 * With no source it loads the `.wasm` shipped beside this package.
 */
export function loadInstance(source: EngineSource = DEFAULT_WASM, options: { hash?: boolean } = {}): Promise<EngineInstance> {
  loaded ??= instantiate(source, options.hash ?? true).catch((error) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

/**
 * Compiles the engine without instantiating it (by default the `.wasm` beside this package): hand
 * the module to sandboxes (`createSandbox({ engineModule })`) so that a pool compiles it once.
 */
export async function compileEngine(source: EngineSource = DEFAULT_WASM): Promise<WebAssembly.Module> {
  return (await compile(source, false)).module;
}

async function instantiate(source: EngineSource, hashed: boolean): Promise<EngineInstance> {
  const { module, bytes } = await compile(source, hashed);
  const instance = new ImagedInstance(module);
  // Bytes the caller gave stay theirs: the hash, taken later, is of a copy of what was compiled.
  const callers = source instanceof Uint8Array || source instanceof ArrayBuffer;
  const hash = bytes && hashed ? laterHash(callers ? bytes.slice() : bytes) : () => '';
  return {
    get hash() {
      return hash();
    },
    execute: (request) => executeSafely(instance, request),
    reset: () => instance.reset(),
  };
}

/**
 * The sha256 of `bytes`, not on the way to the first run (hashing 5.8 MB took 8–10 ms of a cold
 * start): read, it is computed then (Node's OpenSSL, or JavaScript in browsers), unless a browser's
 * WebCrypto, asked at once, has digested them off the main thread by then.
 */
function laterHash(bytes: Uint8Array): () => string {
  let value: string | undefined;
  if (!isNode) {
    void crypto.subtle.digest('SHA-256', bytes as BufferSource).then(
      (digest) => (value ??= toHex(new Uint8Array(digest))),
      () => undefined, // computed when read instead
    );
  }
  return () => {
    value ??= isNode ? process.getBuiltinModule('node:crypto').createHash('sha256').update(bytes).digest('hex') : toHex(sha256(bytes));
    return value;
  };
}

/**
 * A trap (memory cap, engine bug) kills the instance; name it and start afresh. The host's own
 * stack overflowing is an engine fault, never an outcome: the engine's depth limits stop every
 * contract long before any host's stack ends, so reaching it means a missing limit (`EngineFailure`).
 * So is a host refusing to grow the memory below the engine's maximum, which every host must grant.
 */
function executeSafely(instance: ImagedInstance, request: ExecuteRequest): Outcome {
  try {
    instance.enter(request.code);
    return JSON.parse(glue.execute(JSON.stringify(request))) as Outcome;
  } catch (error) {
    let reason = '';
    try {
      reason = glue.trapReason();
    } catch {
      // The instance may be too broken to answer; classify from the error alone.
    }
    instance.renew();
    const limit = request.gasLimit ?? 0;
    // The host's stack first: a run may have met the heap's cap earlier, caught the RangeError of a
    // refused ArrayBuffer and gone on, so the cap's flag alone does not say why this run trapped.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return failedOutcome('EngineFailure', "the host's stack overflowed inside the engine (an engine fault, not an outcome)", limit);
    }
    if (reason === 'MemoryLimit') return failedOutcome('MemoryLimit', `the run used more than ${LIMITS.maxHeapBytes / 2 ** 20} MiB of memory`, limit);
    const refused = /^HostRefusedMemory: (.*)$/s.exec(reason);
    if (refused) return failedOutcome('EngineFailure', refused[1]!, limit);
    const detail = reason || (error instanceof Error ? error.message : String(error));
    return failedOutcome('EngineFailure', `the engine trapped: ${detail}`, limit);
  }
}

/** The compiled module, and its bytes when `wantBytes` (to hash them) or when they had to be read anyway. */
async function compile(source: EngineSource, wantBytes = true): Promise<{ module: WebAssembly.Module; bytes?: Uint8Array }> {
  if (source instanceof WebAssembly.Module) return { module: source };
  const response = await responseOf(source as ByteSource);
  if (response && typeof WebAssembly.compileStreaming === 'function') {
    // Streaming compilation: compiled while it downloads, and a browser keeps the compiled code
    // with its cache entry for the URL, so a repeat visit does not compile at all.
    const copy = response.clone();
    const bytes = () => copy.arrayBuffer().then((b) => new Uint8Array(b));
    try {
      const module = await WebAssembly.compileStreaming(response);
      return { module, bytes: wantBytes ? await bytes() : undefined };
    } catch (error) {
      // Served without `Content-Type: application/wasm`: compile the bytes instead.
      if (!(error instanceof TypeError)) throw error;
      const loaded = await bytes();
      return { module: await WebAssembly.compile(loaded as BufferSource), bytes: loaded };
    }
  }
  const bytes = response ? new Uint8Array(await response.arrayBuffer()) : readBytes(source as URL | string | ArrayBuffer | Uint8Array);
  return { module: await WebAssembly.compile(bytes as BufferSource), bytes };
}

/** An engine source other than a compiled module. */
type ByteSource = URL | string | ArrayBuffer | Uint8Array | Response;

/** The HTTP response for a URL source (or the `Response` given); undefined for files and bytes. */
async function responseOf(source: ByteSource): Promise<Response | undefined> {
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return undefined;
  if (typeof source !== 'string' && !(source instanceof URL)) return source;
  const url = toUrl(source);
  if (!url || url.protocol === 'file:') return undefined;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load the engine from ${url}: HTTP ${response.status}`);
  return response;
}

/** The bytes of a file path or URL, or of bytes given. */
function readBytes(source: URL | string | ArrayBuffer | Uint8Array): Uint8Array {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  // In one read: `fs/promises` reads a file in 512 KiB pieces, each a trip through the thread
  // pool (7.5 against 5 ms for the engine's 5.5 MB, on the way to every cold start).
  const file = process.getBuiltinModule('node:fs').readFileSync(toUrl(source) ?? String(source));
  return new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
}

/** A string without a scheme is a file path in Node and a URL relative to the page in a browser. */
function toUrl(source: URL | string): URL | undefined {
  if (source instanceof URL) return source;
  if (/^[a-z][a-z0-9+.-]*:/i.test(source)) return new URL(source);
  if (isNode) return undefined;
  return new URL(source, globalThis.document?.baseURI ?? globalThis.location?.href);
}
