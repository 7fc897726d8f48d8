// The tana:* modules for the QuickJS peer, written in plain JavaScript and
// evaluated inside QuickJS: the same contract surface and the same
// state-in/diff-out protocol as the Tana engine, so both run identical contracts.
// `__request` (the request's JSON) is set by the host before a run.
const request = JSON.parse(globalThis.__request);
const committed = new Map(Object.entries(request.state));
const before = new Map(committed);
let staged = new Map();
const logs = [];
const transfers = [];
const KEY_BYTES = 256,
  VALUE_BYTES = 10240,
  STATE_BYTES = 102400,
  MAX_KEYS = 1000;
// UTF-8 length without TextEncoder (QuickJS has none).
const bytes = (s) => unescape(encodeURIComponent(s)).length;
const view = () => {
  const m = new Map(committed);
  for (const [k, v] of staged) v === undefined ? m.delete(k) : m.set(k, v);
  return m;
};
const glob = (p) =>
  new RegExp(
    `^${p
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
const format = (args) => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');

globalThis.__tana = {
  data: {
    async get(key) {
      const v = view().get(key);
      return v === undefined ? null : JSON.parse(JSON.stringify(v));
    },
    async has(key) {
      return view().has(key);
    },
    async set(key, value) {
      if (bytes(key) > KEY_BYTES) throw new Error('StorageLimit: key too long');
      const json = JSON.stringify(value);
      if (json === undefined) throw new Error('NotSerializable');
      if (bytes(json) > VALUE_BYTES) throw new Error('StorageLimit: value too large');
      staged.set(key, JSON.parse(json));
    },
    async delete(key) {
      const had = view().has(key);
      staged.set(key, undefined);
      return had;
    },
    async keys(pattern = '*') {
      const re = glob(pattern);
      return [...view().keys()].filter((k) => re.test(k)).sort();
    },
    async commit() {
      const next = view();
      let total = 0;
      for (const [k, v] of next) total += bytes(k) + bytes(JSON.stringify(v));
      if (next.size > MAX_KEYS || total > STATE_BYTES) throw new Error('StorageLimit: state too large');
      committed.clear();
      for (const [k, v] of next) committed.set(k, v);
      staged = new Map();
    },
  },
  console: {
    log: (...a) => logs.push({ level: 'log', message: format(a) }),
    warn: (...a) => logs.push({ level: 'warn', message: format(a) }),
    error: (...a) => logs.push({ level: 'error', message: format(a) }),
  },
  request,
  transfer: (t) => transfers.push({ from: t.from ?? request.context.tx.sender, to: t.to, amount: String(t.amount), currency: t.currency }),
  outcome() {
    const set = {},
      deleted = [];
    for (const [k, v] of [...committed].sort(([a], [b]) => (a < b ? -1 : 1))) if (JSON.stringify(before.get(k)) !== JSON.stringify(v)) set[k] = v;
    for (const k of [...before.keys()].sort()) if (!committed.has(k)) deleted.push(k);
    return JSON.stringify({ diff: { set, deleted, transfers }, logs });
  },
};
