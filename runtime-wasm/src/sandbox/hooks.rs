//! Host hooks: UTC as the only time zone, and `eval`/`Function` sources pass the
//! same nesting guard as the contract itself.

use boa_engine::{Context, JsNativeError, JsResult, JsString, realm::Realm};
use boa_engine::context::HostHooks;

use super::nesting;

pub struct TanaHooks;

impl HostHooks for TanaHooks {
    fn ensure_can_compile_strings(
        &self,
        _realm: Realm,
        parameters: &[JsString],
        body: &JsString,
        _direct: bool,
        _context: &mut Context,
    ) -> JsResult<()> {
        let mut source = body.to_std_string_escaped();
        for p in parameters {
            source.push_str(&p.to_std_string_escaped());
        }
        nesting::check(&source)
            .map_err(|message| JsNativeError::syntax().with_message(message).into())
    }

    fn local_timezone_offset_seconds(&self, _unix_time_seconds: i64) -> i32 {
        0
    }

    fn max_buffer_size(&self, _context: &mut Context) -> u64 {
        crate::limits::MAX_HEAP_BYTES as u64 / 2
    }
}
