//! Argument helpers for the natives of the `tana:*` modules. Misuse (a number
//! where a key belongs) is an ordinary `TypeError` the contract can catch.

use boa_engine::{Context, JsNativeError, JsResult, JsValue, JsObject, object::builtins::JsPromise};

pub fn string(args: &[JsValue], index: usize, what: &str) -> JsResult<String> {
    match args.get(index).and_then(JsValue::as_string) {
        Some(s) => Ok(s.to_std_string_escaped()),
        None => Err(JsNativeError::typ().with_message(format!("{what} must be a string")).into()),
    }
}

pub fn optional_string(args: &[JsValue], index: usize, what: &str) -> JsResult<Option<String>> {
    match args.get(index) {
        None => Ok(None),
        Some(v) if v.is_undefined() => Ok(None),
        Some(_) => string(args, index, what).map(Some),
    }
}

/// Resolves a promise with the value (all `tana:*` calls are async, as in the seed API).
pub fn resolved(value: impl Into<JsValue>, context: &mut Context) -> JsResult<JsValue> {
    Ok(JsPromise::resolve(value.into(), context)?.into())
}

pub fn this_object(this: &JsValue) -> JsResult<JsObject> {
    this.as_object()
        .ok_or_else(|| JsNativeError::typ().with_message("called on a non-object").into())
}
