// Where in a contract's source an error happened, read and written one way everywhere.
import { failedOutcome } from './outcome.ts';
import type { Outcome } from './protocol.ts';

export interface SourcePosition {
  line: number;
  column?: number;
}

/** `3:7`, or `3` without a column. */
export function formatPosition(position: SourcePosition): string {
  return position.column ? `${position.line}:${position.column}` : String(position.line);
}

/** ` (line 3:7)` for an error that knows its line, '' otherwise: the suffix of an error message. */
export function lineSuffix(error: { line?: number | null; column?: number | null } | null | undefined): string {
  return error?.line ? ` (line ${formatPosition({ line: error.line, column: error.column ?? undefined })})` : '';
}

/** The position in a syntax error message, which ends in `(line:column)` (sucrase's form). */
export function positionInMessage(message: string): SourcePosition | undefined {
  const match = /\((\d+):(\d+)\)\s*$/.exec(message);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
}

/** The ParseError outcome for a source that does not transpile, with the line and column of the error. */
export function parseErrorOutcome(error: unknown): Outcome {
  const message = error instanceof Error ? error.message : String(error);
  const outcome = failedOutcome('ParseError', message);
  const position = positionInMessage(message);
  if (position && outcome.error) Object.assign(outcome.error, position);
  return outcome;
}
