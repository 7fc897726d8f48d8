// Runs a command with a private PostgreSQL server for its duration (tests/support/postgres-cluster.ts):
// TANA_TEST_DB=postgres and TANA_TEST_POSTGRES=<admin URL> tell the ledger suite to run on it. The
// server is stopped and its directory removed afterwards, whatever the command's outcome.
//   node scripts/with-postgres.ts <command> [args…]
import { spawn } from 'node:child_process';
import { startPostgresCluster } from '../tests/support/postgres-cluster.ts';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/with-postgres.ts <command> [args…]');
  process.exit(2);
}
const cluster = await startPostgresCluster();
console.log(`with-postgres: PostgreSQL on 127.0.0.1:${cluster.port} for: ${[command, ...args].join(' ')}`);
const code = await new Promise<number>((resolve) => {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, TANA_TEST_DB: 'postgres', TANA_TEST_POSTGRES: cluster.adminUrl } });
  child.once('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0)));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => child.kill(signal));
});
cluster.dispose();
process.exit(code);
