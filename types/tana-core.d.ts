/** `tana:core` — console output captured into the outcome's logs, and version facts. */
declare module 'tana:core' {
  /** Each call becomes one log entry; strings print as-is, other values inspected. */
  export const console: {
    log(...values: unknown[]): void;
    info(...values: unknown[]): void;
    debug(...values: unknown[]): void;
    warn(...values: unknown[]): void;
    error(...values: unknown[]): void;
  };
  export const version: {
    /** The Tana engine version. */
    readonly tana: string;
    /** The Boa JavaScript engine version inside it. */
    readonly boa: string;
  };
}
