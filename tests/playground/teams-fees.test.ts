// The Ledger tab on a chain that charges fees and deposits, in Chromium against a real ledger: a
// profile, a team created and funded, acting for it (deploy, transfer), the fee in the sign box before
// anything is signed (the one the ledger then charges), a call's deposit, and profiles where ids are.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { FREE, formatAmount } from '@tana/engine';
import { launchChromium } from '../support/chromium.ts';
import { visual as visualTest } from '../support/visual.ts';
import { createUser, startTestLedger, type TestLedger } from '../support/ledger.ts';
import { servePlayground } from '../../cli/src/playground.ts';

const fees = { ...FREE, currency: 'USD', gasPrice: '1', depositPerByte: '10' };

describe('playground: teams, profiles and fees', () => {
  let ledger: TestLedger;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const $ = (id: string) => page.locator(`[data-testid="${id}"]`);
  const text = async (id: string) => (await $(id).first().textContent()) ?? '';

  async function waitForOutbox(status: string, count: number) {
    await page.waitForFunction(([s, n]) => document.querySelectorAll(`[data-testid="outbox-${s}"]`).length >= Number(n), [status, count] as const, { timeout: 30_000 });
  }

  /** What the ledger charged alice's (or her team's) last transaction, as the sign box shows money. */
  async function lastFee(): Promise<string> {
    const [last] = (await ledger.client.transactions({ sender: 'alice', limit: 1 })).transactions;
    return `${formatAmount(last!.result.fee!.amount, 2)} USD`;
  }

  /** Checks the sign box names a fee, signs, and waits for the transaction's commit. */
  async function signShownFee(committed: number): Promise<string> {
    await page.waitForSelector('[data-testid="sign-fee"]');
    const shown = await text('sign-fee');
    assert.match(shown, /^Fee \d+\.\d{2} USD \(\d+ gas × 1\)/);
    await $('sign-pending').click();
    await waitForOutbox('committed', committed);
    assert.ok(shown.includes(await lastFee()), `the fee shown (${shown}) is the fee charged (${await lastFee()})`);
    return shown;
  }

  before(async () => {
    ledger = await startTestLedger({ extend: servePlayground, workers: 1, chain: { fees }, faucet: { amount: '100000000', currency: 'USD' } });
    await createUser(ledger, 'bob');
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${ledger.url}/`);
    await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
    if (await $('guide-close').count()) await $('guide-close').click();
    await $('file-counter').click();
    await $('tab-ledger').click();
  });
  after(async () => {
    await browser?.close();
    await ledger?.dispose();
  });

  const visual = (name: string, body: () => Promise<void>) => visualTest(() => page, name, body);

  test(
    'registering is free; a profile costs a fee, shown in the sign box before signing, and shows where the id is',
    visual('fees-profile', async () => {
      await $('new-user-id').fill('alice');
      await $('create-key').click();
      await $('register').click(); // free: no sign box, straight to the outbox
      await waitForOutbox('committed', 1);
      await page.waitForSelector('[data-testid="edit-profile"]');
      await $('edit-profile').click();
      await $('profile-username').fill('Alice!');
      assert.match(await text('profile-problem'), /username is 3–32/);
      assert.equal(await $('save-profile').isDisabled(), true);
      await $('profile-username').fill('alice_pg');
      await $('profile-name').fill('Alice P');
      await $('save-profile').click();
      assert.equal(await $('outbox-committed').count(), 1, 'nothing is signed until the fee was seen');
      await signShownFee(2);
      await page.waitForFunction(() => document.querySelector('[data-testid="profile-label"]')?.textContent === 'Alice P (@alice_pg)');
      assert.equal((await ledger.client.user('alice')).username, 'alice_pg');
    }),
  );

  test(
    'a team: created, funded, listed with its role',
    visual('fees-team', async () => {
      await $('new-team-id').fill('pgteam');
      await $('create-team').click();
      await signShownFee(3);
      await page.waitForFunction(() => document.querySelector('[data-testid="teams"]')?.textContent?.includes('pgteam · owner'));
      await $('transfer-to').fill('pgteam');
      await $('transfer-amount').fill('5000000');
      await $('transfer').click();
      assert.match(await text('sign-box'), /5000000 USD from alice to pgteam/);
      await signShownFee(4);
      assert.equal((await ledger.client.balance('pgteam', 'USD')).amount, '5000000');
    }),
  );

  test(
    'acting for the team: a deploy it owns and a transfer of its money, each fee paid by the team',
    visual('fees-act', async () => {
      await $('act-for').selectOption('pgteam');
      await page.waitForFunction(() => document.querySelector('[data-testid="deploy"]')?.textContent?.includes('for pgteam'));
      await $('deploy').click();
      assert.match(await text('sign-box'), /'counter' for team pgteam[\s\S]*paid by pgteam/);
      await signShownFee(5);
      assert.equal((await ledger.client.contract('counter')).owner, 'pgteam');

      const before = BigInt((await ledger.client.balance('pgteam', 'USD')).amount);
      await $('transfer-to').fill('bob');
      await $('transfer-amount').fill('700');
      await $('transfer').click();
      assert.match(await text('sign-box'), /700 USD from pgteam to bob/);
      await signShownFee(6);
      const [sent] = (await ledger.client.transactions({ sender: 'alice', limit: 1 })).transactions;
      assert.equal(sent!.result.fee!.payer, 'pgteam');
      assert.equal(BigInt((await ledger.client.balance('pgteam', 'USD')).amount), before - 700n - BigInt(sent!.result.fee!.amount));
      assert.equal((await ledger.client.balance('bob', 'USD')).amount, '100000700');
      await $('act-for').selectOption('');
    }),
  );

  test(
    'a call’s sign box shows its fee and the deposit for the state it keeps; the ledger charges both',
    visual('fees-call', async () => {
      await $('prepare').click();
      await page.waitForSelector('[data-testid="sign-diff"]');
      assert.match(await text('sign-fee'), /^Fee \d+\.\d{2} USD \(\d+ gas × 1\)/);
      // 'counter' = 1: 7 + 1 bytes at 10 cents each.
      assert.equal(await text('sign-deposit'), '0.80 USD for 8 more bytes of state');
      await $('sign').click();
      await waitForOutbox('committed', 7);
      const [call] = (await ledger.client.transactions({ sender: 'alice', limit: 1 })).transactions;
      assert.equal(call!.result.deposit?.amount, '80');
    }),
  );

  test('profiles are shown where ids are: the Explore tab’s senders', async () => {
    await $('tab-explore').click();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="tx-sender"]'), (e) => e.textContent).includes('Alice P (@alice_pg)'));
    assert.deepEqual(errors, []);
  });
});
