//! Named failures. The same codes travel unchanged from the engine through the
//! ledger's HTTP answers to the playground's messages.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub enum ErrorCode {
    /// The request itself is malformed (bad JSON, gas limit out of range, …).
    InvalidRequest,
    /// The contract source does not parse, or is too large or too deeply nested.
    ParseError,
    /// The contract imports a module that does not exist.
    ModuleNotFound,
    /// The requested exported function does not exist.
    ExportNotFound,
    /// The contract threw (or rejected) and did not catch it.
    ContractError,
    /// The run needed more gas than its limit.
    OutOfGas,
    /// A key, value or the contract's total state broke a storage limit.
    StorageLimit,
    /// The run nested deeper than the engine allows: JavaScript calls, or built-ins working
    /// through nested values, prototype or Proxy chains; or it needed more of the engine's value
    /// stack than allowed (thousands of bindings in one scope). The same everywhere, whatever the host.
    DepthLimit,
    /// The run allocated more memory than a run may use.
    MemoryLimit,
    /// `fetch` asked for a host that is not on the allow-list.
    FetchNotAllowed,
    /// `fetch` asked for a URL with no recorded response; the host should fetch it and run again.
    FetchNotRecorded,
    /// A value crossing the boundary is not JSON (a function, a cycle, a BigInt, …).
    NotSerializable,
    /// The contract staged an invalid transfer.
    InvalidTransfer,
    /// Too many logs, fetches or transfers in one run.
    ResourceLimit,
    /// The top-level await or called function never settled.
    Unsettled,
    /// The host stopped the run after its wall-clock limit (never produced by the engine itself).
    /// Gas bounds every contract's work, so this is a safety net: a ledger never commits it.
    Timeout,
    /// The host stopped the run because its user asked to (never produced by the engine itself).
    Stopped,
    /// The engine itself failed (a trap or internal error); the host discarded the instance.
    EngineFailure,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidRequest => "InvalidRequest",
            Self::ParseError => "ParseError",
            Self::ModuleNotFound => "ModuleNotFound",
            Self::ExportNotFound => "ExportNotFound",
            Self::ContractError => "ContractError",
            Self::OutOfGas => "OutOfGas",
            Self::StorageLimit => "StorageLimit",
            Self::DepthLimit => "DepthLimit",
            Self::MemoryLimit => "MemoryLimit",
            Self::FetchNotAllowed => "FetchNotAllowed",
            Self::FetchNotRecorded => "FetchNotRecorded",
            Self::NotSerializable => "NotSerializable",
            Self::InvalidTransfer => "InvalidTransfer",
            Self::ResourceLimit => "ResourceLimit",
            Self::Unsettled => "Unsettled",
            Self::Timeout => "Timeout",
            Self::Stopped => "Stopped",
            Self::EngineFailure => "EngineFailure",
        }
    }
}

/// A failure raised by the host side of the engine (a `tana:*` module or the runner).
#[derive(Debug, Clone, PartialEq)]
pub struct Fatal {
    pub code: ErrorCode,
    pub message: String,
    pub url: Option<String>,
}

impl Fatal {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), url: None }
    }

    pub fn out_of_gas(limit: u64) -> Self {
        Self::new(ErrorCode::OutOfGas, format!("the run needed more gas than its limit of {limit}"))
    }
}
