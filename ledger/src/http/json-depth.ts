// Refuses JSON bodies nested deeper than `maxDepth` before anything parses or walks them: canonical
// JSON, zod and the engine's value conversion are recursive, and a 400 000-deep body would cost the
// main thread seconds or its stack. One linear scan over the text, counting brackets outside strings.
import type { MiddlewareHandler } from 'hono';
import { LedgerError } from '../errors.ts';

/** Far above anything the engine can produce (its recursion stops at 400 frames), far below any stack. */
export const MAX_JSON_DEPTH = 512;

export function jsonDepthLimit(maxDepth = MAX_JSON_DEPTH): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && /json/i.test(c.req.header('Content-Type') ?? '')) {
      const depth = jsonDepthExceeds(await c.req.text(), maxDepth);
      if (depth) throw new LedgerError('NestingTooDeep', `the request body nests deeper than ${maxDepth} levels (at character ${depth})`);
    }
    await next();
  };
}

/** The position where nesting first exceeds `maxDepth`, or 0. Ignores brackets inside strings; does not validate. */
export function jsonDepthExceeds(text: string, maxDepth: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > maxDepth) return i + 1;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return 0;
}
