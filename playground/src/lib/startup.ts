// What the app needs before Run can be enabled, started as soon as the app's code is evaluated
// rather than after the page hydrates: the engine's warm-up in its worker, and the settings and
// file to open, read from IndexedDB at once (concurrent reads, not a chain of round trips).
import { db, type ContractFile } from './db.ts';
import { warmUp } from './engine.ts';

export interface Startup {
  theme: 'dark' | 'light' | undefined;
  /** The workspace was seeded on an earlier visit (so this is not the first). */
  seeded: boolean;
  guideDone: boolean;
  /** The file open when the playground was last closed, if it still exists. */
  remembered: ContractFile | undefined;
}

async function readStartup(): Promise<Startup> {
  const [theme, seeded, guideDone, activeFile] = await Promise.all([
    db.setting<'dark' | 'light' | undefined>('theme', undefined),
    db.setting('seeded', false),
    db.setting('guideDone', false),
    db.setting<string | undefined>('activeFile', undefined),
  ]);
  return { theme, seeded, guideDone, remembered: activeFile ? await db.files.get(activeFile) : undefined };
}

/** The engine's warm-up in its worker: Run waits for `loaded`, heavier work for `warm`. */
export const engine = warmUp();
export const startup = readStartup();
