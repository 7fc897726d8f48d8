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

/// A run's outcome. On the wire (and in TypeScript, see `outcome_union`) it is one of two
/// shapes: `ok: true` with a `value` and `error: null`, or `ok: false` with an `error`,
/// `value: null` and an empty diff.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    pub ok: bool,
    /// The called function's result, or the module's default export, as JSON.
    pub value: Value,
    pub error: Option<EngineFailure>,
    pub diff: StateDiff,
    pub logs: Vec<LogEntry>,
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

/// The TypeScript form of `Outcome`: a union on `ok`, so that a host that checked `ok`
/// knows which of `value` and `error` it has. Generated by `cargo test`; the test below
/// holds it to what the engine really sends.
#[cfg(test)]
mod outcome_union {
    use super::*;
    use ts_rs::TS;

    /// `true` or `false` on the wire, and only that one.
    pub struct Is<const B: bool>;

    impl<const B: bool> Serialize for Is<B> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bool(B)
        }
    }

    impl<'de, const B: bool> Deserialize<'de> for Is<B> {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            if bool::deserialize(deserializer)? == B { Ok(Is) } else { Err(serde::de::Error::custom(format!("expected {B}"))) }
        }
    }

    #[derive(Serialize, Deserialize, TS)]
    #[serde(untagged)]
    #[ts(export, rename = "Outcome")]
    pub enum OutcomeUnion {
        Succeeded(Succeeded),
        Failed(Failed),
    }

    /// A run that succeeded: its value, what it committed, its logs and gas.
    #[derive(Serialize, Deserialize, TS)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[ts(export)]
    pub struct Succeeded {
        #[ts(type = "true")]
        pub ok: Is<true>,
        /// The called function's result, or the module's default export, as JSON.
        pub value: Value,
        #[ts(type = "null")]
        pub error: (),
        pub diff: StateDiff,
        pub logs: Vec<LogEntry>,
        #[ts(type = "number")]
        pub gas_used: u64,
        /// The recorded fetches the run consumed, in order.
        pub fetches: Vec<RecordedFetch>,
    }

    /// A run that failed: a named error, an empty diff, the logs and gas up to the failure.
    #[derive(Serialize, Deserialize, TS)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[ts(export)]
    pub struct Failed {
        #[ts(type = "false")]
        pub ok: Is<false>,
        #[ts(type = "null")]
        pub value: (),
        pub error: EngineFailure,
        pub diff: StateDiff,
        pub logs: Vec<LogEntry>,
        #[ts(type = "number")]
        pub gas_used: u64,
        /// The recorded fetches the run consumed, in order.
        pub fetches: Vec<RecordedFetch>,
    }

    #[test]
    fn the_union_is_what_the_engine_sends() {
        let succeeded = Outcome { ok: true, value: serde_json::json!(1), error: None, diff: StateDiff::default(), logs: vec![], gas_used: 5, fetches: vec![] };
        let failed = Outcome {
            ok: false,
            value: Value::Null,
            error: Some(EngineFailure { code: ErrorCode::OutOfGas, message: "m".into(), line: None, column: None, url: None }),
            ..succeeded.clone()
        };
        for (outcome, ok) in [(succeeded, true), (failed, false)] {
            let json = serde_json::to_value(&outcome).unwrap();
            let union: OutcomeUnion = serde_json::from_value(json.clone()).unwrap();
            assert_eq!(matches!(union, OutcomeUnion::Succeeded(_)), ok);
            let back = serde_json::to_value(&union).unwrap();
            assert_eq!(back, json, "the union writes what the engine writes");
        }
    }
}
