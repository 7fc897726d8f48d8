// The ledger's side of the app (sync with proofs, the outbox and its signatures, new blocks), loaded
// once Run is possible: with its curve and hash code it is a third of the app's script, and nothing
// before the first run needs it.
export { sync } from './sync.ts';
export { followLedger } from './events.ts';
export { startOutbox } from './delivery.ts';
