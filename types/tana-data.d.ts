/**
 * `tana:data` — the contract's key-value storage. Values are JSON. Writes are
 * staged and reach the state only through `commit()`, all at once; anything not
 * committed when the run ends is discarded. Limits: key ≤ 256 bytes, value ≤ 10 KB
 * (serialised JSON), state ≤ 100 KB and ≤ 1000 keys. Breaking a limit fails the
 * whole run with `StorageLimit`, even if the contract catches the error.
 */
declare module 'tana:data' {
  export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

  export const data: {
    /** The value (staged or committed), or `null` if the key is absent. */
    get<T extends JsonValue = JsonValue>(key: string): Promise<T | null>;
    has(key: string): Promise<boolean>;
    /** Stages a write. The value must be JSON (no functions, BigInt or cycles). */
    set(key: string, value: JsonValue | object): Promise<void>;
    /** Stages a delete; resolves to whether the key existed. */
    delete(key: string): Promise<boolean>;
    /** Keys matching a glob (`*` any run, `?` one character), sorted. Default `*`. */
    keys(pattern?: string): Promise<string[]>;
    /** Applies every staged write atomically, after checking the state limits. */
    commit(): Promise<void>;
  };
}
