//! `tana:utils`: `fetch`, answered only from responses the host recorded, and only
//! for allowed hosts. A URL with no recording stops the run with
//! `FetchNotRecorded` naming it, so the host can fetch it and run again.

use boa_engine::module::SyntheticModule;
use boa_engine::object::{FunctionObjectBuilder, ObjectInitializer};
use boa_engine::property::Attribute;
use boa_engine::{Context, JsNativeError, JsResult, JsString, JsValue, NativeFunction, js_string};

use super::{ModuleSpec, args};
use crate::errors::{ErrorCode, Fatal};
use crate::gas::cost;
use crate::host;
use crate::json;
use crate::limits::MAX_FETCHES;
use crate::protocol::RecordedFetch;

pub const SPEC: ModuleSpec = ModuleSpec { specifier: "tana:utils", exports: &["fetch"], init };

fn init(module: &SyntheticModule, context: &mut Context) -> JsResult<()> {
    let fetch = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(fetch)).name(js_string!("fetch")).length(1).build();
    module.set_export(&js_string!("fetch"), fetch.into())
}

/// The host part of an `http(s)` URL, lower-cased, without user info or port.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = if host_port.starts_with('[') {
        host_port.split(']').next().map(|h| format!("{h}]"))?
    } else {
        host_port.split(':').next()?.to_owned()
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

pub fn host_allowed(host: &str, allowed: &[String]) -> bool {
    allowed.iter().any(|a| {
        let a = a.to_ascii_lowercase();
        host == a || host.ends_with(&format!(".{a}"))
    })
}

fn fetch(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let url = args::string(args, 0, "fetch url", context)?;
    host::charge(context, cost::FETCH)?;
    let lookup = host::with_host(context, |h| -> Result<RecordedFetch, Fatal> {
        let host = url_host(&url)
            .ok_or_else(|| Fatal::new(ErrorCode::FetchNotAllowed, format!("'{url}' is not an http(s) URL")))?;
        if !host_allowed(&host, &h.world.allowed_hosts) {
            return Err(Fatal::new(
                ErrorCode::FetchNotAllowed,
                format!("fetch to '{host}' is not allowed; allowed hosts: {}", h.world.allowed_hosts.join(", ")),
            ));
        }
        let recorded = h.world.fetches.iter().find(|f| f.url == url).cloned().ok_or_else(|| Fatal {
            code: ErrorCode::FetchNotRecorded,
            message: format!("no recorded response for {url}"),
            url: Some(url.clone()),
        })?;
        if !h.fetched.iter().any(|f| f.url == url) {
            if h.fetched.len() >= MAX_FETCHES {
                return Err(Fatal::new(ErrorCode::ResourceLimit, format!("more than {MAX_FETCHES} distinct fetches in one run")));
            }
            h.fetched.push(recorded.clone());
        }
        Ok(recorded)
    })?;
    let recorded = host::or_abort(context, lookup)?;
    host::charge(context, cost::FETCH_BYTE * recorded.body.len() as u64)?;
    let response = response_object(recorded, context)?;
    args::resolved(response, context)
}

fn response_object(recorded: RecordedFetch, context: &mut Context) -> JsResult<JsValue> {
    let headers = json::from_json(&serde_json::to_value(&recorded.headers).unwrap_or_default(), context)?;
    let fixed = Attribute::READONLY | Attribute::ENUMERABLE;
    let ok = (200..300).contains(&recorded.status);
    let response = ObjectInitializer::new(context)
        .property(js_string!("url"), JsString::from(recorded.url), fixed)
        .property(js_string!("status"), recorded.status, fixed)
        .property(js_string!("ok"), ok, fixed)
        .property(js_string!("headers"), headers, fixed)
        .property(js_string!("body"), JsString::from(recorded.body), fixed)
        .function(NativeFunction::from_fn_ptr(text), js_string!("text"), 0)
        .function(NativeFunction::from_fn_ptr(json_body), js_string!("json"), 0)
        .build();
    Ok(response.into())
}

fn body_of(this: &JsValue, context: &mut Context) -> JsResult<String> {
    let object = args::this_object(this)?;
    let body = object.get(js_string!("body"), context)?;
    body.as_string()
        .map(|s| s.to_std_string_escaped())
        .ok_or_else(|| JsNativeError::typ().with_message("response has no body").into())
}

fn text(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let body = body_of(this, context)?;
    args::resolved(JsString::from(body), context)
}

fn json_body(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let body = body_of(this, context)?;
    let value: serde_json::Value = serde_json::from_str(&body)
        .map_err(|e| JsNativeError::syntax().with_message(format!("response is not JSON: {e}")))?;
    let value = json::from_json(&value, context)?;
    args::resolved(value, context)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_parsed_and_matched() {
        assert_eq!(url_host("https://pokeapi.co/api/v2/x").as_deref(), Some("pokeapi.co"));
        assert_eq!(url_host("http://user@LocalHost:8080/x").as_deref(), Some("localhost"));
        assert_eq!(url_host("ftp://x"), None);
        let allowed = vec!["pokeapi.co".to_string()];
        assert!(host_allowed("pokeapi.co", &allowed));
        assert!(host_allowed("api.pokeapi.co", &allowed));
        assert!(!host_allowed("evilpokeapi.co", &allowed));
    }
}
