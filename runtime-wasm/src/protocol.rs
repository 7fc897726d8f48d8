//! The engine's wire format: what a host sends to `execute` and what it gets back.
//! These Rust types are the single source of truth; `cargo test` regenerates the
//! TypeScript declarations in `bindings/` from them (see `ts-rs`).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

use crate::errors::ErrorCode;

/// A contract's committed key-value state: key → JSON value.
pub type State = BTreeMap<String, Value>;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExecuteRequest {
    /// The contract as a JavaScript module (already transpiled from TypeScript).
    pub code: String,
    /// The contract's committed state, whole.
    #[serde(default)]
    pub state: State,
    /// Everything the contract may observe about the world.
    pub context: ExecutionContext,
    /// Gas limit; the engine's default when absent.
    #[serde(default)]
    #[cfg_attr(test, ts(type = "number | undefined", optional))]
    pub gas_limit: Option<u64>,
    /// An exported function to call after the module's top-level code, with JSON arguments.
    #[serde(default)]
    #[cfg_attr(test, ts(optional))]
    pub call: Option<FunctionCall>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FunctionCall {
    pub function: String,
    #[serde(default)]
    pub args: Vec<Value>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExecutionContext {
    #[serde(default)]
    pub chain_id: String,
    #[serde(default)]
    pub contract_id: String,
    /// Who invoked the contract (the transaction sender unless a contract calls another).
    #[serde(default)]
    pub caller: String,
    #[serde(default)]
    pub block: BlockContext,
    #[serde(default)]
    pub tx: TxContext,
    /// Responses the host recorded for `tana:utils` fetches, replayed in place of the network.
    #[serde(default)]
    pub fetches: Vec<RecordedFetch>,
    /// Hosts `fetch` may reach (exact host or any subdomain of it).
    #[serde(default)]
    pub allowed_hosts: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BlockContext {
    #[serde(default)]
    #[cfg_attr(test, ts(type = "number"))]
    pub height: u64,
    /// Milliseconds since the Unix epoch; also what `Date.now()` returns inside the contract.
    #[serde(default)]
    #[cfg_attr(test, ts(type = "number"))]
    pub timestamp: u64,
    #[serde(default)]
    pub executor: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TxContext {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub sender: String,
    #[serde(default)]
    #[cfg_attr(test, ts(type = "number"))]
    pub nonce: u64,
    /// Free-form JSON input for the contract.
    #[serde(default)]
    pub input: Value,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordedFetch {
    pub url: String,
    pub status: u16,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    pub ok: bool,
    /// The called function's result, or the module's default export, as JSON.
    pub value: Value,
    pub error: Option<EngineFailure>,
    pub diff: StateDiff,
    pub logs: Vec<LogEntry>,
    #[cfg_attr(test, ts(type = "number"))]
    pub gas_used: u64,
    /// The recorded fetches the run consumed, in order.
    pub fetches: Vec<RecordedFetch>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct EngineFailure {
    pub code: ErrorCode,
    pub message: String,
    /// Where in the contract the error was thrown (1-based), when known.
    #[cfg_attr(test, ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<u32>,
    #[cfg_attr(test, ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub column: Option<u32>,
    /// For `FetchNotRecorded`: the URL the host must fetch before running again.
    #[cfg_attr(test, ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub url: Option<String>,
}

/// What a run committed. Empty whenever the run failed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct StateDiff {
    pub set: BTreeMap<String, Value>,
    pub deleted: Vec<String>,
    pub transfers: Vec<Transfer>,
}

impl StateDiff {
    pub fn is_empty(&self) -> bool {
        self.set.is_empty() && self.deleted.is_empty() && self.transfers.is_empty()
    }
}

/// A transfer staged with `tana:tx`; the ledger settles it against balances.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct Transfer {
    pub from: String,
    pub to: String,
    /// A positive integer, in the currency's smallest unit, as a decimal string.
    pub amount: String,
    pub currency: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct LogEntry {
    pub level: LogLevel,
    pub message: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum LogLevel {
    Log,
    Info,
    Warn,
    Error,
}
