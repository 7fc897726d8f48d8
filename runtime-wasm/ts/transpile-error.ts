/** A TypeScript source that does not transpile (`code` ParseError, as the engine names bad syntax). */
export class TranspileError extends Error {
  readonly code = 'ParseError';
  constructor(message: string) {
    super(message);
    this.name = 'TranspileError';
  }
}
