/**
 * `tana:utils` — `fetch` for allowed hosts only. Contracts never reach the
 * network: the host records each response and the engine replays it, so every
 * executor sees the same bytes. A URL without a recording stops the run with
 * `FetchNotRecorded`; the host fetches it and runs again.
 */
declare module 'tana:utils' {
  export interface TanaResponse {
    readonly url: string;
    readonly status: number;
    readonly ok: boolean;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
    text(): Promise<string>;
    json<T = unknown>(): Promise<T>;
  }
  /** GET only. */
  export function fetch(url: string): Promise<TanaResponse>;
}
