// A page that starts the engine's worker while it parses names the worker after the engine's URL,
// and the worker, reading its own name as it starts, loads the engine at once. A message would
// wait for the page's main thread to forward it, and that thread is busy evaluating the app then.
const PREFIX = 'tana-engine ';

/** The name (`new Worker(url, { name })`) of a sandbox worker that loads the engine from `engineUrl` as soon as it starts. */
export function preloadingWorkerName(engineUrl: string): string {
  return PREFIX + engineUrl;
}

/** The engine URL a worker's name asks it to load at once (resolved against `base`), if it names one. */
export function engineUrlFromWorkerName(name: string, base: string): string | undefined {
  return name.startsWith(PREFIX) ? new URL(name.slice(PREFIX.length), base).href : undefined;
}
