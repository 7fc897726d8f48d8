//! Host hooks: UTC as the only time zone, a buffer size cap, and gas for source text that
//! `eval` and `Function` compile at run time.

use boa_engine::context::HostHooks;
use boa_engine::realm::Realm;
use boa_engine::{Context, JsResult, JsString};

use crate::gas::cost::SOURCE_CODE_UNIT;

pub struct TanaHooks;

impl HostHooks for TanaHooks {
    fn local_timezone_offset_seconds(&self, _unix_time_seconds: i64) -> i32 {
        0
    }

    fn max_buffer_size(&self, _context: &mut Context) -> u64 {
        crate::limits::MAX_HEAP_BYTES as u64 / 2
    }

    /// Parsing and compiling cost time in proportion to the source (≈ 400 ns a code unit in
    /// the wasm build), so `eval` and `new Function` pay for it before any of it is done.
    fn ensure_can_compile_strings(&self, _realm: Realm, parameters: &[JsString], body: &JsString, _direct: bool, context: &mut Context) -> JsResult<()> {
        let units = parameters.iter().map(|p| p.len() as u64).sum::<u64>() + body.len() as u64;
        context.tana_charge(units.saturating_mul(SOURCE_CODE_UNIT))
    }
}
