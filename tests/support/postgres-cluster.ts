// A private PostgreSQL server for tests and benchmarks: initdb in a temporary directory, listening on
// 127.0.0.1 and a free port (and a socket in that directory), stopped and removed by dispose() — or,
// if the process ends first, at exit. initdb refuses to run as root, so as root the server runs as
// Debian's `postgres` user (made by the postgresql package, which scripts/provision.sh installs).
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface PostgresCluster {
  port: number;
  /** The server's data directory (postmaster.pid is there). */
  dataDir: string;
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  adminUrl: string;
  urlFor(database: string): string;
  /** pg_ctl stop: 'immediate' is a crash (no checkpoint, connections cut), as `kill -9` of the server would be. */
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  dispose(): void;
}

export interface ClusterOptions {
  /** Durable commits (fsync), as a production server; off by default for tests (an immediate stop still loses nothing: the OS keeps the writes). */
  fsync?: boolean;
}

export function postgresBinDir(): string {
  for (const dir of ['/usr/lib/postgresql']) {
    if (!existsSync(dir)) continue;
    const versions = readdirSync(dir)
      .filter((name) => existsSync(join(dir, name, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(dir, versions[0], 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  if (found) return join(found, '..');
  throw new Error('PostgreSQL is not installed: run `bash scripts/provision.sh test` (as root it installs Debian’s postgresql)');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const root = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), 'tana-postgres-'));
  if (root) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));
  const run = (tool: string, args: string[]) => {
    const [command, argv] = root ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    const result = spawnSync(command, argv, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions']);
  const port = await freePort();
  const settings = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c max_connections=200', ...(options.fsync ? [] : ['-c fsync=off', '-c full_page_writes=off'])];
  const start = () => run('pg_ctl', ['-D', data, '-o', settings.join(' '), '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const stop = (mode: 'fast' | 'immediate' = 'fast') => run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  let running = false;
  let disposed = false;
  const cleanUp = () => {
    if (disposed) return;
    disposed = true;
    if (running) {
      try {
        stop('immediate');
      } catch {
        // already stopped
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanUp);
  start();
  running = true;
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    dataDir: data,
    adminUrl: urlFor('postgres'),
    urlFor,
    stop(mode) {
      stop(mode);
      running = false;
    },
    start() {
      start();
      running = true;
    },
    dispose: cleanUp,
  };
}
