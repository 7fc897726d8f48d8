/* tslint:disable */
/* eslint-disable */
export const memory: WebAssembly.Memory;
export const __getrandom_v03_custom: (a: number, b: number) => number;
export const compile: (a: number, b: number) => number;
export const execute: (a: number, b: number, c: number) => void;
export const highWater: () => number;
export const imageEnd: () => number;
export const prepare: () => number;
export const trapReason: (a: number) => void;
export const __wbindgen_externrefs: WebAssembly.Table;
export const __wbindgen_export: (a: number, b: number) => number;
export const __wbindgen_export2: (a: number, b: number, c: number, d: number) => number;
export const __wbindgen_export3: (a: number, b: number, c: number) => void;
export const __wbindgen_add_to_stack_pointer: (a: number) => number;
export const __wbindgen_start: () => void;
