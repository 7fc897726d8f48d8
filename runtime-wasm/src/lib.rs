//! Tana's contract engine: a deterministic, gas-metered JavaScript module runner
//! on Boa. `execute` is the whole interface; `wasm` adapts it for WebAssembly hosts.

pub mod display;
pub mod errors;
pub mod execute;
pub mod gas;
pub mod glob;
pub mod host;
pub mod json;
pub mod limits;
pub mod modules;
pub mod protocol;
pub mod sandbox;
pub mod store;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use execute::{execute, execute_json};
pub use protocol::{ExecuteRequest, Outcome};
