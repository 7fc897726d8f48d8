//! `tana:core`: `console` (captured as logs) and `version`.

use boa_engine::module::SyntheticModule;
use boa_engine::object::ObjectInitializer;
use boa_engine::property::Attribute;
use boa_engine::{Context, JsObject, JsResult, JsValue, NativeFunction, js_string};

use super::ModuleSpec;
use crate::display;
use crate::gas::cost;
use crate::host;
use crate::protocol::LogLevel;

pub const SPEC: ModuleSpec = ModuleSpec { specifier: "tana:core", exports: &["console", "version"], init };

pub const TANA_VERSION: &str = env!("CARGO_PKG_VERSION");
pub const BOA_VERSION: &str = "0.22.0";

fn init(module: &SyntheticModule, context: &mut Context) -> JsResult<()> {
    let console = console_object(context);
    module.set_export(&js_string!("console"), console.into())?;
    let version = ObjectInitializer::new(context)
        .property(js_string!("tana"), js_string!(TANA_VERSION), Attribute::READONLY | Attribute::ENUMERABLE)
        .property(js_string!("boa"), js_string!(BOA_VERSION), Attribute::READONLY | Attribute::ENUMERABLE)
        .build();
    module.set_export(&js_string!("version"), version.into())
}

pub fn console_object(context: &mut Context) -> JsObject {
    ObjectInitializer::new(context)
        .function(NativeFunction::from_fn_ptr(log), js_string!("log"), 0)
        .function(NativeFunction::from_fn_ptr(info), js_string!("info"), 0)
        .function(NativeFunction::from_fn_ptr(log), js_string!("debug"), 0)
        .function(NativeFunction::from_fn_ptr(warn), js_string!("warn"), 0)
        .function(NativeFunction::from_fn_ptr(error), js_string!("error"), 0)
        .build()
}

fn log(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    write(LogLevel::Log, args, context)
}
fn info(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    write(LogLevel::Info, args, context)
}
fn warn(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    write(LogLevel::Warn, args, context)
}
fn error(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    write(LogLevel::Error, args, context)
}

fn write(level: LogLevel, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    // A message longer than the room left fails (`ResourceLimit`) however long it is: one byte
    // past the room is enough to know, and no more of it is made.
    let room = host::with_host(context, |h| h.log_room())?;
    let message = format_args(args, room.saturating_add(1), context)?;
    host::charge(context, cost::HOST_CALL + cost::LOG_BYTE * message.len() as u64)?;
    let result = host::with_host(context, |h| h.push_log(level, message))?;
    host::or_abort(context, result)?;
    Ok(JsValue::undefined())
}

/// Strings print as they are (and, like every string that crosses to the host, must be
/// well-formed Unicode); everything else in Boa's inspection format, which shows one level
/// of an object or array, reads properties without running any of the contract's code and
/// escapes what it shows. Text past `max_bytes` is not made (see `display`).
fn format_args(args: &[JsValue], max_bytes: usize, context: &mut Context) -> JsResult<String> {
    let mut message = String::new();
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            message.push(' ');
        }
        let room = max_bytes.saturating_sub(message.len());
        match arg.as_string() {
            Some(s) => message.push_str(&host::string_to_host(&s, &format!("console argument {}", i + 1), context)?),
            None => message.push_str(&display::bounded(arg, room)),
        }
        if message.len() > max_bytes {
            break;
        }
    }
    Ok(message)
}
