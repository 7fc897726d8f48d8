/**
 * What an engine instance's memory image is, defined once: the package restores it before every
 * run (memory-image.ts) and the build writes it into the `.wasm` (scripts/preinitialise.ts). From
 * the top of the stack (`stackTop` in `wasm.rs`; below it the stack is dead between calls) up to
 * the heap's end (`imageEnd`), plus the last page, where the heap keeps its bounds. Between them
 * lies the room runs use, zero in the image.
 */
export interface MemoryImage {
  start: number;
  low: Uint8Array;
  tail: Uint8Array;
  /** The memory's size. */
  byteLength: number;
}

export const PAGE = 65_536;

/** A copy of the image in `buffer` (an instance's memory) between `start` and `end`, and its last page. */
export function captureImage(buffer: ArrayBuffer, start: number, end: number): MemoryImage {
  return {
    start,
    low: new Uint8Array(buffer, start, end - start).slice(),
    tail: new Uint8Array(buffer, buffer.byteLength - PAGE, PAGE).slice(),
    byteLength: buffer.byteLength,
  };
}
