import { LRUCache } from 'lru-cache';
import * as glue from '../pkg/tana_engine.js';
import { captureImage, type MemoryImage, PAGE } from './image-bytes.ts';

/**
 * One engine instance's memory as a run must find it. The engine prepares its realm once
 * (`prepare` in `wasm.rs`; the shipped `.wasm` starts prepared, its memory written by the build:
 * scripts/preinitialise.ts); the bytes then in use are an image (image-bytes.ts).
 * Every run starts from an image, byte for byte, so a warm instance is a fresh one: no run can
 * see anything of an earlier one. A contract's own image is the base image with the contract
 * parsed into it: its later runs skip parsing, and end exactly as if they had parsed.
 */
interface RawExports {
  memory: WebAssembly.Memory;
}

/** Bytes of contract images kept (≈ 1.1 MB each); the least recently run go first. */
const CONTRACT_IMAGES_BYTES = 48 * 2 ** 20;

/** The glue's one instance (per JavaScript realm), its images, and which one its memory holds. */
export class ImagedInstance {
  readonly #module: WebAssembly.Module;
  #base!: MemoryImage;
  /** The image the memory was last set to. */
  #current!: MemoryImage;
  /** A run (or a failed parse) has changed the memory since. */
  #dirty = false;
  /** Contract images by the contract's code. */
  readonly #contracts = new LRUCache<string, MemoryImage>({ maxSize: CONTRACT_IMAGES_BYTES, sizeCalculation: (image) => image.low.length + image.tail.length });

  constructor(module: WebAssembly.Module) {
    this.#module = module;
    glue.initSync({ module });
    this.#prepare();
  }

  /** A new instance, its realm as prepared; every contract's image is forgotten. */
  reset(): void {
    glue.__wbg_reset_state();
    this.#contracts.clear();
    this.#prepare();
  }

  /** Sets the memory to where a run of `code` must start; the caller then runs it. */
  enter(code: unknown): void {
    const image = typeof code === 'string' ? this.#contracts.get(code) : undefined;
    if (typeof code !== 'string') {
      // Not a request the engine will run: it answers InvalidRequest from the base image.
      this.#set(this.#base);
    } else if (image) {
      this.#set(image);
    } else {
      this.#set(this.#base);
      this.#compile(code);
    }
    this.#dirty = true;
  }

  /** Whether runs of `code` start from its own image, parsed (for tests and diagnostics). */
  hasImageOf(code: string): boolean {
    return this.#contracts.has(code);
  }

  /** After a trap: a fresh instance with the base image in its memory. */
  renew(): void {
    glue.__wbg_reset_state();
    const { memory } = this.#raw();
    memory.grow((this.#base.byteLength - memory.buffer.byteLength) / PAGE);
    this.#write(this.#base, new Uint8Array(memory.buffer));
    this.#current = this.#base;
    this.#dirty = false;
  }

  #prepare(): void {
    if (!glue.prepare()) throw new Error('the engine could not prepare its realm');
    this.#base = this.#capture();
    this.#current = this.#base;
    this.#dirty = false;
  }

  /** Parses `code` into the base image and keeps the result as the contract's image. */
  #compile(code: string): void {
    if (!glue.compile(code)) {
      // It does not parse: its run parses again and reports the error, from the base image.
      this.#dirty = true;
      this.#set(this.#base);
      return;
    }
    const image = this.#capture();
    this.#current = image;
    this.#contracts.set(code, image);
  }

  #capture(): MemoryImage {
    const { buffer } = this.#raw().memory;
    // A parse that grew the memory left the base's last page (the heap's old bounds) somewhere in
    // the middle: the image holds it, whatever became of it, so that every restore writes it back.
    const grown = this.#base !== undefined && buffer.byteLength !== this.#base.byteLength;
    return captureImage(buffer, glue.stackTop(), grown ? Math.max(glue.imageEnd(), this.#base.byteLength) : glue.imageEnd());
  }

  /** Puts `image` in the memory unless it is there untouched; what lies above it is zeroed again. */
  #set(image: MemoryImage): void {
    if (image === this.#current && !this.#dirty) return;
    const { memory } = this.#raw();
    // A run that outgrew the room reserved for it grew the memory: start from a fresh instance. A
    // contract whose parse grew it has an image of that size: the new instance grows as the parse
    // did, its new pages zero as they were then.
    if (memory.buffer.byteLength !== image.byteLength) {
      this.renew();
      if (image === this.#base) return;
      this.#raw().memory.grow((image.byteLength - this.#base.byteLength) / PAGE);
    }
    const bytes = new Uint8Array(this.#raw().memory.buffer);
    const end = image.start + image.low.length;
    // `imageEnd` after the run: its highest block and the allocator's header above it, to a page.
    const touched = Math.min(Math.max(glue.imageEnd(), this.#current.start + this.#current.low.length), image.byteLength - PAGE);
    if (touched > end) bytes.fill(0, end, touched);
    this.#write(image, bytes);
    this.#current = image;
    this.#dirty = false;
  }

  #write(image: MemoryImage, bytes: Uint8Array): void {
    bytes.set(image.low, image.start);
    bytes.set(image.tail, image.byteLength - PAGE);
  }

  /** The live instance's exports (initSync() on an initialised glue returns them). */
  #raw(): RawExports {
    return glue.initSync({ module: this.#module }) as unknown as RawExports;
  }
}
