/** A TypeScript source that does not transpile (`code` ParseError, as the engine names bad syntax). */
export class TranspileError extends Error {
  readonly code = 'ParseError';
  constructor(message: string) {
    super(message);
    this.name = 'TranspileError';
  }
}

/** `transpile` called in a browser before the transpiler was loaded (`loadTranspiler`, `loadEngine`). */
export class TranspilerNotLoadedError extends Error {
  constructor() {
    super('the TypeScript transpiler is not loaded yet: await loadTranspiler() (or loadEngine()) first');
    this.name = 'TranspilerNotLoadedError';
  }
}
