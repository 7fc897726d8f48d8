//! Argument helpers for the natives of the `tana:*` modules. Misuse (a number
//! where a key belongs) is an ordinary `TypeError` the contract can catch; a string
//! that cannot cross to the host (a lone surrogate) stops the run with `NotSerializable`.

use boa_engine::{Context, JsNativeError, JsObject, JsResult, JsValue, object::builtins::JsPromise};

use crate::host;

pub fn string(args: &[JsValue], index: usize, what: &str, context: &mut Context) -> JsResult<String> {
    match args.get(index).and_then(JsValue::as_string) {
        Some(s) => host::string_to_host(&s, what, context),
        None => Err(JsNativeError::typ().with_message(format!("{what} must be a string")).into()),
    }
}

pub fn optional_string(args: &[JsValue], index: usize, what: &str, context: &mut Context) -> JsResult<Option<String>> {
    match args.get(index) {
        None => Ok(None),
        Some(v) if v.is_undefined() => Ok(None),
        Some(_) => string(args, index, what, context).map(Some),
    }
}

/// Resolves a promise with the value (all `tana:*` calls are async, as in the seed API).
pub fn resolved(value: impl Into<JsValue>, context: &mut Context) -> JsResult<JsValue> {
    Ok(JsPromise::resolve(value.into(), context)?.into())
}

pub fn this_object(this: &JsValue) -> JsResult<JsObject> {
    this.as_object().ok_or_else(|| JsNativeError::typ().with_message("called on a non-object").into())
}
