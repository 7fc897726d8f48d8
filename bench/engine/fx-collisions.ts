// Keys built to collide under FxHash as Boa used it before its tables took a seed of the code and
// the run (Boa patches rustc-hash 01, boa_interner 01), as adversarial hunts built them: the
// benchmarks show that they no longer cost more than ordinary keys.

/** Four letters numbering `i`. */
export function letters(i: number): string {
  let text = '';
  for (let k = 0; k < 4; k++, i = Math.floor(i / 26)) text += String.fromCharCode(0x41 + (i % 26));
  return text;
}

/** Ends an 8-unit literal so that rustc-hash 2.1's byte hash gives it 0 whatever its first four units. */
export const FX_INTERNER_SUFFIX = String.fromCharCode(0x7344, 0x0370, 0x8a2e, 0x1319);

/**
 * The `i`th 8-unit name whose FxHash (32-bit, four code units per write, as Boa hashed a string)
 * is 0: units 4–5 are solved for, from the others.
 */
export function fxCollidingName(i: number): string {
  const K = 0x93d765dd | 0;
  const add = (h: number, word: number) => Math.imul((h + word) | 0, K);
  const head = letters(i);
  const [u0, u1, u2, u3] = [0, 1, 2, 3].map((k) => head.charCodeAt(k) + (k === 3 ? 0x20 : 0));
  for (let t = 0; ; t++) {
    const u6 = 0x61 + (t % 26);
    const u7 = 0x61 + (Math.floor(t / 26) % 26);
    const h = add(add(add(Math.imul(8, K), (u2 << 16) | u3), (u0 << 16) | u1), (u6 << 16) | u7);
    const solved = -h >>> 0;
    const [u4, u5] = [solved >>> 16, solved & 0xffff];
    const identifierPart = (u: number) => (u < 0xd800 || u > 0xdfff) && /^\p{ID_Continue}$/u.test(String.fromCharCode(u));
    if (identifierPart(u4) && identifierPart(u5)) return String.fromCharCode(u0, u1, u2, u3, u4, u5, u6, u7);
  }
}
