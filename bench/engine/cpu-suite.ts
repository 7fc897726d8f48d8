// CPU-bound contracts, identical for both engines. Each stores its result, so the
// diffs can be compared to check both engines did the same work.
const store = (expr: string) => `import { data } from 'tana:data'\nconst result = ${expr}\nawait data.set('result', result)\nawait data.commit()\nexport default result`;

export const cpuSuite: Record<string, string> = {
  loops: store('(() => { let s = 0; for (let i = 0; i < 300000; i++) s = (s + i * 7) % 1000003; return s })()'),
  recursion: store('(() => { const fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2)); return fib(20) })()'),
  json: store(`(() => {
  const rows = Array.from({ length: 200 }, (_, i) => ({ id: i, name: 'user' + i, tags: ['a', 'b', String(i)], balance: i * 3.5 }));
  let n = 0;
  for (let r = 0; r < 20; r++) n += JSON.parse(JSON.stringify(rows)).length;
  return n
})()`),
  strings: store(`(() => {
  let s = '';
  for (let i = 0; i < 20000; i++) s += String.fromCharCode(97 + (i % 26));
  return s.split('').reverse().join('').replace(/a/g, 'A').length
})()`),
};
