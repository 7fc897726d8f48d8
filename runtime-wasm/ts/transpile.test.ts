import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transpile } from './transpiler.ts';
import { TranspileError } from './transpile-error.ts';

test('strips types and keeps tana imports, even type-only looking ones', () => {
  const js = transpile("import { data } from 'tana:data'\ninterface P { n: number }\nconst p: P = { n: 1 }\nexport default p.n as number");
  assert.match(js, /import \{ data \} from 'tana:data'/);
  assert.doesNotMatch(js, /interface|: P|as number/);
});

test('keeps line numbers so errors point at the TypeScript source', () => {
  const source = 'type A = string\n\n\nthrow new Error("line 4")';
  const js = transpile(source);
  assert.equal(
    js.split('\n').findIndex((l) => l.includes('line 4')),
    3,
  );
});

test('a syntax error is a TranspileError with the position', () => {
  assert.throws(
    () => transpile('const = 1'),
    (e: unknown) => e instanceof TranspileError && /1:/.test((e as Error).message),
  );
});

test('the lazily loaded transpiler answers with a tagged result; the package names the error', async () => {
  const { transpileSource } = await import('./transpile.ts');
  assert.deepEqual(transpileSource('const n: number = 1'), { value: 'const n = 1' });
  const failed = transpileSource('const = 1');
  assert.ok('error' in failed && /\(1:\d+\)/.test(failed.error), JSON.stringify(failed));
});
