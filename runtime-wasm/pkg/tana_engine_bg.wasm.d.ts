/* tslint:disable */
/* eslint-disable */
export const memory: WebAssembly.Memory;
export const __getrandom_v03_custom: (a: number, b: number) => number;
export const compile: (a: number, b: number) => number;
export const execute: (a: number, b: number) => [number, number];
export const highWater: () => number;
export const imageEnd: () => number;
export const prepare: () => number;
export const stackTop: () => number;
export const trapReason: () => [number, number];
export const __wbindgen_externrefs: WebAssembly.Table;
export const __wbindgen_malloc: (a: number, b: number) => number;
export const __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
export const __wbindgen_free: (a: number, b: number, c: number) => void;
export const __wbindgen_start: () => void;
