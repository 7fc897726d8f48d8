// The tana:* declarations (types/), for Monaco's TypeScript service.
const files = import.meta.glob('../../../types/tana-*.d.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const TANA_TYPES: { path: string; content: string }[] = Object.entries(files).map(([path, content]) => ({
  path: `file:///node_modules/@types/tana/${path.split('/').pop()}`,
  content,
}));
