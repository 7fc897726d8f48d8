// The playground end to end, in Debian's Chromium against a real ledger this test starts (which
// also serves the built playground, as `tana start` does): examples, sign and submit, reload,
// offline queue, conflict and re-sign, audit, share links, errors with lines, Stop.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadEngine } from '@tana/engine';
import { callContract } from '../../ledger/src/client/index.ts';
import { launchChromium } from '../support/chromium.ts';
import { createUser, startTestLedger, type TestLedger } from '../support/ledger.ts';
import { examples } from '../support/requests.ts';
import { servePlayground } from '../../cli/src/playground.ts';

const screenshot = new URL('../../docs/playground.png', import.meta.url);

describe('playground in Chromium', () => {
  let ledger: TestLedger;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  const $ = (id: string) => page.locator(`[data-testid="${id}"]`);
  const text = async (id: string) => (await $(id).textContent()) ?? '';

  async function open(url = `${ledger.url}/`) {
    await page.goto(url);
    await page.waitForSelector('[data-ready="true"][data-editor-ready="true"]', { timeout: 30_000 });
    await page.waitForFunction(() => '__tanaEditor' in window);
  }

  async function runAndWait() {
    const before = Number(await page.locator('[data-testid="app"]').getAttribute('data-runs'));
    await $('run').click();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-runs')) > n, before, { timeout: 30_000 });
  }

  /** A test body that leaves a screenshot in the system temp directory when it fails. */
  function visual(name: string, body: () => Promise<void>) {
    return async () => {
      try {
        await body();
      } catch (error) {
        await page.screenshot({ path: `${tmpdir()}/tana-e2e-${name}.png` }).catch(() => undefined);
        throw error;
      }
    };
  }

  async function outboxCount(status: string) {
    return page.locator(`[data-testid="outbox-${status}"]`).count();
  }

  async function waitForOutbox(status: string, count: number) {
    await page.waitForFunction(([s, n]) => document.querySelectorAll(`[data-testid="outbox-${s}"]`).length >= Number(n), [status, count] as const, { timeout: 30_000 });
  }

  before(async () => {
    ledger = await startTestLedger({ extend: servePlayground, workers: 1 });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await open();
  });
  after(async () => {
    await browser?.close();
    await ledger?.dispose();
  });

  async function newFileWith(code: string) {
    const count = await page.locator('[data-testid="files"] li').count();
    await $('new-file').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="files"] li').length > n, count);
    await page.waitForFunction(() => /^untitled/.test(document.querySelector('[data-testid="file-name"]')?.textContent ?? ''));
    const name = await text('file-name');
    await page.evaluate((c) => (window as never as { __tanaEditor: { setValue(v: string): void } }).__tanaEditor.setValue(c), code);
    return name;
  }

  test('every example runs in the page: console, staged storage and diff as expected', async () => {
    // The examples are written for a sender called alice: make her key first (local only).
    await $('tab-ledger').click();
    await $('new-user-id').fill('alice');
    await $('create-key').click();
    await page.waitForSelector('[data-testid="key"]');
    await $('tab-output').click();
    for (const example of examples()) {
      const name = example.name.replace(/\.ts$/, '');
      await $(`file-${name}`).click();
      await page.waitForFunction((n) => document.querySelector('[data-testid="file-name"]')?.textContent?.startsWith(n), name);
      await runAndWait();
      const expect = example.spec.expect as { ok: boolean; diff?: unknown; logs?: { message: string }[]; error?: { code: string } };
      assert.equal((await text('status')).startsWith(expect.ok ? '✓ ok' : '✗'), true, `${name}: ${await text('status')}`);
      if (expect.logs) {
        const lines = await $('console').locator('li').allTextContents();
        assert.deepEqual(lines, expect.logs.map((l) => l.message), name);
      }
      if (expect.diff) assert.deepEqual(JSON.parse(await text('diff')), expect.diff, name);
      if (expect.ok && expect.diff && Object.keys((expect.diff as { set: object }).set).length) {
        await $('tab-storage').click();
        await page.waitForSelector('[data-testid="staged"] pre');
        const staged = await page.evaluate(() =>
          Object.fromEntries(Array.from(document.querySelectorAll('[data-testid="staged"] tr')).map((tr) => [tr.querySelector('code')?.textContent, JSON.parse(tr.querySelector('pre')?.textContent ?? 'null')])),
        );
        for (const [key, value] of Object.entries((expect.diff as { set: object }).set)) assert.deepEqual(staged[key], value, `${name}: ${key} staged`);
        await $('tab-output').click();
      }
    }
    assert.deepEqual(errors, []);
  });

  test('Ctrl+Enter in the editor runs the contract', async () => {
    await $('file-storage').click();
    const before = Number(await page.locator('[data-testid="app"]').getAttribute('data-runs'));
    await page.locator('[data-testid="editor"] .monaco-editor textarea').focus();
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-runs')) > n, before);
  });

  /** Diagnostics of the model in the editor, asked of Monaco's TypeScript worker itself (not waited for as markers). */
  async function diagnostics(): Promise<string[]> {
    return page.evaluate(async () => {
      const w = window as never as {
        __tanaEditor: { getModel(): { uri: { toString(): string } } };
        __tanaTypeScript: () => Promise<(uri: unknown) => Promise<{ getSyntacticDiagnostics(f: string): Promise<{ messageText: unknown }[]>; getSemanticDiagnostics(f: string): Promise<{ messageText: unknown }[]> }>>;
      };
      const uri = w.__tanaEditor.getModel().uri;
      const worker = await (await w.__tanaTypeScript())(uri);
      const all = [...(await worker.getSyntacticDiagnostics(uri.toString())), ...(await worker.getSemanticDiagnostics(uri.toString()))];
      return all.map((d) => (typeof d.messageText === 'string' ? d.messageText : JSON.stringify(d.messageText)));
    });
  }

  async function openFile(name: string) {
    await $(`file-${name}`).click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="file-name"]')?.textContent?.startsWith(n), name);
  }

  test('Monaco is a TypeScript editor: every example has zero diagnostics (standard library and tana:* loaded), a misuse has some', async () => {
    for (const example of examples()) {
      const name = example.name.replace(/\.ts$/, '');
      await openFile(name);
      assert.deepEqual(await diagnostics(), [], name);
    }
    await newFileWith("import { data } from 'tana:data'\nimport { nothing } from 'tana:core'\nawait data.set(42)\nconst n: number = parseInt('4') + Math.max(1, 2)\n");
    const messages = (await diagnostics()).join('\n');
    assert.match(messages, /nothing/);
    assert.match(messages, /argument/i);
    assert.doesNotMatch(messages, /parseInt|Math/);
    // …and the editor marks them.
    const errorMarkers = () => {
      const w = window as never as { __tanaEditor: { getModel(): { uri: unknown } }; __tanaMonaco: { editor: { getModelMarkers(f: object): { severity: number }[] } } };
      return w.__tanaMonaco.editor.getModelMarkers({ resource: w.__tanaEditor.getModel().uri }).filter((m) => m.severity === 8).length;
    };
    await page.waitForFunction(`(${errorMarkers})() >= 2`, null, { timeout: 15_000 });
  });

  test('completion after `data.`, hover, signature help, find and the context menu are there', async () => {
    await newFileWith("import { data } from 'tana:data'\n\n");
    await page.evaluate(() => {
      const editor = (window as never as { __tanaEditor: { setPosition(p: object): void; focus(): void } }).__tanaEditor;
      editor.setPosition({ lineNumber: 3, column: 1 });
      editor.focus();
    });
    await page.keyboard.type('data.');
    await page.keyboard.press('Control+Space');
    const suggestions = page.locator('.suggest-widget .monaco-list-row');
    await suggestions.filter({ hasText: 'commit' }).first().waitFor({ timeout: 15_000 });
    const labels = await suggestions.allTextContents();
    for (const name of ['get', 'set', 'keys']) assert.ok(labels.some((l) => l.startsWith(name)), `${name} in ${labels.join(', ')}`);
    await page.keyboard.press('Escape');
    await page.keyboard.type("set(");
    await page.locator('.parameter-hints-widget').filter({ hasText: 'key: string' }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    const actions = await page.evaluate(() => (window as never as { __tanaEditor: { getSupportedActions(): { id: string }[] } }).__tanaEditor.getSupportedActions().map((a) => a.id));
    for (const id of ['actions.find', 'editor.action.startFindReplaceAction', 'editor.action.formatDocument', 'editor.action.showHover', 'editor.action.triggerParameterHints', 'editor.action.quickCommand']) {
      assert.ok(actions.includes(id), `${id} is an action (of ${actions.length}: ${actions.join(' ')})`);
    }
    // Go to definition (F12): from a call to the function's declaration.
    await page.evaluate(() => {
      const editor = (window as never as { __tanaEditor: { setValue(v: string): void; setPosition(p: object): void; focus(): void } }).__tanaEditor;
      editor.setValue('function twice(n: number) {\n  return n * 2\n}\n\nexport default twice(2)\n');
      editor.setPosition({ lineNumber: 5, column: 18 });
      editor.focus();
    });
    await page.keyboard.press('F12');
    await page.waitForFunction(() => (window as never as { __tanaEditor: { getPosition(): { lineNumber: number } } }).__tanaEditor.getPosition().lineNumber === 1, null, { timeout: 10_000 });
    await page.locator('[data-testid="editor"] .view-lines').click({ button: 'right' });
    await page.locator('.context-view .monaco-menu').waitFor({ timeout: 5000 });
    await page.keyboard.press('Escape');
  });

  test('an error shows its code and the contract line, linked into the editor; a syntax error points at the bracket left open', async () => {
    await newFileWith("const a = 1\n\nthrow new Error('broken on purpose')\n");
    await runAndWait();
    assert.match(await text('error'), /ContractError: .*broken on purpose/);
    assert.match(await text('error-line'), /line 3/);
    await $('error-link').click();
    assert.equal(await page.evaluate(() => (window as never as { __tanaEditor: { getPosition(): { lineNumber: number } } }).__tanaEditor.getPosition().lineNumber), 3);

    await page.evaluate(() => (window as never as { __tanaEditor: { setValue(v: string): void } }).__tanaEditor.setValue("import { console } from 'tana:core'\nconsole.log('a', Math.max(1,\n\nconst b = 2\n"));
    await runAndWait();
    assert.match(await text('error'), /ParseError: '\(' is never closed/);
    assert.match(await text('error-line'), /line 2:26/); // Math.max( — the innermost bracket left open

    await page.evaluate(() => (window as never as { __tanaEditor: { setValue(v: string): void } }).__tanaEditor.setValue("import { console } from 'tana:core'\nimport { x } from 'tana:nothing'\n"));
    await runAndWait();
    assert.match(await text('error'), /ModuleNotFound/);
    assert.match(await text('error-line'), /line 2:/);
  });

  test('Stop ends a runaway contract and says Stopped; OutOfGas names its limit', async () => {
    await page.evaluate(() => (window as never as { __tanaEditor: { setValue(v: string): void } }).__tanaEditor.setValue("export default /^(a+)+$/.test('a'.repeat(40) + 'b')\n"));
    await $('run').click();
    await page.waitForSelector('[data-testid="stop"]:enabled'); // the run has started
    await $('stop').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.textContent?.includes('Stopped'), null, { timeout: 10_000 });
    assert.match(await text('error'), /Stopped: you stopped the run/);

    await page.evaluate(() => (window as never as { __tanaEditor: { setValue(v: string): void } }).__tanaEditor.setValue('let i = 0\nwhile (true) i++\n'));
    await runAndWait();
    assert.match(await text('error'), /OutOfGas: .*10,000,000 gas/);
  });

  test('make a key, register, deploy, sign the shown diff, submit, and see the block', visual('sign', async () => {
    await $('file-counter').click();
    await $('tab-ledger').click();
    await $('register').click();
    await waitForOutbox('committed', 1);
    await page.waitForFunction(() => document.querySelector('[data-testid="key"]')?.textContent?.includes('registered') && !document.querySelector('[data-testid="key"]')?.textContent?.includes('not registered'));
    await $('deploy').click();
    await waitForOutbox('committed', 2);
    await $('prepare').click();
    await page.waitForSelector('[data-testid="sign-diff"]');
    assert.deepEqual(JSON.parse(await text('sign-diff')).set, { counter: 1 });
    await $('sign').click();
    await waitForOutbox('committed', 3);
    const height = Number(await page.locator('[data-testid="outbox-committed"] [data-testid="outbox-height"]').first().textContent());
    const block = await ledger.client.block(height);
    assert.equal(block.txIds.length >= 1, true);
    assert.deepEqual((await ledger.client.state('counter')).state, { counter: 1 });
    await $('tab-storage').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="committed"]')?.textContent?.includes('✓ proven'));
    assert.match(await text('committed'), /counter\s*1\s*✓ proven/);
  }));

  test('a reload finds files, keys, the outbox and committed state still there', async () => {
    await page.reload();
    await page.waitForSelector('[data-ready="true"][data-editor-ready="true"]');
    assert.match(await text('file-name'), /^counter/);
    await $('tab-ledger').click();
    assert.match(await text('key'), /alice/);
    assert.equal(await outboxCount('committed'), 3);
    await $('tab-storage').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="committed"]')?.textContent?.includes('✓ proven'), null, { timeout: 10_000 });
  });

  test('offline: a signed call waits in the queue and is committed when the ledger is back', visual('offline', async () => {
    await $('tab-ledger').click();
    await context.setOffline(true);
    try {
      await $('prepare').click();
      await page.waitForSelector('[data-testid="sign-diff"]');
      assert.match(await text('sign-box'), /last synced state/);
      // The outbox tries at once; wait for that attempt to fail rather than for a fixed time.
      const attempted = page.waitForEvent('requestfailed', (request) => request.method() === 'POST' && request.url().endsWith('/transactions'));
      await $('sign').click();
      await waitForOutbox('queued', 1);
      await attempted;
      assert.equal(await outboxCount('queued'), 1, 'still queued while offline');
    } finally {
      await context.setOffline(false);
    }
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await waitForOutbox('committed', 4);
    assert.equal(await outboxCount('queued'), 0);
    assert.deepEqual((await ledger.client.state('counter')).state, { counter: 2 });
  }));

  test('a conflict: re-run on the new state, see the new diff, sign again', async () => {
    await $('prepare').click();
    await page.waitForSelector('[data-testid="sign-diff"]');
    assert.deepEqual(JSON.parse(await text('sign-diff')).set, { counter: 3 });
    // Someone else commits first.
    const bob = await createUser(ledger, 'bob');
    const other = await callContract(ledger.client, await loadEngine(), { contractId: 'counter', sender: 'bob', privateKey: bob.privateKey });
    assert.ok(other.submitted);
    await $('sign').click();
    await waitForOutbox('conflict', 1);
    await $('rerun').click();
    await page.waitForSelector('[data-testid="sign-diff"]');
    assert.deepEqual(JSON.parse(await text('sign-diff')).set, { counter: 4 });
    await $('sign').click();
    await waitForOutbox('committed', 5);
    assert.equal(await outboxCount('conflict'), 0);
    assert.deepEqual((await ledger.client.state('counter')).state, { counter: 4 });
  });

  test('audit re-executes a committed call in the browser and finds the same outcome', async () => {
    await $('tab-explore').click();
    await page.waitForSelector('[data-testid="audit"]');
    await $('audit').first().click();
    await page.waitForSelector('[data-testid="audit-ok"], [data-testid="audit-bad"], [data-testid="audit-note"]', { timeout: 20_000 });
    assert.equal(await page.locator('[data-testid="audit-ok"]').count(), 1, await page.locator('[data-testid="transactions"]').textContent() ?? '');
    assert.ok((await page.locator('[data-testid="blocks"] tr').count()) > 0);
  });

  test('a share link carries the code and opens it as a file', async () => {
    await $('file-pay').click();
    await $('tab-settings').click();
    await $('share').click();
    const link = await $('share-link').inputValue();
    assert.match(link, /#name=pay&code=/);
    const other = await context.newPage();
    await other.goto(link).catch((error) => assert.fail(`opening the share link: ${error.message.split('\n')[0]}`));
    await other.waitForSelector('[data-ready="true"][data-editor-ready="true"]');
    await other.waitForFunction(() => '__tanaEditor' in window);
    assert.match((await other.locator('[data-testid="file-name"]').textContent()) ?? '', /^pay-2/);
    const code = await other.evaluate(() => (window as never as { __tanaEditor: { getValue(): string } }).__tanaEditor.getValue());
    assert.match(code, /tx\.transfer/);
    await other.close();
  });

  test('a key exported here and imported in a fresh browser signs as the same user', async () => {
    await $('tab-ledger').click();
    const [download] = await Promise.all([page.waitForEvent('download'), $('export-key').click()]);
    const keyFile = JSON.parse(readFileSync(await download.path(), 'utf8')) as { id: string; publicKey: string; privateKey: string };
    assert.equal(keyFile.id, 'alice');
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(`${ledger.url}/`);
    await other.waitForSelector('[data-ready="true"]');
    await other.locator('[data-testid="tab-ledger"]').click();
    await other.locator('[data-testid="import-key"]').setInputFiles({ name: 'alice.tana-key.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(keyFile)) });
    await other.waitForSelector('[data-testid="key"]');
    assert.match((await other.locator('[data-testid="key"]').textContent()) ?? '', new RegExp(`alice ${keyFile.publicKey.slice(0, 16)}`));
    await fresh.close();
  });

  test('a bug bundle carries code, pre-state and outcome, and opens as a new file with that state staged', async () => {
    await $('file-counter').click();
    await runAndWait();
    await $('tab-settings').click();
    const [download] = await Promise.all([page.waitForEvent('download'), $('export-bundle').click()]);
    const bundle = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(bundle.format, 'tana-bug-bundle');
    assert.match(bundle.code, /Counter:/);
    assert.equal(bundle.outcome.ok, true);
    assert.equal(typeof bundle.preState.counter, 'number');
    await $('import-bundle').setInputFiles({ name: 'bug.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle)) });
    await page.waitForFunction(() => /^counter-bug/.test(document.querySelector('[data-testid="file-name"]')?.textContent ?? ''));
    await $('tab-storage').click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="staged"]')?.textContent?.includes(String(n)), bundle.preState.counter);
  });

  test('dark theme and a screenshot for the README', async () => {
    await $('file-counter').click();
    await $('tab-output').click();
    await runAndWait();
    mkdirSync(new URL('.', screenshot), { recursive: true });
    await page.screenshot({ path: screenshot.pathname });
    await $('theme').click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await $('theme').click();
    assert.deepEqual(errors, []);
  });
});
