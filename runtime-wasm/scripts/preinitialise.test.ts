import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import binaryen from 'binaryen';
import { type EngineExports, imageOf, preinitialise, sections, verifyImage, withImage } from './preinitialise.ts';

const shipped = new Uint8Array(readFileSync(new URL('../pkg/tana_engine_bg.wasm', import.meta.url)));
const PAGE = 65_536;

function instantiate(wasm: Uint8Array, imports: WebAssembly.Imports): EngineExports {
  return new WebAssembly.Instance(new WebAssembly.Module(wasm as BufferSource), imports).exports as unknown as EngineExports;
}

/** A module shaped like the engine: data from 1024 (its "stack" below), a heap that `prepare` grows, bounds on the last page. */
function toyEngine(prepareBody: string): Uint8Array {
  const module = binaryen.parseText(`(module
    (import "host" "now" (func $now (result i32)))
    (memory (export "memory") 1 16)
    (data (i32.const 1024) "static data")
    (global $prepared (mut i32) (i32.const 0))
    (func (export "stackTop") (result i32) (i32.const 1024))
    (func (export "imageEnd") (result i32) (i32.const ${2 * PAGE}))
    (func (export "prepare") (result i32) ${prepareBody}))`);
  const bytes = module.emitBinary();
  module.dispose();
  return bytes;
}

// Grows the memory to 3 pages, writes its "realm" at 2000 and 70000 and the heap's bounds on the
// last page; a later call finds its flag (at 1500) set and writes nothing.
const PREPARE = `
  (if (i32.load8_u (i32.const 1500)) (then (return (i32.const 1))))
  (drop (memory.grow (i32.const 2)))
  (i32.store8 (i32.const 1500) (i32.const 1))
  (i32.store (i32.const 2000) (i32.const 0x11223344))
  (i32.store (i32.const 70000) (i32.const 0x55))
  (i32.store (i32.const ${3 * PAGE - 8}) (i32.const 0x66778899))
  (i32.const 1)`;

test('a pre-initialised module starts where its prepare() left the memory', () => {
  const prepared = preinitialise(toyEngine(PREPARE));
  const exports = instantiate(prepared, { host: { now: () => 0 } });
  const bytes = new Uint8Array(exports.memory.buffer);
  assert.equal(exports.memory.buffer.byteLength, 3 * PAGE, 'the memory starts at the prepared size');
  const view = new DataView(exports.memory.buffer);
  assert.equal(view.getUint32(2000, true), 0x11223344);
  assert.equal(view.getUint32(70000, true), 0x55);
  assert.equal(view.getUint32(3 * PAGE - 8, true), 0x66778899, "the heap's bounds on the last page");
  assert.equal(new TextDecoder().decode(bytes.subarray(1024, 1035)), 'static data');
  assert.equal(exports.prepare(), 1);
  assert.equal(exports.memory.buffer.byteLength, 3 * PAGE, 'prepare() on a prepared module changes nothing');
});

test('preparing may not call the host: its result could differ between hosts', () => {
  assert.throws(() => preinitialise(toyEngine(`(drop (call $now)) ${PREPARE}`)), /preparing the realm called the host \(host\.now\)/);
});

test('a prepare() that fails stops the build', () => {
  assert.throws(() => preinitialise(toyEngine('(i32.const 0)')), /could not prepare its realm/);
});

test('a module whose prepare() is not idempotent is refused', () => {
  // Writes a counter each call: the pre-initialised module would change under the host's prepare().
  const counting = `(i32.store (i32.const 2004) (i32.add (i32.load (i32.const 2004)) (i32.const 1))) ${PREPARE}`;
  assert.throws(() => preinitialise(toyEngine(counting)), /differs from the prepared realm's \(the realm\)/);
});

test('the shipped engine is pre-initialised: preparing it again changes nothing, and the build reproduces it', () => {
  assert.deepEqual(preinitialise(shipped), shipped);
});

test("tampering with the shipped engine's data or with the image is detected", () => {
  const image = imageOf(instantiate(shipped, { './tana_engine_bg.js': { __wbindgen_init_externref_table: () => {} } }));
  verifyImage(shipped, image);

  const wrongRealm = { ...image, low: image.low.slice() };
  wrongRealm.low[image.low.length >> 1] ^= 1;
  assert.throws(() => verifyImage(shipped, wrongRealm), /differs from the prepared realm's \(the realm\)/);

  const wrongBounds = { ...image, tail: image.tail.slice() };
  wrongBounds.tail[PAGE - 1] ^= 1;
  assert.throws(() => verifyImage(shipped, wrongBounds), /\(the heap's bounds\)/);

  // The same image written into the module, one of its bytes changed on the way.
  const tampered = withImage(shipped, wrongRealm);
  assert.throws(() => verifyImage(tampered, image), /\(the realm\)/);
});

test('only the memory and data sections change', () => {
  const toy = toyEngine(PREPARE);
  const rest = (wasm: Uint8Array) =>
    sections(wasm)
      .filter(({ id }) => id !== 5 && id !== 11 && id !== 12)
      .map(({ id, body }) => [id, [...body]]);
  assert.deepEqual(rest(preinitialise(toy)), rest(toy));
});
