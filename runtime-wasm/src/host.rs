//! Per-run host state, kept in the Boa context's host-defined data so that the
//! native functions of the `tana:*` modules can reach it.

use boa_engine::{Context, JsError, JsResult, JsValue};
use boa_engine::error::PanicError;

use crate::errors::{ErrorCode, Fatal};
use crate::gas::GasMeter;
use crate::limits::{MAX_LOG_BYTES, MAX_LOG_ENTRIES};
use crate::protocol::{ExecutionContext, LogEntry, LogLevel, RecordedFetch, Transfer};
use crate::sandbox::random::DeterministicRandom;
use crate::store::Store;

pub struct Host {
    pub store: Store,
    pub gas: GasMeter,
    pub world: ExecutionContext,
    pub logs: Vec<LogEntry>,
    log_bytes: usize,
    pub fetched: Vec<RecordedFetch>,
    pub transfers: Vec<Transfer>,
    pub random: DeterministicRandom,
    /// The first fatal failure; once set, the run's outcome is this failure whatever the contract does.
    pub fatal: Option<Fatal>,
}

impl Host {
    pub fn new(store: Store, gas: GasMeter, world: ExecutionContext) -> Self {
        let random = DeterministicRandom::from_seed_parts(&[
            world.chain_id.as_bytes(),
            world.contract_id.as_bytes(),
            world.tx.id.as_bytes(),
        ]);
        Self {
            store,
            gas,
            world,
            logs: Vec::new(),
            log_bytes: 0,
            fetched: Vec::new(),
            transfers: Vec::new(),
            random,
            fatal: None,
        }
    }

    /// The console bytes a run may still write.
    pub fn log_room(&self) -> usize {
        MAX_LOG_BYTES.saturating_sub(self.log_bytes)
    }

    pub fn push_log(&mut self, level: LogLevel, message: String) -> Result<(), Fatal> {
        self.log_bytes += message.len();
        if self.logs.len() >= MAX_LOG_ENTRIES || self.log_bytes > MAX_LOG_BYTES {
            return Err(Fatal::new(
                ErrorCode::ResourceLimit,
                format!("console output exceeds {MAX_LOG_ENTRIES} entries or {MAX_LOG_BYTES} bytes"),
            ));
        }
        self.logs.push(LogEntry { level, message });
        Ok(())
    }
}

/// Instructions Boa has executed so far in this run.
pub fn instructions_used(context: &Context) -> u64 {
    let limit = with_host_ref(context, |h| h.gas.limit()).unwrap_or(0);
    limit.saturating_sub(context.instructions_remaining() as u64)
}

fn with_host_ref<R>(context: &Context, f: impl FnOnce(&Host) -> R) -> Option<R> {
    context.get_data::<Host>().map(f)
}

/// Runs `f` with the host state. The host is installed before any contract code runs.
pub fn with_host<R>(context: &mut Context, f: impl FnOnce(&mut Host) -> R) -> JsResult<R> {
    match context.host_defined_mut().get_mut::<Host>() {
        Some(host) => Ok(f(host)),
        None => Err(PanicError::new("tana host state missing").into()),
    }
}

/// Records a fatal failure and returns an error the contract cannot catch.
pub fn abort(context: &mut Context, fatal: Fatal) -> JsError {
    if let Some(host) = context.host_defined_mut().get_mut::<Host>() {
        host.fatal.get_or_insert(fatal);
    }
    PanicError::new("tana: run stopped").into()
}

/// Charges host gas; aborts the run with `OutOfGas` past the limit.
pub fn charge(context: &mut Context, amount: u64) -> JsResult<()> {
    let used = instructions_used(context);
    let (over, limit) = with_host(context, |h| (h.gas.charge(amount, used).is_err(), h.gas.limit()))?;
    if over {
        return Err(abort(context, Fatal::out_of_gas(limit)));
    }
    Ok(())
}

/// A contract value as JSON for the host (`what` names the call, `root` the value), or the
/// uncatchable `NotSerializable` naming where and why. Errors the contract's own code
/// throws on the way (`toJSON`, getters, Proxy traps) propagate as they are.
pub fn value_to_json(value: &JsValue, what: &str, root: &str, context: &mut Context) -> JsResult<Option<serde_json::Value>> {
    match crate::json::to_json(value, root, context) {
        Ok(json) => Ok(json),
        Err(crate::json::ToJsonError::Thrown(error)) => Err(error),
        Err(crate::json::ToJsonError::Refused(why)) => {
            Err(abort(context, Fatal::new(ErrorCode::NotSerializable, format!("{what}: {why}"))))
        }
    }
}

/// A contract string for the host, or the uncatchable `NotSerializable` when it holds a
/// lone surrogate (`what` names it).
pub fn string_to_host(string: &boa_engine::JsString, what: &str, context: &mut Context) -> JsResult<String> {
    match crate::json::well_formed(string) {
        Ok(s) => Ok(s),
        Err(why) => Err(abort(context, Fatal::new(ErrorCode::NotSerializable, format!("{what} {why}")))),
    }
}

/// Turns a host-side `Result` into the uncatchable abort when it failed.
pub fn or_abort<T>(context: &mut Context, result: Result<T, Fatal>) -> JsResult<T> {
    result.map_err(|fatal| abort(context, fatal))
}
