// The wire types and the engine's limits, generated from the Rust engine by `cargo test` (ts-rs).
export type { ExecuteRequest } from './generated/ExecuteRequest.ts';
export type { ExecutionContext } from './generated/ExecutionContext.ts';
export type { BlockContext } from './generated/BlockContext.ts';
export type { TxContext } from './generated/TxContext.ts';
export type { FunctionCall } from './generated/FunctionCall.ts';
export type { RecordedFetch } from './generated/RecordedFetch.ts';
export type { Outcome } from './generated/Outcome.ts';
export type { Succeeded } from './generated/Succeeded.ts';
export type { Failed } from './generated/Failed.ts';
export { LIMITS } from './generated/limits.ts';
export type { EngineFailure } from './generated/EngineFailure.ts';
export type { ErrorCode } from './generated/ErrorCode.ts';
export type { StateDiff } from './generated/StateDiff.ts';
export type { Transfer } from './generated/Transfer.ts';
export type { LogEntry } from './generated/LogEntry.ts';
export type { LogLevel } from './generated/LogLevel.ts';
export type { JsonValue } from './generated/serde_json/JsonValue.ts';

import type { JsonValue } from './generated/serde_json/JsonValue.ts';
/** A contract's committed state: key → JSON value. */
export type State = Record<string, JsonValue>;
