// Pre-initialisation: the engine ships with its realm already prepared. Every host used to
// run `prepare()` (build every intrinsic, reserve the heap) on the way to its first outcome,
// and V8 had to compile that code first: about a sixth of a cold start. Here the build runs
// `prepare()` once, in V8 itself, and writes the memory it leaves behind into the module as
// its data; an instance then starts where a prepared one stands, and `prepare()` returns at
// once. This is the idea of Wizer and binaryen's wasm-ctor-eval; ctor-eval's interpreter
// stops at `memory.grow`, and Wizer needs wasmtime, hence this file.
//
// The image is exactly what `ImagedInstance` (ts/memory-image.ts) keeps and puts back before
// every run, captured by the same code (ts/image-bytes.ts). So a run on the pre-initialised module starts from the same
// bytes as a run after `prepare()` did: outcomes, gas and isolation do not change.

import { captureImage, type MemoryImage, PAGE } from '../ts/image-bytes.ts';

const SECTION = { memory: 5, data: 11, dataCount: 12 } as const;
/** Zero bytes that end a data segment: a segment costs about ten bytes, so shorter runs of zeros stay inside one. */
const ZEROS_BETWEEN_SEGMENTS = 16;

/** The engine's exports this step uses. */
export interface EngineExports {
  memory: WebAssembly.Memory;
  prepare(): number;
  stackTop(): number;
  imageEnd(): number;
}

/**
 * The module with its realm prepared. Throws if it cannot prepare, if preparing needs the host
 * (it must not: then it could differ between hosts), or if the rewritten module does not start
 * with the very bytes preparing left.
 */
export function preinitialise(wasm: Uint8Array): Uint8Array {
  const exports = instantiate(wasm);
  if (exports.prepare() !== 1) throw new Error('the engine could not prepare its realm');
  const image = imageOf(exports);
  const prepared = withImage(wasm, image);
  verifyImage(prepared, image);
  return prepared;
}

/** Throws unless a fresh instance of `wasm` holds `image`, and keeps it through `prepare()`. */
export function verifyImage(wasm: Uint8Array, image: MemoryImage): void {
  const exports = instantiate(wasm);
  const differs = (what: string) => new Error(`the pre-initialised engine's memory differs from the prepared realm's (${what})`);
  const check = () => {
    const now = imageOf(exports);
    if (now.start !== image.start || now.byteLength !== image.byteLength) throw differs('its layout');
    if (!sameBytes(now.low, image.low)) throw differs('the realm');
    if (!sameBytes(now.tail, image.tail)) throw differs("the heap's bounds");
  };
  check();
  if (exports.prepare() !== 1) throw new Error('the pre-initialised engine refused to prepare');
  check();
}

/** The image of an instance at rest. */
export function imageOf(exports: EngineExports): MemoryImage {
  return captureImage(exports.memory.buffer, exports.stackTop(), exports.imageEnd());
}

/** An instance whose every import throws: preparing must not depend on the host. */
function instantiate(wasm: Uint8Array): EngineExports {
  const module = new WebAssembly.Module(wasm as BufferSource);
  const imports: Record<string, Record<string, () => never>> = {};
  for (const { module: from, name } of WebAssembly.Module.imports(module)) {
    imports[from] ??= {};
    imports[from][name] = () => {
      throw new Error(`preparing the realm called the host (${from}.${name})`);
    };
  }
  return new WebAssembly.Instance(module, imports).exports as unknown as EngineExports;
}

/** `wasm` with its memory's initial size and its data replaced by `image`; every other byte as it was. */
export function withImage(wasm: Uint8Array, image: MemoryImage): Uint8Array {
  const pages = image.byteLength / PAGE;
  const segments = [...nonZeroRuns(image.low, image.start), ...nonZeroRuns(image.tail, image.byteLength - PAGE)];
  const parts: Uint8Array[] = [wasm.subarray(0, 8)];
  for (const section of sections(wasm)) {
    if (section.id === SECTION.memory) parts.push(encodeSection(SECTION.memory, memorySection(section.body, pages)));
    else if (section.id === SECTION.data) parts.push(encodeSection(SECTION.data, dataSection(segments)));
    else if (section.id === SECTION.dataCount) parts.push(encodeSection(SECTION.dataCount, uleb(segments.length)));
    else parts.push(wasm.subarray(section.start, section.end));
  }
  return concat(parts);
}

export interface Section {
  id: number;
  /** The whole section, header included. */
  start: number;
  end: number;
  body: Uint8Array;
}

/** The module's sections, in order. */
export function sections(wasm: Uint8Array): Section[] {
  const out: Section[] = [];
  let at = 8;
  while (at < wasm.length) {
    const start = at;
    const id = wasm[at++];
    const [size, read] = readUleb(wasm, at);
    at += read;
    out.push({ id, start, end: at + size, body: wasm.subarray(at, at + size) });
    at += size;
  }
  return out;
}

/** The one memory, its maximum kept, its minimum the image's size. */
function memorySection(body: Uint8Array, pages: number): Uint8Array {
  let at = 0;
  const [count, countBytes] = readUleb(body, at);
  if (count !== 1) throw new Error(`the engine declares ${count} memories; pre-initialisation expects one`);
  at += countBytes;
  const flags = body[at++];
  if (flags !== 1) throw new Error(`the engine's memory has limit flags ${flags}; pre-initialisation expects a 32-bit memory with a maximum`);
  const [, minBytes] = readUleb(body, at);
  const [maximum] = readUleb(body, at + minBytes);
  if (pages > maximum) throw new Error(`the prepared realm needs ${pages} pages, more than the engine's maximum of ${maximum}`);
  return concat([uleb(1), Uint8Array.of(1), uleb(pages), uleb(maximum)]);
}

interface Segment {
  offset: number;
  bytes: Uint8Array;
}

/** Active segments for memory 0: each `i32.const offset`, then the bytes. */
function dataSection(segments: Segment[]): Uint8Array {
  const parts = [uleb(segments.length)];
  for (const { offset, bytes } of segments) parts.push(Uint8Array.of(0, 0x41), sleb(offset), Uint8Array.of(0x0b), uleb(bytes.length), bytes);
  return concat(parts);
}

/** The stretches of `bytes` that are not zero, split where at least `ZEROS_BETWEEN_SEGMENTS` zeros lie between. */
function nonZeroRuns(bytes: Uint8Array, base: number): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  while (at < bytes.length) {
    while (at < bytes.length && bytes[at] === 0) at++;
    if (at === bytes.length) break;
    const start = at;
    let end = at;
    while (at < bytes.length) {
      if (bytes[at] !== 0) end = ++at;
      else if (at - end >= ZEROS_BETWEEN_SEGMENTS) break;
      else at++;
    }
    out.push({ offset: base + start, bytes: bytes.subarray(start, end) });
    at = end;
  }
  return out;
}

function encodeSection(id: number, body: Uint8Array): Uint8Array {
  return concat([Uint8Array.of(id), uleb(body.length), body]);
}

function readUleb(bytes: Uint8Array, at: number): [value: number, length: number] {
  let value = 0;
  let shift = 0;
  let length = 0;
  let byte: number;
  do {
    byte = bytes[at + length++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, length];
}

function uleb(value: number): Uint8Array {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Uint8Array.from(out);
}

/** An i32 offset as `i32.const` wants it: signed LEB128. */
function sleb(value: number): Uint8Array {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && !(byte & 0x40)) || (v === -1 && byte & 0x40);
    out.push(done ? byte : byte | 0x80);
    if (done) return Uint8Array.from(out);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
