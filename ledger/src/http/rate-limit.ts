// A token bucket per client address: `perMinute` requests, refilled continuously.
import type { MiddlewareHandler } from 'hono';
import { LedgerError } from '../errors.ts';

export interface RateLimitOptions {
  perMinute: number;
  /** The client's key (its address); requests with no address share one bucket. */
  keyOf: (request: Parameters<MiddlewareHandler>[0]) => string;
}

export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const ratePerMs = options.perMinute / 60_000;
  return async (c, next) => {
    const key = options.keyOf(c);
    const now = performance.now();
    const bucket = buckets.get(key) ?? { tokens: options.perMinute, at: now };
    bucket.tokens = Math.min(options.perMinute, bucket.tokens + (now - bucket.at) * ratePerMs);
    bucket.at = now;
    buckets.set(key, bucket);
    if (buckets.size > 100_000) buckets.clear(); // bounded memory under address floods
    if (bucket.tokens < 1) {
      throw new LedgerError('RateLimited', `more than ${options.perMinute} requests a minute from ${key}; slow down`, {
        retryAfterSeconds: Math.ceil((1 - bucket.tokens) / ratePerMs / 1000),
      });
    }
    bucket.tokens -= 1;
    await next();
  };
}
