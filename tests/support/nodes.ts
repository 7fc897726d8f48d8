// Several `tana start --db <url>` processes on one PostgreSQL database, as an operator runs them: the
// first creates the chain; the others get copies of its producer key and admin token (each node its
// own TANA_HOME), and serve the same chain.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTana, type TanaProcess } from './tana-process.ts';

export interface Node {
  home: string;
  process: TanaProcess;
  url: string;
}

export interface Nodes {
  nodes: Node[];
  urls(): string[];
  /** Starts node `i` again on its home (after a stop or a kill). */
  restart(i: number): Promise<Node>;
  /** Stops every node still running and deletes their homes. */
  dispose(): Promise<void>;
}

export async function startNodes(count: number, database: string, args: string[] = []): Promise<Nodes> {
  const root = mkdtempSync(join(tmpdir(), 'tana-nodes-'));
  const homes = Array.from({ length: count }, (_, i) => join(root, `node${i}`));
  const start = async (i: number): Promise<Node> => ({ home: homes[i]!, process: await startTana(homes[i]!, ['--db', database, ...args], { stderr: 'inherit' }), url: '' });
  const nodes: Node[] = [];
  const first = await start(0);
  nodes.push({ ...first, url: first.process.url });
  for (let i = 1; i < count; i++) {
    mkdirSync(join(homes[i]!, 'ledger'), { recursive: true });
    for (const file of ['producer-key.pem', 'admin-token']) copyFileSync(join(homes[0]!, 'ledger', file), join(homes[i]!, 'ledger', file));
  }
  const rest = await Promise.all(homes.slice(1).map((_, i) => start(i + 1)));
  for (const node of rest) nodes.push({ ...node, url: node.process.url });
  return {
    nodes,
    urls: () => nodes.map((node) => node.url),
    async restart(i) {
      const node = await start(i);
      nodes[i] = { ...node, url: node.process.url };
      return nodes[i]!;
    },
    async dispose() {
      await Promise.all(nodes.map((node) => node.process.stop()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
