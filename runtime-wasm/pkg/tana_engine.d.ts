/* tslint:disable */
/* eslint-disable */

export function __wbg_reset_state(): void;

/**
 * Parses a contract into the prepared realm ahead of its run, so that the host can keep the
 * image with the contract compiled in, and start its later runs from it. False if it does not
 * parse, or if the image was not restored after a run.
 */
export function compile(code: string): boolean;

/**
 * Runs one contract. Input and output are the JSON forms of `ExecuteRequest` and `Outcome`.
 * In the prepared realm if there is one (see `prepare`), else in a realm of its own.
 */
export function execute(request: string): string;

/**
 * The end of the highest block the heap has handed out since the image was taken: above the
 * image's end, what a run touched lies below it.
 */
export function highWater(): number;

/**
 * Where the memory in use ends (a multiple of 64 KiB).
 */
export function imageEnd(): number;

/**
 * Prepares the realm every run enters and the room runs may use. The host then keeps the
 * memory in use (up to `imageEnd`, and the last 64 KiB page, where the heap keeps its bounds)
 * as an image and puts it back before every run, so each run starts from the same bytes.
 * Call once, before any run. False if the realm could not be prepared.
 * The shipped engine is pre-initialised (`scripts/preinitialise.ts`): its memory starts with
 * the realm prepared, and this returns at once, changing nothing.
 */
export function prepare(): boolean;

/**
 * Where the memory image starts: the stack's top. Below it lies the stack, dead between calls;
 * above it the data and the heap, all of a run's state.
 */
export function stackTop(): number;

/**
 * After a trap: why the instance died (`MemoryLimit`, `HostRefusedMemory: ` and its message, or
 * the panic message). Empty if unknown.
 */
export function trapReason(): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly __getrandom_v03_custom: (a: number, b: number) => number;
    readonly compile: (a: number, b: number) => number;
    readonly execute: (a: number, b: number) => [number, number];
    readonly highWater: () => number;
    readonly imageEnd: () => number;
    readonly prepare: () => number;
    readonly stackTop: () => number;
    readonly trapReason: () => [number, number];
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
