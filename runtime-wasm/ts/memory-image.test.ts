// An instance's memory before a run is a pure function of the code it runs: whichever runs came
// before on the instance, and whichever way the memory was set (parsed just now, restored in place,
// or a new instance grown to the image's size), it holds the same bytes, every one of them above the
// stack (below `stackTop` the stack is dead between calls: every frame is written before it is read).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as glue from '../pkg/tana_engine.js';
import { ImagedInstance } from './memory-image.ts';
import { buildRequest } from './request.ts';

const module = new WebAssembly.Module(readFileSync(new URL('../pkg/tana_engine_bg.wasm', import.meta.url)));
const instance = new ImagedInstance(module);
const memory = () => (glue.initSync({ module }) as unknown as { memory: WebAssembly.Memory }).memory;
const baseBytes = memory().buffer.byteLength;

/** Sources of near the largest size allowed, whose parse needs more than the room reserved for runs. */
const big = (tag: number) => `function g() { return [${'{a:[1,2,{b:3}]},'.repeat(15_000)}] }\nexport default ${tag}`;
const BIG = big(1);
const OTHER_BIG = big(2);
const SMALL = 'export default 6 * 7';
/** Allocates within the room, far above the image. */
const ROOMY = "const s = 'x'.repeat(8e6); export default s.length";
/** Allocates past the room, so its run grows the memory. */
const GROWING = "const s = 'x'.repeat(24e6); export default s.length";

/** The memory above the stack as a run of `code` finds it, copied. */
function entered(code: string): Uint8Array {
  instance.enter(code);
  return new Uint8Array(memory().buffer).slice(glue.stackTop());
}

/** Asserts two memories are equal, naming the first byte that differs (a diff of megabytes would drown the message). */
function assertSameBytes(actual: Uint8Array, expected: Uint8Array, what: string) {
  assert.equal(actual.length, expected.length, `${what}: the memory's size`);
  if (Buffer.compare(actual, expected) === 0) return;
  const at = actual.findIndex((byte, i) => byte !== expected[i]);
  assert.fail(`${what}: byte ${glue.stackTop() + at} is ${actual[at]}, not ${expected[at]}`);
}

function run(code: string): string {
  instance.enter(code);
  return glue.execute(JSON.stringify(buildRequest(code)));
}

test('a contract whose parse grows the memory keeps its image, and every way back to it gives the same bytes', () => {
  const parsed = entered(BIG);
  assert.ok(parsed.length + glue.stackTop() > baseBytes, 'the parse did not grow the memory: the test no longer tests growth');
  assert.ok(instance.hasImageOf(BIG), 'a contract whose parse grew the memory is kept');
  const outcome = glue.execute(JSON.stringify(buildRequest(BIG)));
  assert.equal(JSON.parse(outcome).value, 1);

  // In place, after its own run.
  assertSameBytes(entered(BIG), parsed, 'in place, after its parse');
  run(BIG);
  // A new instance grown to the image's size, after a run on the base image.
  run(SMALL);
  assertSameBytes(entered(BIG), parsed, 'a new instance grown to its size');
  // In place, over another contract's image of the same size.
  run(OTHER_BIG);
  instance.enter(OTHER_BIG);
  assert.equal(memory().buffer.byteLength, parsed.length + glue.stackTop());
  assertSameBytes(entered(BIG), parsed, "in place, after another contract's image of its size");
  // After a run that grew the memory further.
  run(GROWING);
  assert.ok(memory().buffer.byteLength > parsed.length + glue.stackTop(), 'the run did not grow the memory');
  assertSameBytes(entered(BIG), parsed, 'after a run that grew the memory');
  assert.equal(run(BIG), outcome);
});

test('the base image comes back byte for byte after any run, grown or not', () => {
  instance.reset();
  const base = entered(SMALL);
  for (const code of [SMALL, ROOMY, GROWING, BIG, SMALL]) {
    run(code);
    assertSameBytes(entered(SMALL), base, `after ${code.slice(0, 30)}…`);
  }
});
