import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineBuildIsStale, resolvesEngineSource } from './fresh-engine.ts';

function engineTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'tana-fresh-engine-'));
  for (const dir of ['ts/generated', 'pkg', 'dist', 'scripts']) mkdirSync(join(root, dir), { recursive: true });
  for (const file of ['ts/index.ts', 'ts/generated/limits.ts', 'ts/engine.test.ts', 'pkg/tana_engine.js', 'pkg/tana_engine_bg.wasm', 'scripts/build-package.mjs', 'dist/index.js']) {
    writeFileSync(join(root, file), '');
  }
  return root;
}
const at = (root: string, file: string, seconds: number) => utimesSync(join(root, file), seconds, seconds);

test('a dist newer than every source is fresh; a newer source, a newer .wasm or no dist is stale', () => {
  const root = engineTree();
  try {
    for (const file of ['ts/index.ts', 'ts/generated/limits.ts', 'ts/engine.test.ts', 'pkg/tana_engine.js', 'pkg/tana_engine_bg.wasm', 'scripts/build-package.mjs']) at(root, file, 1000);
    at(root, 'dist/index.js', 2000);
    assert.equal(engineBuildIsStale(root), false);
    at(root, 'ts/engine.test.ts', 3000);
    assert.equal(engineBuildIsStale(root), false, 'tests are not built into dist');
    at(root, 'ts/generated/limits.ts', 3000);
    assert.equal(engineBuildIsStale(root), true, 'a nested source changed');
    at(root, 'ts/generated/limits.ts', 1000);
    at(root, 'pkg/tana_engine_bg.wasm', 3000);
    assert.equal(engineBuildIsStale(root), true, 'the engine was rebuilt');
    at(root, 'pkg/tana_engine_bg.wasm', 1000);
    rmSync(join(root, 'dist/index.js'));
    assert.equal(engineBuildIsStale(root), true, 'never built');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('an installed package (no source beside dist) is never rebuilt', () => {
  const root = engineTree();
  try {
    rmSync(join(root, 'ts'), { recursive: true });
    rmSync(join(root, 'dist/index.js'));
    assert.equal(engineBuildIsStale(root), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('with the source condition (as the test suites run), dist is not in use and never rebuilt', () => {
  assert.equal(resolvesEngineSource([], '--conditions=@tana/source'), true);
  assert.equal(resolvesEngineSource(['--conditions', '@tana/source'], ''), true);
  assert.equal(resolvesEngineSource(['-C=@tana/source'], '--max-old-space-size=4096'), true);
  assert.equal(resolvesEngineSource([], '--max-old-space-size=4096'), false);
  assert.equal(resolvesEngineSource([], ''), false);
});
