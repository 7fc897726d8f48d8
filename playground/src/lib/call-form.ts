// The call form: the contract's exported functions and their parameters, read from the source's
// TypeScript (no type checker needed, so the form is there before the editor is), and the JSON
// arguments a form's fields make.
import type { JsonValue } from '@tana/engine';

export type FieldKind = 'number' | 'string' | 'boolean' | 'json';

export interface Parameter {
  name: string;
  /** The declared type as written (`unknown` when none is). */
  type: string;
  kind: FieldKind;
  optional: boolean;
}

export interface ExportedFunction {
  name: string;
  params: Parameter[];
}

/** `export function f(…)`, `export async function f(…)` and `export const f = (…) =>`, in source order. */
export function exportedFunctions(source: string): ExportedFunction[] {
  const found: ExportedFunction[] = [];
  const declaration = /export\s+(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\(|export\s+const\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s*)?(?:<[^>]*>)?\s*\(/g;
  for (const match of source.matchAll(declaration)) {
    const open = match.index + match[0].length - 1;
    const close = matchingParen(source, open);
    if (close < 0) continue;
    found.push({
      name: (match[1] ?? match[2])!,
      params: splitTopLevel(source.slice(open + 1, close))
        .map(parameter)
        .filter((p): p is Parameter => !!p),
    });
  }
  return found;
}

function matchingParen(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '(' || c === '[' || c === '{' || c === '<') depth++;
    else if (c === ')' || c === ']' || c === '}' || (c === '>' && source[i - 1] !== '=')) {
      depth--;
      if (depth === 0) return c === ')' ? i : -1;
    }
  }
  return -1;
}

function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(' || c === '[' || c === '{' || c === '<') depth++;
    else if (c === ')' || c === ']' || c === '}' || (c === '>' && list[i - 1] !== '=')) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

function parameter(text: string): Parameter | undefined {
  const match = /^(?:\.\.\.)?([A-Za-z_$][\w$]*)\s*(\?)?\s*(?::\s*([^=]+?))?\s*(=.*)?$/s.exec(text);
  if (!match) return undefined;
  const type = match[3]?.trim() ?? (match[4] ? typeOfDefault(match[4].slice(1).trim()) : 'unknown');
  return { name: match[1]!, type, kind: kindOf(type), optional: !!match[2] || !!match[4] };
}

function typeOfDefault(value: string): string {
  if (/^-?\d/.test(value)) return 'number';
  if (/^['"`]/.test(value)) return 'string';
  if (value === 'true' || value === 'false') return 'boolean';
  return 'unknown';
}

export function kindOf(type: string): FieldKind {
  if (/^number$|^bigint$/.test(type)) return 'number';
  if (/^string$/.test(type) || /^(['"][^'"]*['"]\s*\|?\s*)+$/.test(type)) return 'string';
  if (/^boolean$/.test(type)) return 'boolean';
  return 'json';
}

/** The arguments JSON for a form's field texts; throws naming the field whose text is not of its type. */
export function argumentsFrom(params: Parameter[], values: string[]): JsonValue[] {
  const args: JsonValue[] = [];
  params.forEach((p, i) => {
    const text = String(values[i] ?? ''); // a number field's binding may hold a number
    if (text === '' && p.optional) return;
    if (p.kind === 'string') args.push(text);
    else if (p.kind === 'boolean') args.push(text === 'true');
    else if (p.kind === 'number') {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw new Error(`${p.name} must be a number`);
      args.push(n);
    } else {
      try {
        args.push(JSON.parse(text));
      } catch {
        throw new Error(`${p.name} must be JSON (its type is ${p.type})`);
      }
    }
  });
  // Optional parameters left empty at the end are simply not passed.
  return args;
}

/** The field texts for arguments JSON (when the text is an array), for showing a stored call in the form. */
export function fieldsFrom(params: Parameter[], argsText: string): string[] {
  let args: unknown;
  try {
    args = JSON.parse(argsText);
  } catch {
    return params.map(() => '');
  }
  if (!Array.isArray(args)) return params.map(() => '');
  return params.map((p, i) => {
    const value = args[i];
    if (value === undefined) return p.kind === 'boolean' ? 'false' : '';
    return p.kind === 'string' && typeof value === 'string' ? value : JSON.stringify(value);
  });
}
