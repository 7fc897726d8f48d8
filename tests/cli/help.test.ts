// Every tana command and subcommand answers --help and -h: usage, options and an example on stdout,
// exit 0, and nothing made on disk (tana new --help once made a folder named "--help").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allCommands, commandPath, createProgram } from '../../cli/src/program.ts';
import { TANA_BIN } from '../support/tana-process.ts';

const EXPECTED = [
  '',
  'new',
  'run',
  'deploy',
  'call',
  'start',
  'stop',
  'status',
  'verify',
  'user',
  'user create',
  'user update',
  'user list',
  'user show',
  'team',
  'team create',
  'team add',
  'team remove',
  'team set',
  'team show',
  'team list',
  'key',
  'key export',
  'key import',
  'transfer',
  'chain',
  'chain add',
  'chain list',
  'chain use',
  'chain remove',
];

test('the command table has every command the README documents', () => {
  const paths = allCommands(createProgram()).map(commandPath);
  for (const path of EXPECTED) assert.ok(paths.includes(path), `tana ${path}`);
});

test('--help and -h: usage, options and an example, exit 0, nothing created', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'tana-help-'));
  const home = join(cwd, 'home-never-created');
  const paths = allCommands(createProgram())
    .map(commandPath)
    .filter((path) => path !== 'help' && !path.endsWith(' help'));
  for (const path of paths) {
    for (const flag of ['--help', '-h']) {
      const args = [...(path ? path.split(' ') : []), flag];
      const result = spawnSync(process.execPath, [TANA_BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, TANA_HOME: home } });
      const name = `tana ${args.join(' ')}`;
      assert.equal(result.status, 0, `${name}: ${result.stderr}`);
      assert.match(result.stdout, new RegExp(`^Usage: tana${path ? ` ${path}` : ''} `), name);
      assert.match(result.stdout, /\nOptions:\n(?:.*\n)*? {2}-h, --help +display help/, name);
      assert.match(result.stdout, /\nExamples:\n {2}\$ tana /, name);
      assert.equal(result.stderr, '', name);
    }
  }
  assert.deepEqual(readdirSync(cwd), [], 'no file or folder made in the working directory');
  assert.equal(existsSync(home), false, 'TANA_HOME not created');
});

test('an unknown option is named, with a suggestion and where to find the usage; exit 2', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'tana-help-'));
  const tana = (...args: string[]) => spawnSync(process.execPath, [TANA_BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, TANA_HOME: join(cwd, 'home') } });
  const typo = tana('run', 'x.ts', '--jsn');
  assert.equal(typo.status, 2);
  assert.equal(typo.stderr, "tana run: unknown option '--jsn'\n(Did you mean --json?)\nRun 'tana run --help' for usage.\n");
  for (const args of [
    ['deploy', '--frob'],
    ['user', 'create', 'x', '--frob'],
    ['status', '--frob'],
    ['start', '--frob'],
    ['verify', '--frob'],
  ]) {
    const result = tana(...args);
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, /unknown option '--frob'/);
    assert.match(result.stderr, new RegExp(`Run 'tana ${args.filter((a) => !a.startsWith('-') && a !== 'x').join(' ')} --help' for usage\\.`));
  }
  const command = tana('frobnicate');
  assert.equal(command.status, 2);
  assert.match(command.stderr, /^tana: unknown command 'frobnicate'/);
  assert.deepEqual(readdirSync(cwd), []);
});

test('--version prints the version, exit 0', () => {
  const result = spawnSync(process.execPath, [TANA_BIN, '--version'], { encoding: 'utf8' });
  assert.equal(result.status, 0);
  assert.match(result.stdout, /^\d+\.\d+\.\d+\n$/);
});
