// `npm start`: serves what Tana has today on http://127.0.0.1:8080 — the embedded
// engine page (examples/embed). The ledger and the playground join it here.
import { fileURLToPath } from 'node:url';
import { serveDirectory } from '../cli/src/static-server.ts';

const port = Number(process.env.PORT ?? 8080);
const root = fileURLToPath(new URL('..', import.meta.url));
try {
  const server = await serveDirectory(root, { port, keepAlive: true });
  console.log(`Tana is running: ${server.url}/examples/embed/  (Ctrl+C stops it)`);
  process.once('SIGINT', () => void server.close().then(() => process.exit(0)));
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
} catch (error) {
  console.error(`could not listen on 127.0.0.1:${port}: ${(error as Error).message} (set PORT to use another port)`);
  process.exit(1);
}
