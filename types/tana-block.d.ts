/** `tana:block` — the block this transaction executes in, and the gas meter. */
declare module 'tana:block' {
  export const block: {
    readonly height: number;
    /** Milliseconds since the Unix epoch. `Date.now()` returns the same value. */
    readonly timestamp: number;
    /** Who produces the block (the ledger's node id). */
    readonly executor: string;
    readonly gasLimit: number;
    gasUsed(): number;
    gasRemaining(): number;
  };
}
