// Errors said where they happened and in words a person can act on: a syntax error at the bracket
// that was never closed (not at the end of the file), a bad import at its line, a user's Stop as
// "Stopped", OutOfGas with its limit.
import type { Outcome, SourcePosition } from '@tana/engine';

type Failure = NonNullable<Outcome['error']>;

/** What the output panel shows as the outcome's title: the error code, except for a user's Stop. */
export function errorTitle(error: Failure): string {
  return isStopped(error) ? 'Stopped' : error.code;
}

/** The engine's `Stopped`, or (before it had one) the sandbox's `Timeout` for a user's Stop. */
export function isStopped(error: Pick<Failure, 'code' | 'message'>): boolean {
  return (error.code as string) === 'Stopped' || (error.code === 'Timeout' && /was stopped$/.test(error.message) && !/longer than/.test(error.message));
}

/** The outcome with its error placed and worded for a person; `gasLimit` is the run's limit. */
export function explainOutcome(outcome: Outcome, source: string, gasLimit: number): Outcome {
  const error = outcome.error;
  if (!error) return outcome;
  const better: Failure = { ...error };
  if (isStopped(error))
    Object.assign(better, { code: 'Stopped', message: 'you stopped the run' }); // the engine's code for it, before and after it had one
  else if (error.code === 'OutOfGas') better.message = `the run used all of its ${gasLimit.toLocaleString('en-US')} gas; look for a loop or recursion that does not end, or do less per call`;
  else if (error.code === 'ParseError') Object.assign(better, syntaxErrorPosition(source, error) ?? {});
  else if (!error.line) Object.assign(better, importPosition(source, error.message) ?? {});
  return { ...outcome, error: better };
}

/** Where an unbalanced bracket is: the opener never closed, or a closer that matches nothing. */
export function unbalancedBracket(source: string): (SourcePosition & { char: string; problem: 'unclosed' | 'unexpected' }) | undefined {
  const stack: { char: string; index: number }[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let i = 0;
  let lastSignificant = '';
  const at = (index: number, char: string, problem: 'unclosed' | 'unexpected') => ({ ...positionOf(source, index), char, problem });
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      i = source.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
      continue;
    }
    if (c === "'" || c === '"') {
      i = skipString(source, i, c);
      lastSignificant = 'a';
      continue;
    }
    if (c === '`') {
      stack.push({ char: '`', index: i });
      i++;
      i = skipTemplate(source, i, stack);
      lastSignificant = 'a';
      continue;
    }
    if (c === '/' && (lastSignificant === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(lastSignificant))) {
      i = skipRegex(source, i);
      lastSignificant = 'a';
      continue;
    }
    if (c === '(' || c === '[' || c === '{') stack.push({ char: c, index: i });
    else if (c === ')' || c === ']' || c === '}') {
      const open = stack.pop();
      if (!open || open.char !== pairs[c]) return at(i, c, 'unexpected');
      if (c === '}' && stack.at(-1)?.char === '`') {
        // the end of a template's ${…}: back inside the template text
        i = skipTemplate(source, i + 1, stack);
        lastSignificant = 'a';
        continue;
      }
    }
    if (!/\s/.test(c)) lastSignificant = /[\w$]/.test(c) ? 'a' : c;
    i++;
  }
  const open = stack.pop();
  return open ? at(open.index, open.char, 'unclosed') : undefined;
}

function skipString(source: string, i: number, quote: string): number {
  for (i++; i < source.length && source[i] !== quote && source[i] !== '\n'; i++) if (source[i] === '\\') i++;
  return i + 1;
}

function skipRegex(source: string, i: number): number {
  let inClass = false;
  for (i++; i < source.length && source[i] !== '\n'; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) break;
  }
  return i + 1;
}

/** From inside a template's text: to its end (popping it) or into a `${` (pushing a brace). */
function skipTemplate(source: string, i: number, stack: { char: string; index: number }[]): number {
  for (; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '`') {
      stack.pop();
      return i + 1;
    } else if (c === '$' && source[i + 1] === '{') {
      stack.push({ char: '{', index: i + 1 });
      return i + 2;
    }
  }
  return i;
}

export function positionOf(source: string, index: number): SourcePosition {
  const before = source.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/** A syntax error inside a bracket left open (often reported at the end of the file) is really at that bracket. */
function syntaxErrorPosition(source: string, error: Failure): Partial<Failure> | undefined {
  const bracket = unbalancedBracket(source);
  if (!bracket) return undefined;
  const reported = { line: error.line ?? Number.MAX_SAFE_INTEGER, column: error.column ?? 0 };
  const before = bracket.line < reported.line || (bracket.line === reported.line && (bracket.column ?? 0) <= reported.column);
  if (bracket.problem === 'unclosed' && !before) return undefined;
  const what = bracket.problem === 'unclosed' ? `'${bracket.char}' is never closed` : `'${bracket.char}' has no matching opening bracket`;
  return { line: bracket.line, column: bracket.column, message: `${what} (the parser stopped with: ${error.message})` };
}

/** `cannot import 'tana:x'` or `could not find export \`y\``: where that import is. */
function importPosition(source: string, message: string): SourcePosition | undefined {
  const module = /cannot import '([^']+)'/.exec(message)?.[1];
  const name = /could not find export `([^`]+)`/.exec(message)?.[1];
  if (!module && !name) return undefined;
  for (const statement of source.matchAll(/\bimport\s*([^;'"]*?)\s*(?:from\s*)?(['"])([^'"]*)\2/g)) {
    const [text, names = '', , specifier = ''] = statement;
    if (module && specifier === module) return positionOf(source, statement.index + text.lastIndexOf(specifier));
    const found = name ? new RegExp(`(^|[{,\\s])${name.replace(/\$/g, '\\$')}\\b`).exec(names) : null;
    if (found) return positionOf(source, statement.index + text.indexOf(names) + found.index + found[1]!.length);
  }
  return undefined;
}
