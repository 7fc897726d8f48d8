//! `execute`: the engine's pure function. Code, state, context and gas limit in;
//! outcome out. A failed run returns a named error and an empty diff.

use std::path::Path;

use boa_engine::builtins::promise::PromiseState;
use boa_engine::error::{EngineError, RuntimeLimitError};
use boa_engine::{Context, JsError, JsValue, Module, Source, js_string};
use serde_json::Value;

use crate::display;
use crate::errors::{ErrorCode, Fatal};
use crate::gas::{GasMeter, cost};
use crate::host::{self, Host};
use crate::json;
use crate::limits::{DEFAULT_GAS_LIMIT, MAX_CODE_BYTES, MAX_GAS_LIMIT, MAX_MESSAGE_BYTES};
use crate::protocol::{EngineFailure, ExecuteRequest, Outcome, StateDiff};
use crate::sandbox::{realm::Realm, seeds};
use crate::store::Store;

/// The file name contract positions are reported against.
pub const CONTRACT_PATH: &str = "contract.js";

/// Prepended to every contract, on its first line so line numbers stay true.
/// Boa 0.22 panics if the synchronous start of a top-level-await module throws an
/// uncatchable error (out of gas, a host abort); beginning with an `await` makes
/// that start trivial, so all contract code runs inside promise jobs, where such
/// errors propagate normally.
const PRELUDE: &str = "await undefined;";
/// What a contract sees when it nests too deeply, whichever limit it met.
const DEPTH_LIMIT_MESSAGE: &str = "the run nested deeper than the engine allows (calls, or nested values, prototype or proxy chains in built-ins)";
const STACK_LIMIT_MESSAGE: &str = "the run needed more of the engine's value stack than it allows (deep calls, or code that holds very many values at once: thousands of bindings in one scope, or of parts in one template or literal)";

/// Smallest gas limit: enough for the prelude itself.
const MIN_GAS_LIMIT: u64 = 1_000;

/// Runs a request given as JSON and answers with the outcome as JSON, in a realm of its own.
pub fn execute_json(request: &str) -> String {
    match Realm::prepare() {
        Ok(mut realm) => execute_json_in(&mut realm, request),
        Err(e) => outcome_json(&failed(Fatal::new(ErrorCode::EngineFailure, e.to_string()), 0)),
    }
}

/// Runs a request given as JSON in a prepared realm, which the run leaves used: it must not
/// serve another run (the wasm host restores its memory image first).
pub fn execute_json_in(realm: &mut Realm, request: &str) -> String {
    // The request's objects are keyed by the sender's choice: they hash with a seed of its text.
    boa_engine::tana::set_hash_seed(seeds::hash_seed_of_request(request));
    let outcome = match serde_json::from_str::<ExecuteRequest>(request) {
        Ok(request) => execute_in(realm, request),
        Err(e) => failed(Fatal::new(ErrorCode::InvalidRequest, format!("request is not valid: {e}")), 0),
    };
    outcome_json(&outcome)
}

/// The JSON of a run refused before it began.
pub fn failed_json(fatal: Fatal) -> String {
    outcome_json(&failed(fatal, 0))
}

fn outcome_json(outcome: &Outcome) -> String {
    serde_json::to_string(outcome).unwrap_or_else(|e| {
        format!(r#"{{"ok":false,"value":null,"error":{{"code":"EngineFailure","message":"outcome not serialisable: {e}"}},"diff":{{"set":{{}},"deleted":[],"transfers":[]}},"logs":[],"gasUsed":0,"fetches":[]}}"#)
    })
}

/// Runs a request in a realm of its own.
pub fn execute(request: ExecuteRequest) -> Outcome {
    match Realm::prepare() {
        Ok(mut realm) => execute_in(&mut realm, request),
        Err(e) => failed(Fatal::new(ErrorCode::EngineFailure, e.to_string()), 0),
    }
}

/// Runs a request in a prepared realm (see `execute_json_in`).
pub fn execute_in(realm: &mut Realm, request: ExecuteRequest) -> Outcome {
    let gas_limit = request.gas_limit.unwrap_or(DEFAULT_GAS_LIMIT);
    if !(MIN_GAS_LIMIT..=MAX_GAS_LIMIT).contains(&gas_limit) {
        return failed(Fatal::new(ErrorCode::InvalidRequest, format!("gasLimit must be between {MIN_GAS_LIMIT} and {MAX_GAS_LIMIT}")), 0);
    }
    if request.code.len() > MAX_CODE_BYTES {
        return failed(Fatal::new(ErrorCode::ParseError, format!("contract is {} bytes; the limit is {MAX_CODE_BYTES}", request.code.len())), 0);
    }
    let hash_seed = seeds::hash_seed_of_run(&request);
    let compiled = realm.compiled.take().filter(|(code, _)| *code == request.code).map(|(_, module)| module);
    realm.enter(Host::new(Store::new(request.state), GasMeter::new(gas_limit), request.context));
    let loaded = host::charge(&mut realm.context, cost::CODE_BYTE.saturating_mul(request.code.len() as u64)).map_err(Failure::Thrown);
    let module = loaded.and_then(|()| match compiled {
        Some(module) => Ok(module),
        None => parse_module(&request.code, &mut realm.context).map_err(Failure::Described),
    });
    let result = module.and_then(|module| run(&module, request.call.as_ref(), hash_seed, &mut realm.context));
    finish(result, &mut realm.context)
}

/// Parses a contract ahead of its run and keeps it in the realm, for the run whose code it
/// is. A run is charged for its code by size (`cost::CODE_BYTE`), never for the parse itself, so
/// its outcome is the same whether its code was compiled ahead or not. False if the code does not
/// parse (its run reports the `ParseError`).
pub fn compile_in(realm: &mut Realm, code: &str) -> bool {
    if code.len() > MAX_CODE_BYTES {
        return false;
    }
    match parse_module(code, &mut realm.context) {
        Ok(module) => {
            realm.compiled = Some((code.to_owned(), module));
            true
        }
        Err(_) => false,
    }
}

fn parse_module(code: &str, context: &mut Context) -> Result<Module, EngineFailure> {
    boa_engine::tana::set_hash_seed(seeds::hash_seed_of_code(code));
    let code = format!("{PRELUDE}{code}");
    let source = Source::from_bytes(code.as_bytes()).with_path(Path::new(CONTRACT_PATH));
    Module::parse(source, None, context).map_err(|e| parse_failure(&e))
}

/// What the contract produced before the host state is read back.
type RunResult = Result<Value, Failure>;

enum Failure {
    Thrown(JsError),
    Fatal(Fatal),
    /// Already described: a parse error, or a thrown value described while gas still counted.
    Described(EngineFailure),
}

fn run(module: &Module, call: Option<&crate::protocol::FunctionCall>, hash_seed: u64, context: &mut Context) -> RunResult {
    // Compiling noted string work too; a run's gas must not depend on whether it compiled.
    context.tana_forget_string_work();
    // From here on, the tables the contract fills hash with a seed of its inputs (see `seeds`).
    boa_engine::tana::set_hash_seed(hash_seed);
    let evaluation = module.load_link_evaluate(context);
    settle(evaluation.into(), context)?;
    let namespace = module.namespace(context);
    let Some(call) = call else {
        let default = namespace.get(js_string!("default"), context).map_err(Failure::Thrown)?;
        return if default.is_callable() { Ok(Value::Null) } else { to_json(&default, context) };
    };
    let function = namespace.get(boa_engine::JsString::from(call.function.as_str()), context).map_err(Failure::Thrown)?;
    let Some(function) = function.as_callable() else {
        return Err(Failure::Fatal(Fatal::new(ErrorCode::ExportNotFound, format!("the contract exports no function '{}'", call.function))));
    };
    let mut args = Vec::with_capacity(call.args.len());
    for arg in &call.args {
        args.push(json::from_json(arg, context).map_err(Failure::Thrown)?);
    }
    let returned = function.call(&JsValue::undefined(), &args, context).map_err(Failure::Thrown)?;
    let value = settle(returned, context)?;
    to_json(&value, context)
}

/// Runs jobs until the value (a promise or not) settles, and returns what it settled to.
fn settle(value: JsValue, context: &mut Context) -> Result<JsValue, Failure> {
    context.run_jobs().map_err(Failure::Thrown)?;
    let Some(promise) = value.as_promise() else { return Ok(value) };
    match promise.state() {
        PromiseState::Fulfilled(v) => Ok(v),
        PromiseState::Rejected(reason) => Err(Failure::Thrown(JsError::from_opaque(reason))),
        PromiseState::Pending => Err(Failure::Fatal(Fatal::new(
            ErrorCode::Unsettled,
            "the contract awaited a promise that never settles",
        ))),
    }
}

fn to_json(value: &JsValue, context: &mut Context) -> RunResult {
    match json::to_json(value, "result", context) {
        Ok(v) => Ok(v.unwrap_or(Value::Null)),
        Err(json::ToJsonError::Thrown(error)) => Err(Failure::Thrown(error)),
        Err(json::ToJsonError::Refused(why)) => Err(Failure::Fatal(Fatal::new(ErrorCode::NotSerializable, why))),
    }
}

fn finish(result: RunResult, context: &mut Context) -> Outcome {
    // Where an uncatchable error (out of gas, too deep, a host limit) happened in the contract:
    // the innermost frame's position, when the engine knows it (not between two statements).
    let position = match &result {
        Err(Failure::Thrown(error)) => {
            error.tana_backtrace().and_then(|trace| trace.lines().next().and_then(position_in_contract)).map(|(l, c)| unprelude(l, c))
        }
        _ => None,
    };
    let located = |mut failure: EngineFailure| {
        if failure.line.is_none() {
            (failure.line, failure.column) = position.unzip();
        }
        failure
    };
    // A value the contract threw is described while its gas still counts: reading its `name`,
    // `message` and `stack` runs its getters and proxy traps, which may do any amount of work.
    let (limit, stopped) = context.get_data::<Host>().map_or((0, true), |h| (h.gas.limit(), h.fatal.is_some()));
    let result = match result {
        Err(Failure::Thrown(error)) if !stopped => Err(Failure::Described(located(thrown_failure(error, context, limit)))),
        other => other,
    };
    // What describing it noted (long strings decoded) is charged now; past the limit, out of gas.
    let _ = context.tana_charge(0);
    let instructions = host::instructions_used(context);
    let out_of_instructions = context.instructions_remaining() == 0;
    let Some(host) = context.remove_data::<Host>() else {
        return failed(Fatal::new(ErrorCode::EngineFailure, "host state lost"), 0);
    };
    let gas_used = host.gas.total(instructions).min(limit);
    let over_limit = out_of_instructions || host.gas.total(instructions) > limit;
    let outcome = match (host.fatal.clone(), result) {
        (Some(fatal), _) => Err(located(failure_of(fatal))),
        (None, _) if over_limit => Err(located(failure_of(Fatal::out_of_gas(limit)))),
        (None, Ok(value)) => Ok(value),
        (None, Err(Failure::Fatal(fatal))) => Err(failure_of(fatal)),
        (None, Err(Failure::Described(failure))) => Err(failure),
        // Described above unless the host stopped the run, which the first arm takes.
        (None, Err(Failure::Thrown(_))) => Err(failure_of(Fatal::new(ErrorCode::EngineFailure, "an uncaught value was not described"))),
    };
    match outcome {
        Ok(value) => {
            let mut diff = host.store.diff();
            diff.transfers = host.transfers;
            Outcome { ok: true, value, error: None, diff, logs: host.logs, gas_used, fetches: host.fetched }
        }
        Err(error) => {
            let gas_used = if error.code == ErrorCode::OutOfGas { limit } else { gas_used };
            Outcome {
                ok: false,
                value: Value::Null,
                error: Some(error),
                diff: StateDiff::default(),
                logs: host.logs,
                gas_used,
                fetches: host.fetched,
            }
        }
    }
}

fn failed(fatal: Fatal, gas_used: u64) -> Outcome {
    Outcome {
        ok: false,
        value: Value::Null,
        error: Some(failure_of(fatal)),
        diff: StateDiff::default(),
        logs: Vec::new(),
        gas_used,
        fetches: Vec::new(),
    }
}

fn failure_of(fatal: Fatal) -> EngineFailure {
    EngineFailure { code: fatal.code, message: fatal.message, line: None, column: None, url: fatal.url }
}

/// Parse errors read "… at line L, col C …"; the position is lifted out and
/// corrected for the prelude.
fn parse_failure(error: &JsError) -> EngineFailure {
    let message = error.to_string();
    let Some(at) = message.rfind(" at line ") else {
        return failure_of(Fatal::new(ErrorCode::ParseError, message));
    };
    let mut numbers = message[at + 9..].split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
    let line = numbers.next().and_then(|n| n.parse::<u32>().ok());
    let column = numbers.next().and_then(|n| n.parse::<u32>().ok());
    let (line, column) = match (line, column) {
        (Some(l), Some(c)) => unprelude(l, c),
        _ => return failure_of(Fatal::new(ErrorCode::ParseError, message)),
    };
    let text = format!("{} at line {line}, column {column}", message[..at].trim_end());
    EngineFailure { code: ErrorCode::ParseError, message: text, line: Some(line), column: Some(column), url: None }
}

/// Maps a position in the prelude-prefixed source back to the contract's own.
fn unprelude(line: u32, column: u32) -> (u32, u32) {
    if line == 1 {
        (1, column.saturating_sub(PRELUDE.len() as u32).max(1))
    } else {
        (line, column)
    }
}

/// An error the contract threw and did not catch, or an engine limit.
fn thrown_failure(error: JsError, context: &mut Context, gas_limit: u64) -> EngineFailure {
    if let Some(engine) = error.as_engine() {
        return match engine {
            EngineError::RuntimeLimit(RuntimeLimitError::Recursion) => failure_of(Fatal::new(ErrorCode::DepthLimit, DEPTH_LIMIT_MESSAGE)),
            EngineError::RuntimeLimit(RuntimeLimitError::StackSize) => failure_of(Fatal::new(ErrorCode::DepthLimit, STACK_LIMIT_MESSAGE)),
            EngineError::NoInstructionsRemain => failure_of(Fatal::out_of_gas(gas_limit)),
            _ => failure_of(Fatal::new(ErrorCode::EngineFailure, engine.to_string())),
        };
    }
    let opaque = error.into_opaque(context).unwrap_or_default();
    let (message, stack) = describe(&opaque, context);
    let (line, column) = stack.as_deref().and_then(position_in_contract).map(|(l, c)| unprelude(l, c)).unzip();
    EngineFailure { code: ErrorCode::ContractError, message, line, column, url: None }
}

/// "Name: message" for Error objects, the value's display otherwise, plus its stack; at most
/// `MAX_MESSAGE_BYTES` of it (a thrown value can reach any amount of text).
fn describe(value: &JsValue, context: &mut Context) -> (String, Option<String>) {
    let shown = |value: &JsValue| format!("Uncaught {}", display::bounded(value, MAX_MESSAGE_BYTES));
    let Some(object) = value.as_object() else {
        return (display::shortened(shown(value), MAX_MESSAGE_BYTES), None);
    };
    let text = |key: &str, context: &mut Context| {
        object.get(boa_engine::JsString::from(key), context).ok().and_then(|v| v.as_string().map(|s| s.to_std_string_escaped()))
    };
    let stack = text("stack", context);
    let message = match (text("name", context), text("message", context)) {
        (Some(name), Some(message)) if message.is_empty() => name,
        (Some(name), Some(message)) => format!("{name}: {message}"),
        (_, Some(message)) => message,
        _ => shown(value),
    };
    (display::shortened(message, MAX_MESSAGE_BYTES), stack)
}

/// Finds the first `contract.js:LINE:COLUMN` in a stack trace.
pub fn position_in_contract(stack: &str) -> Option<(u32, u32)> {
    let start = stack.find(CONTRACT_PATH)? + CONTRACT_PATH.len();
    let mut parts = stack[start..].strip_prefix(':')?.splitn(3, |c: char| !c.is_ascii_digit());
    let line = parts.next()?.parse().ok()?;
    let column = parts.next()?.parse().ok()?;
    Some((line, column))
}
