// @tana/ledger/client — talk to a Tana ledger from a browser, a CLI or a test.
export * from './http.ts';
export * from './keys.ts';
export * from './transactions.ts';
export * from './events.ts';
export * from './fees.ts';
