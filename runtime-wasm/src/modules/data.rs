//! `tana:data`: the contract's key-value storage. Writes are staged until
//! `commit()`; every method is async, as in the seed API.

use boa_engine::module::SyntheticModule;
use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::JsArray;
use boa_engine::{Context, JsResult, JsString, JsValue, NativeFunction, js_string};

use super::{ModuleSpec, args};
use crate::errors::{ErrorCode, Fatal};
use crate::gas::cost;
use crate::host;
use crate::glob;
use crate::json;
use crate::store::json_len;

pub const SPEC: ModuleSpec = ModuleSpec { specifier: "tana:data", exports: &["data"], init };

fn init(module: &SyntheticModule, context: &mut Context) -> JsResult<()> {
    let data = ObjectInitializer::new(context)
        .function(NativeFunction::from_fn_ptr(get), js_string!("get"), 1)
        .function(NativeFunction::from_fn_ptr(has), js_string!("has"), 1)
        .function(NativeFunction::from_fn_ptr(set), js_string!("set"), 2)
        .function(NativeFunction::from_fn_ptr(delete), js_string!("delete"), 1)
        .function(NativeFunction::from_fn_ptr(keys), js_string!("keys"), 1)
        .function(NativeFunction::from_fn_ptr(commit), js_string!("commit"), 0)
        .build();
    module.set_export(&js_string!("data"), data.into())
}

fn get(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let key = args::string(args, 0, "data.get key", context)?;
    let value = host::with_host(context, |h| h.store.get(&key).cloned())?;
    let size = value.as_ref().map_or(0, json_len);
    host::charge(context, cost::HOST_CALL + cost::READ_BYTE * (key.len() + size) as u64)?;
    let result = match value {
        Some(v) => json::from_json(&v, context)?,
        None => JsValue::null(),
    };
    args::resolved(result, context)
}

fn has(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let key = args::string(args, 0, "data.has key", context)?;
    host::charge(context, cost::HOST_CALL + cost::READ_BYTE * key.len() as u64)?;
    let present = host::with_host(context, |h| h.store.get(&key).is_some())?;
    args::resolved(present, context)
}

fn set(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let key = args::string(args, 0, "data.set key", context)?;
    let raw = args.get(1).cloned().unwrap_or_default();
    let Some(value) = host::value_to_json(&raw, &format!("data.set('{key}', …)"), "value", context)? else {
        return Err(host::abort(context, Fatal::new(
            ErrorCode::NotSerializable,
            format!("data.set('{key}', …): the value is undefined, a function or a symbol; use data.delete to remove a key"),
        )));
    };
    let size = key.len() + json_len(&value);
    host::charge(context, cost::HOST_CALL + cost::WRITE_BYTE * size as u64)?;
    let result = host::with_host(context, |h| h.store.set(&key, value))?;
    host::or_abort(context, result)?;
    args::resolved(JsValue::undefined(), context)
}

fn delete(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let key = args::string(args, 0, "data.delete key", context)?;
    host::charge(context, cost::HOST_CALL + cost::WRITE_BYTE * key.len() as u64)?;
    let result = host::with_host(context, |h| h.store.delete(&key))?;
    let existed = host::or_abort(context, result)?;
    args::resolved(existed, context)
}

fn keys(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let pattern = args::optional_string(args, 0, "data.keys pattern", context)?.unwrap_or_else(|| "*".into());
    let result = glob::Pattern::new(&pattern);
    let pattern = host::or_abort(context, result)?;
    // Matching reads every visible key against the pattern: charge that, not only the results.
    let (scanned, keys) = host::with_host(context, |h| h.store.keys(&pattern))?;
    host::charge(context, cost::HOST_CALL + cost::KEYS_PER_KEY * keys.len() as u64 + cost::KEYS_SCAN_BYTE * scanned as u64)?;
    let values = keys.into_iter().map(|k| JsValue::from(JsString::from(k)));
    let array = JsArray::from_iter(values, context);
    args::resolved(array, context)
}

fn commit(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let result = host::with_host(context, |h| h.store.commit())?;
    let written = host::or_abort(context, result)?;
    host::charge(context, cost::HOST_CALL + cost::COMMIT_BYTE * written as u64)?;
    args::resolved(JsValue::undefined(), context)
}
