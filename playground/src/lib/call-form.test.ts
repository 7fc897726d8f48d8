import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argumentsFrom, exportedFunctions, fieldsFrom } from './call-form.ts';

test('exported functions and their typed parameters are read from the source', () => {
  const source = `import { data } from 'tana:data'
export async function transfer(to: string, amount: number, memo?: string) {}
export function setFlags(flags: { a: boolean }, on = true, mode: 'fast' | 'slow' = 'fast') {}
function hidden(x: number) {}
export const reset = async (keys: string[]) => {}
export default { transfer }
`;
  const fns = exportedFunctions(source);
  assert.deepEqual(
    fns.map((f) => [f.name, f.params.map((p) => `${p.name}${p.optional ? '?' : ''}:${p.kind}`).join(',')]),
    [
      ['transfer', 'to:string,amount:number,memo?:string'],
      ['setFlags', 'flags:json,on?:boolean,mode?:string'],
      ['reset', 'keys:json'],
    ],
  );
});

test('the form makes typed arguments and names a field that is wrong', () => {
  const [transfer] = exportedFunctions('export function transfer(to: string, amount: number, note?: string, extra?: object) {}');
  assert.deepEqual(argumentsFrom(transfer!.params, ['bob', '25', '', '']), ['bob', 25]);
  assert.throws(() => argumentsFrom(transfer!.params, ['bob', 'lots']), /amount must be a number/);
  assert.deepEqual(fieldsFrom(transfer!.params, '["bob", 25]'), ['bob', '25', '', '']);
});
