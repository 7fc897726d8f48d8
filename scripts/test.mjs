#!/usr/bin/env node
// `npm test`: the system prerequisites first (scripts/provision.sh), then every suite, in order,
// with one summary line at the end.
import { spawnSync } from 'node:child_process';

const provision = spawnSync('bash', ['scripts/provision.sh', 'test'], { stdio: 'inherit' });
if (provision.status !== 0) process.exit(provision.status ?? 1);

const suites = [
  ['lint and format (Biome)', 'npm', ['run', 'lint']],
  ['types and examples type-check', 'npm', ['run', 'typecheck']],
  ['engine (Rust)', 'npm', ['run', 'test:rust']],
  ['engine package, ledger, CLI and examples (Node; real SQLite files and servers on 127.0.0.1)', 'npm', ['run', 'test:node']],
  ['the ledger suite again on PostgreSQL, and several nodes on one database (a private server on 127.0.0.1)', 'npm', ['run', 'test:ledger:postgres']],
  ['engine in Chromium (parity with Node)', 'npm', ['run', 'test:browser']],
  ['engine differential: seeded edge contracts, Node main and worker, Chromium page and Web Worker, fresh and warm', 'npm', ['run', 'test:differential']],
  ['playground end to end in Chromium, against a real ledger', 'npm', ['run', 'test:playground']],
  ['engine package installed from its tarball (Node, Chromium, Vite)', 'npm', ['run', 'test:package']],
];

let passed = 0;
let failed = 0;
for (const [label, cmd, args] of suites) {
  console.log(`\n━━ ${label}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status === 0) passed++;
  else {
    failed++;
    console.log(`✗ ${label} failed (exit ${result.status})`);
  }
}
console.log(`\nsuites: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
