import { transform } from 'sucrase';

/** TypeScript → the JavaScript module the engine runs. Line numbers are kept, so
 * errors point at the TypeScript source. Throws `TranspileError` on bad syntax. */
export function transpile(source: string): string {
  try {
    return transform(source, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true }).code;
  } catch (error) {
    throw new TranspileError(error instanceof Error ? error.message : String(error));
  }
}

export class TranspileError extends Error {
  readonly code = 'ParseError';
  constructor(message: string) {
    super(message);
    this.name = 'TranspileError';
  }
}
