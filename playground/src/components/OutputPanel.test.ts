// Component test: OutputPanel rendered with Svelte's server renderer (no browser needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { compile } from 'svelte/compiler';
import { render } from 'svelte/server';
import { failedOutcome, type Outcome } from '@tana/engine';

async function loadComponent(name: string) {
  const source = new URL(`./${name}.svelte`, import.meta.url);
  const { js } = compile(readFileSync(source, 'utf8'), { generate: 'server', filename: source.pathname });
  // Beside the source, so its relative imports resolve; removed right after loading.
  const compiled = new URL(`./.${name}.${process.pid}.test-build.js`, import.meta.url);
  writeFileSync(compiled, js.code);
  try {
    return (await import(compiled.href)).default;
  } finally {
    rmSync(compiled);
  }
}

const OutputPanel = await loadComponent('OutputPanel');

test('a successful run shows status, gas, console, value and diff', () => {
  const outcome: Outcome = {
    ok: true,
    value: { paid: 25 },
    error: null,
    diff: { set: { 'paid:alice': 25 }, deleted: ['old'], transfers: [] },
    logs: [{ level: 'log', message: 'hello <b>' }],
    gasUsed: 579,
    fetches: [],
  };
  const { body } = render(OutputPanel, { props: { outcome, runMs: 12.34 } });
  assert.match(body, /✓ ok · gas <span data-testid="gas">579<\/span>/);
  assert.match(body, / · 12\.3 ms/);
  assert.match(body, /hello &lt;b>/, 'console output is escaped');
  assert.match(body, /&quot;paid:alice&quot;: 25|"paid:alice": 25/);
  assert.match(body, /"old"|&quot;old&quot;/);
});

test('a failure shows its code, message and line, and no value', () => {
  const outcome = { ...failedOutcome('ContractError', 'Error: nope'), error: { code: 'ContractError' as const, message: 'Error: nope', line: 3, column: 7 } };
  const { body } = render(OutputPanel, { props: { outcome } });
  assert.match(body, /✗ ContractError/);
  assert.match(body, /\(<button[^>]*data-testid="error-link"[^>]*>line 3:7<\/button>\)/, 'the line links into the editor');
  assert.doesNotMatch(body, /data-testid="value"/);
  assert.match(body, /nothing logged/);
});

test("a user's Stop is titled Stopped, whether the engine says Stopped or the sandbox says Timeout", () => {
  for (const code of ['Stopped', 'Timeout']) {
    const { body } = render(OutputPanel, { props: { outcome: failedOutcome(code as never, 'the run was stopped') } });
    assert.match(body, /✗ Stopped/, code);
  }
});

test('before any run it explains what will appear', () => {
  assert.match(render(OutputPanel, { props: {} }).body, /Run the contract/);
});
