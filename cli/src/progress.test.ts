import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startProgress } from './progress.ts';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, columns: 40, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
}

test('on a terminal: one line rewritten in place, cut to its width, cleared at the end', () => {
  const { written, stream: tty } = stream(true);
  const progress = startProgress(tty);
  progress.update('verified block 1 of 10');
  progress.update(`verified block 2 of 10 ${'x'.repeat(60)}`);
  progress.done();
  assert.deepEqual(written.slice(0, 1), ['\r\x1b[2K… verified block 1 of 10']);
  assert.ok(written[1]!.startsWith('\r\x1b[2K… verified block 2 of 10') && written[1]!.length <= '\r\x1b[2K'.length + 39);
  assert.equal(written.at(-1), '\r\x1b[2K');
  assert.ok(
    written.every((text) => !text.includes('\n')),
    'never a new line',
  );
});

test('not on a terminal: nothing at all', () => {
  const { written, stream: pipe } = stream(false);
  const progress = startProgress(pipe);
  progress.update('verified block 1 of 10');
  progress.done();
  assert.deepEqual(written, []);
});
