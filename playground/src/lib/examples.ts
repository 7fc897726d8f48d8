import type { RecordedFetch } from '@tana/engine';

// The examples gallery: the repository's examples/ contracts, bundled at build time.
const sources = import.meta.glob('../../../examples/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const specs = import.meta.glob('../../../examples/*.expect.json', { import: 'default', eager: true }) as Record<
  string,
  { description?: string; state?: Record<string, unknown>; context?: { fetches?: RecordedFetch[]; tx?: { input?: unknown } } }
>;

export interface Example {
  name: string;
  description: string;
  source: string;
  /** The state the example expects to start from (seeded into staging when opened). */
  state: Record<string, unknown>;
  /** Responses recorded for its fetches, so it runs without the network. */
  fetches: RecordedFetch[];
  /** The transaction input it expects, as JSON text. */
  input: string;
}

export const EXAMPLES: Example[] = Object.entries(sources)
  .map(([path, source]) => {
    const name = path.split('/').pop()!.replace(/\.ts$/, '');
    const spec = specs[path.replace(/\.ts$/, '.expect.json')];
    return { name, description: spec?.description ?? '', source, state: spec?.state ?? {}, fetches: spec?.context?.fetches ?? [], input: JSON.stringify(spec?.context?.tx?.input ?? null) };
  })
  // By code unit, as the file list (IndexedDB's order) is; localeCompare's first call sets up a
  // collator, tens of milliseconds on the way to the first Run.
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
