// The playground end to end, in Debian's Chromium against a real ledger this test starts (which
// also serves the built playground, as `tana start` does): examples, sign and submit, reload,
// offline queue, conflict and re-sign, audit, share links, errors with lines, Stop.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadEngine } from '@tana/engine';
import { callContract } from '../../ledger/src/client/index.ts';
import { launchChromium } from '../support/chromium.ts';
import { visual as visualTest } from '../support/visual.ts';
import { createUser, startTestLedger, type TestLedger } from '../support/ledger.ts';
import { examples } from '../support/requests.ts';
import { servePlayground } from '../../cli/src/playground.ts';

const screenshot = new URL('../../docs/playground.png', import.meta.url);
const screenshotDark = new URL('../../docs/playground-dark.png', import.meta.url);
const screenshotPhone = new URL('../../docs/playground-phone.png', import.meta.url);
// axe-core, pinned in package.json, injected into the page.
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

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

  /** How many runs the app has finished and stored (its `data-runs`). */
  async function runsDone(): Promise<number> {
    return Number(await page.locator('[data-testid="app"]').getAttribute('data-runs'));
  }

  /** Waits until a run after the first `before` ones has finished and been stored. */
  async function waitRunsAbove(before: number, timeout = 30_000) {
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-runs')) > n, before, { timeout });
  }

  async function runAndWait() {
    const before = await runsDone();
    await $('run').click();
    await waitRunsAbove(before);
  }

  const visual = (name: string, body: () => Promise<void>) => visualTest(() => page, name, body);

  async function outboxCount(status: string) {
    return page.locator(`[data-testid="outbox-${status}"]`).count();
  }

  async function waitForOutbox(status: string, count: number) {
    await page.waitForFunction(([s, n]) => document.querySelectorAll(`[data-testid="outbox-${s}"]`).length >= Number(n), [status, count] as const, { timeout: 30_000 });
  }

  before(async () => {
    ledger = await startTestLedger({ extend: servePlayground, workers: 1 });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 820 }, permissions: ['clipboard-read', 'clipboard-write'] });
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await open();
  });
  after(async () => {
    await browser?.close();
    await ledger?.dispose();
  });

  async function newFileWith(code: string) {
    const previous = await text('file-name');
    await $('new-file').click();
    await page.waitForFunction((p) => {
      const name = document.querySelector('[data-testid="file-name"]')?.textContent ?? '';
      return name !== p && /^untitled/.test(name);
    }, previous);
    await page.waitForFunction(() => (window as never as { __tanaEditor: { getValue(): string } }).__tanaEditor.getValue().includes("console.log('hello')"));
    const name = await text('file-name');
    await page.evaluate((c) => (window as never as { __tanaEditor: { setValue(v: string): void } }).__tanaEditor.setValue(c), code);
    return name;
  }

  test('first visit: a short guide says what Tana is and walks run → sign → submit; dismissed, it stays away', async () => {
    await page.waitForSelector('[data-testid="guide"]');
    assert.match(await text('guide'), /Run a contract here/);
    await $('guide-next').click();
    assert.match(await text('guide'), /key/);
    await $('guide-close').click();
    assert.equal(await $('guide').count(), 0);
    await page.reload();
    await page.waitForSelector('[data-ready="true"]');
    assert.equal(await $('guide').count(), 0);
    await $('tab-output').click();
  });

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
        assert.deepEqual(
          lines,
          expect.logs.map((l) => l.message),
          name,
        );
      }
      if (expect.diff) assert.deepEqual(JSON.parse(await text('diff')), expect.diff, name);
      if (expect.ok && expect.diff && Object.keys((expect.diff as { set: object }).set).length) {
        await $('tab-storage').click();
        await page.waitForSelector('[data-testid="staged"] pre');
        const staged = await page.evaluate(() =>
          Object.fromEntries(
            Array.from(document.querySelectorAll('[data-testid="staged"] tr')).map((tr) => [tr.querySelector('code')?.textContent, JSON.parse(tr.querySelector('pre')?.textContent ?? 'null')]),
          ),
        );
        for (const [key, value] of Object.entries((expect.diff as { set: object }).set)) assert.deepEqual(staged[key], value, `${name}: ${key} staged`);
        await $('tab-output').click();
      }
    }
    assert.deepEqual(errors, []);
  });

  test('Ctrl+Enter in the editor runs the contract', async () => {
    await $('file-storage').click();
    const before = await runsDone();
    await page.locator('[data-testid="editor"] .monaco-editor textarea').focus();
    await page.keyboard.press('Control+Enter');
    await waitRunsAbove(before);
  });

  /** Diagnostics of the model in the editor, asked of Monaco's TypeScript worker itself (not waited for as markers). */
  async function diagnostics(): Promise<string[]> {
    return page.evaluate(async () => {
      const w = window as never as {
        __tanaEditor: { getModel(): { uri: { toString(): string } } };
        __tanaTypeScript: () => Promise<
          (uri: unknown) => Promise<{ getSyntacticDiagnostics(f: string): Promise<{ messageText: unknown }[]>; getSemanticDiagnostics(f: string): Promise<{ messageText: unknown }[]> }>
        >;
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
    for (const name of ['get', 'set', 'keys'])
      assert.ok(
        labels.some((l) => l.startsWith(name)),
        `${name} in ${labels.join(', ')}`,
      );
    await page.keyboard.press('Escape');
    await page.keyboard.type('set(');
    await page.locator('.parameter-hints-widget').filter({ hasText: 'key: string' }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    const actions = await page.evaluate(() => (window as never as { __tanaEditor: { getSupportedActions(): { id: string }[] } }).__tanaEditor.getSupportedActions().map((a) => a.id));
    for (const id of [
      'actions.find',
      'editor.action.startFindReplaceAction',
      'editor.action.formatDocument',
      'editor.action.showHover',
      'editor.action.triggerParameterHints',
      'editor.action.quickCommand',
    ]) {
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

    await page.evaluate(() =>
      (window as never as { __tanaEditor: { setValue(v: string): void } }).__tanaEditor.setValue("import { console } from 'tana:core'\nconsole.log('a', Math.max(1,\n\nconst b = 2\n"),
    );
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
    const before = await runsDone();
    await $('run').click();
    await page.waitForSelector('[data-testid="stop"]:enabled'); // the run has started
    await $('stop').click();
    // The stopped run counts once its outcome is stored; the next run's count must start after it.
    await waitRunsAbove(before, 10_000);
    assert.match(await text('status'), /Stopped/);
    assert.match(await text('error'), /Stopped: you stopped the run/);

    await page.evaluate(() => (window as never as { __tanaEditor: { setValue(v: string): void } }).__tanaEditor.setValue('let i = 0\nwhile (true) i++\n'));
    await runAndWait();
    assert.match(await text('error'), /OutOfGas: .*10,000,000 gas/);
  });

  test('the call form: one typed field per parameter of the exported function, beside the raw input', async () => {
    await newFileWith("export function add(a: number, b: number, label?: string) {\n  return (label ?? 'sum') + ': ' + (a + b)\n}\n");
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="function"] option')).some((o) => o.textContent === 'add(a, b, label)'));
    await $('function').selectOption('add');
    assert.equal(await $('arg-a').getAttribute('type'), 'number');
    await $('arg-a').fill('2');
    await $('arg-b').fill('40');
    await $('arg-label').fill('answer');
    await runAndWait();
    assert.equal(JSON.parse(await text('value')), 'answer: 42');
    // The call is the file's: the arguments the form made are kept with it.
    await $('file-counter').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="function"]') as HTMLSelectElement | null)?.value === '');
  });

  test(
    'make a key, register, deploy, sign the shown diff, submit, and see the block',
    visual('sign', async () => {
      await $('file-counter').click();
      await $('tab-ledger').click();
      await $('register').click();
      await waitForOutbox('committed', 1);
      await page.waitForFunction(
        () => document.querySelector('[data-testid="key"]')?.textContent?.includes('registered') && !document.querySelector('[data-testid="key"]')?.textContent?.includes('not registered'),
      );
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
    }),
  );

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

  test(
    'offline: a signed call waits in the queue and is committed when the ledger is back',
    visual('offline', async () => {
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
    }),
  );

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

  test(
    'offline for real: ledger stopped, page reloaded with no network; two calls queue on each other and commit in order after reconnecting',
    visual('offline-real', async () => {
      await page.waitForSelector('[data-offline-ready="true"]', { timeout: 30_000 });
      await $('file-counter').click();
      await $('tab-ledger').click();
      await $('sync').click();
      await page.waitForSelector('[data-testid="sync-report"]');
      const before = (await ledger.client.state('counter')).state.counter as number;
      const committedBefore = await outboxCount('committed');
      const port = Number(new URL(ledger.url).port);
      const dataDir = ledger.dataDir;
      await ledger.close();
      await context.setOffline(true);
      try {
        await page.reload();
        await page.waitForSelector('[data-ready="true"][data-editor-ready="true"]', { timeout: 30_000 });
        await page.waitForFunction(() => ['offline', 'unreachable'].includes(document.querySelector('[data-testid="connection"]')?.getAttribute('data-state') ?? ''));
        await runAndWait(); // the engine runs with no network
        await $('tab-ledger').click();
        await page.waitForSelector('[data-testid="ledger-offline"]');
        for (const n of [1, 2]) {
          await $('prepare').click();
          await page.waitForSelector('[data-testid="sign-diff"]');
          assert.deepEqual(JSON.parse(await text('sign-diff')).set, { counter: before + n }, 'each call runs on the calls queued before it');
          await $('sign').click();
          await waitForOutbox('queued', n);
        }
      } finally {
        ledger = await startTestLedger({ extend: servePlayground, workers: 1, dataDir, port });
        await context.setOffline(false);
      }
      await page.evaluate(() => dispatchEvent(new Event('online')));
      await waitForOutbox('committed', committedBefore + 2);
      assert.equal(await outboxCount('queued'), 0);
      assert.equal(await outboxCount('conflict'), 0);
      assert.deepEqual((await ledger.client.state('counter')).state, { counter: before + 2 });
      await page.waitForSelector('[data-testid="connection"][data-state="online"]');
      assert.equal(await $('ledger-problem').count(), 0, 'no stale error once the ledger is back');
    }),
  );

  test('sync never discards staging without asking', async () => {
    await $('file-counter').click();
    await runAndWait(); // stages counter + 1
    const bob = await createUser(ledger, 'bob2');
    await callContract(ledger.client, await loadEngine(), { contractId: 'counter', sender: 'bob2', privateKey: bob.privateKey });
    await $('tab-ledger').click();
    await $('sync').click();
    await page.waitForSelector('[data-testid="staging-stale"]');
    await $('keep-staging').click();
    await $('tab-storage').click();
    await page.waitForSelector('[data-testid="staged"] pre');
    page.once('dialog', (dialog) => void dialog.accept());
    await $('reset-staging').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="staged"]')?.textContent?.includes('no staged changes'));
  });

  test('Explore: a transaction opens to its signed diff, logs, gas and proof; a block to its hashes; any hash copies', async () => {
    await $('tab-explore').click();
    await page.waitForSelector('[data-testid="tx-open"]');
    const call = page.locator('[data-testid="tx"]').filter({ hasText: 'call by' }).first();
    await call.locator('[data-testid="tx-open"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="tx-proof"]')?.textContent?.startsWith('✓'));
    assert.ok(JSON.parse(await text('tx-diff')).set.counter > 0);
    assert.ok(Number(await text('tx-gas')) > 0);
    await call.locator('[data-testid="copy"]').first().click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^[0-9a-f]{64}$/);
    await page.locator('[data-testid="block-open"]').first().click();
    assert.match(await text('block-detail'), /State root/);
  });

  test('audit re-executes a committed call in the browser and finds the same outcome', async () => {
    await $('tab-explore').click();
    await page.waitForSelector('[data-testid="audit"]');
    await $('audit').first().click();
    await page.waitForSelector('[data-testid="audit-ok"], [data-testid="audit-bad"], [data-testid="audit-note"]', { timeout: 20_000 });
    assert.equal(await page.locator('[data-testid="audit-ok"]').count(), 1, (await page.locator('[data-testid="transactions"]').textContent()) ?? '');
    assert.ok((await page.locator('[data-testid="blocks"] li').count()) > 0);
  });

  test('a share link carries the code and opens it as a file', async () => {
    await $('file-pay').click();
    await $('tab-settings').click();
    await $('share').click();
    const link = await $('share-link').inputValue();
    assert.match(link, /#name=pay&contract=pay&.*code=/);
    const other = await context.newPage();
    await other.goto(link).catch((error) => assert.fail(`opening the share link: ${error.message.split('\n')[0]}`));
    await other.waitForSelector('[data-ready="true"][data-editor-ready="true"]');
    await other.waitForFunction(() => '__tanaEditor' in window);
    assert.match((await other.locator('[data-testid="file-name"]').textContent()) ?? '', /^pay-2/);
    const code = await other.evaluate(() => (window as never as { __tanaEditor: { getValue(): string } }).__tanaEditor.getValue());
    assert.match(code, /tx\.transfer/);
    await other.close();
  });

  test('a share link pasted into an open tab opens; a damaged one says so; an unreachable ?import= names its URL', async () => {
    await $('file-pay').click();
    await $('tab-settings').click();
    await $('share').click();
    const link = await $('share-link').inputValue();
    await page.evaluate((hash) => (location.hash = hash), new URL(link).hash);
    await page.waitForFunction(() => /^pay-\d/.test(document.querySelector('[data-testid="file-name"]')?.textContent ?? ''));
    assert.match(await text('notice'), /Opened the shared contract pay/);
    assert.equal(await page.evaluate(() => location.hash), '');

    await page.evaluate(() => (location.hash = 'name=broken&code=AAAAAAAA'));
    await page.waitForFunction(() => /share link is damaged/.test(document.querySelector('[data-testid="notice"]')?.textContent ?? ''));
    assert.equal(await page.evaluate(() => location.hash), '', 'the damaged link is cleared from the address bar');

    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(`${ledger.url}/?import=${encodeURIComponent('http://127.0.0.1:9/contract.ts')}`);
    await other.waitForSelector('[data-ready="true"]');
    assert.match((await other.locator('[data-testid="notice"]').textContent()) ?? '', /could not import http:\/\/127\.0\.0\.1:9\/contract\.ts/);
    await fresh.close();
  });

  test("an engine's worker that cannot load says so, instead of loading for ever", async () => {
    const fresh = await browser.newContext();
    // The worker's script is missing: the page's head starts it and it fails before the app adopts it, or after.
    await fresh.route(/\/_astro\/sandbox-worker[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    const other = await fresh.newPage();
    await other.goto(`${ledger.url}/`);
    await other.waitForFunction(() => /The engine did not load/.test(document.querySelector('[data-testid="notice"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    assert.match((await other.locator('[data-testid="notice"]').textContent()) ?? '', /worker failed: its script could not be loaded/);
    await fresh.close();
  });

  test('a key file with bad key bytes is refused, saying why; a good one is checked against the ledger', async () => {
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(`${ledger.url}/`);
    await other.waitForSelector('[data-ready="true"]');
    await other.locator('[data-testid="tab-ledger"]').click();
    const file = (content: object) => ({ name: 'k.tana-key.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content)) });
    await other.locator('[data-testid="import-key"]').setInputFiles(file({ id: 'mallory', privateKey: 'zz'.repeat(48) }));
    await other.waitForSelector('[data-testid="ledger-problem"]');
    assert.match((await other.locator('[data-testid="ledger-problem"]').textContent()) ?? '', /not an ed25519 key/);
    assert.equal(await other.locator('[data-testid="key"]').count(), 0);
    await fresh.close();
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
    assert.match((await other.locator('[data-testid="key"]').textContent()) ?? '', new RegExp(`alice ${keyFile.publicKey.slice(0, 16)}.*· registered`));
    assert.match((await other.locator('[data-testid="ledger-info"]').textContent()) ?? '', /the ledger knows this user with this key/);
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

  /** Tab (or Shift+Tab) until the element with this test id has the focus, leaving Monaco by its documented way (Ctrl+M). */
  async function tabTo(id: string, key: 'Tab' | 'Shift+Tab' = 'Tab') {
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press(key);
      const at = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const style = el ? getComputedStyle(el) : undefined;
        return { id: el?.dataset.testid ?? '', inEditor: !!el?.closest('.monaco-editor'), outline: !!style && style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0 };
      });
      if (at.inEditor) {
        const tabMovesFocus = (await text('tab-focus')).endsWith('on');
        if (!tabMovesFocus) await page.keyboard.press('Control+m');
        continue;
      }
      if (at.id === id) {
        assert.ok(at.outline, `${id} shows that it has the focus`);
        return;
      }
    }
    assert.fail(`${id} cannot be reached with ${key}`);
  }

  test('keyboard only: pick a file, run, sign and submit — every stop has a visible focus, and Ctrl+M leads out of the editor', async () => {
    const code = await page.evaluate(() => (window as never as { __tanaEditor: { getValue(): string } }).__tanaEditor.getValue());
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo('file-counter');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="file-name"]')?.textContent?.startsWith('counter'));
    const runsBefore = await runsDone();
    await tabTo('run', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await waitRunsAbove(runsBefore);
    await tabTo('tab-ledger');
    await page.keyboard.press('Enter');
    const committed = await outboxCount('committed');
    await tabTo('prepare');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="sign-diff"]');
    await tabTo('sign');
    await page.keyboard.press('Enter');
    await waitForOutbox('committed', committed + 1);
    const counter = await page.evaluate(() => (window as never as { __tanaEditor: { getValue(): string } }).__tanaEditor.getValue());
    assert.ok(counter.length > 0 && !code.includes('\t\t\t'), 'Tab did not indent the contract on the way through');
    await page.evaluate(() => (window as never as { __tanaEditor: { trigger(s: string, id: string): void } }).__tanaEditor.trigger('test', 'editor.action.toggleTabFocusMode'));
  });

  async function axeViolations(): Promise<{ id: string; impact: string; nodes: number; help: string }[]> {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
    return page.evaluate(async () => {
      const axe = (window as never as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[]; help: string }[] }> } }).axe;
      const { violations } = await axe.run(document, { resultTypes: ['violations'] });
      return violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.length,
        help: `${v.help}: ${(v.nodes as { target: string[]; failureSummary: string }[]).map((n) => `${n.target.join(' ')} — ${n.failureSummary}`).join('; ')}`,
      }));
    });
  }

  test('axe-core finds no critical or serious violation on any view, light and dark', async () => {
    await $('file-counter').click();
    await $('tab-output').click();
    await runAndWait();
    const found: string[] = [];
    for (const theme of ['light', 'dark']) {
      if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await $('theme').click();
      for (const tab of ['output', 'storage', 'ledger', 'explore', 'settings']) {
        await $(`tab-${tab}`).click();
        await page.waitForSelector(`[data-testid="tab-${tab}"][aria-selected="true"]`);
        for (const v of await axeViolations()) if (v.impact === 'critical' || v.impact === 'serious') found.push(`${theme}/${tab}: ${v.impact} ${v.id} (${v.nodes}): ${v.help}`);
      }
    }
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== 'light') await $('theme').click();
    assert.deepEqual(found, []);
  });

  test('screenshots for the README: light and dark', async () => {
    await $('file-counter').click();
    await $('tab-output').click();
    await runAndWait();
    mkdirSync(new URL('.', screenshot), { recursive: true });
    await page.screenshot({ path: screenshot.pathname });
    await $('theme').click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await page.screenshot({ path: screenshotDark.pathname });
    await $('theme').click();
    assert.deepEqual(errors, []);
  });

  test('a phone (390 px): views stacked, Run always visible and clickable, no sideways scroll; axe-clean there too', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const small = await phone.newPage();
    try {
      await small.goto(`${ledger.url}/`);
      await small.waitForSelector('[data-ready="true"][data-editor-ready="true"]', { timeout: 30_000 });
      const guide = small.locator('[data-testid="guide-close"]');
      if (await guide.count()) await guide.click();
      const noSidewaysScroll = () => small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth && document.body.scrollWidth <= window.innerWidth);
      for (const view of ['files', 'code', 'panel']) {
        await small.locator(`[data-testid="view-${view}"]`).click();
        assert.ok(await noSidewaysScroll(), `no horizontal scroll in the ${view} view`);
        const run = await small.locator('[data-testid="run"]').boundingBox();
        assert.ok(run && run.x >= 0 && run.x + run.width <= 390 && run.y >= 0 && run.y + run.height <= 844, `Run is on screen in the ${view} view`);
      }
      await small.locator('[data-testid="view-files"]').click();
      await small.locator('[data-testid="file-counter"]').click();
      await small.waitForSelector('[data-testid="editor"]');
      const editorBox = await small.locator('[data-testid="editor"]').boundingBox();
      assert.ok(editorBox && editorBox.width >= 370, `the editor is as wide as the phone (${editorBox?.width} px)`);
      const tabs = await small.locator('[data-testid="tab-output"]').boundingBox();
      assert.equal(tabs, null, 'the panel is a view of its own');
      await small.locator('[data-testid="run"]').click();
      await small.waitForFunction(() => Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-runs')) >= 1);
      await small.waitForSelector('[data-testid="status"]'); // Run shows the output view
      for (const label of ['Output', 'Storage', 'Ledger', 'Explore', 'Settings']) {
        const tab = await small.getByRole('tab', { name: label }).boundingBox();
        assert.ok(tab && tab.width > 20, `${label} tab is readable`);
      }
      assert.ok(await noSidewaysScroll());
      await small.screenshot({ path: screenshotPhone.pathname });
      await small.addScriptTag({ path: AXE });
      const serious = await small.evaluate(async () => {
        const axe = (window as never as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
        return (await axe.run(document, { resultTypes: ['violations'] })).violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => v.id);
      });
      assert.deepEqual(serious, []);
    } finally {
      await phone.close();
    }
  });
});
