//! `tana:block`: the block the transaction executes in, and the gas meter.

use boa_engine::module::SyntheticModule;
use boa_engine::object::ObjectInitializer;
use boa_engine::property::Attribute;
use boa_engine::{Context, JsResult, JsString, JsValue, NativeFunction, js_string};

use super::ModuleSpec;
use crate::host;

pub const SPEC: ModuleSpec = ModuleSpec { specifier: "tana:block", exports: &["block"], init };

fn init(module: &SyntheticModule, context: &mut Context) -> JsResult<()> {
    let (height, timestamp, executor, gas_limit) = host::with_host(context, |h| {
        let b = &h.world.block;
        (b.height as f64, b.timestamp as f64, b.executor.clone(), h.gas.limit() as f64)
    })?;
    let fixed = Attribute::READONLY | Attribute::ENUMERABLE;
    let block = ObjectInitializer::new(context)
        .property(js_string!("height"), height, fixed)
        .property(js_string!("timestamp"), timestamp, fixed)
        .property(js_string!("executor"), JsString::from(executor), fixed)
        .property(js_string!("gasLimit"), gas_limit, fixed)
        .function(NativeFunction::from_fn_ptr(gas_used), js_string!("gasUsed"), 0)
        .function(NativeFunction::from_fn_ptr(gas_remaining), js_string!("gasRemaining"), 0)
        .build();
    module.set_export(&js_string!("block"), block.into())
}

fn used(context: &mut Context) -> JsResult<(u64, u64)> {
    let instructions = host::instructions_used(context);
    host::with_host(context, |h| (h.gas.total(instructions), h.gas.limit()))
}

fn gas_used(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let (used, limit) = used(context)?;
    Ok(JsValue::from(used.min(limit) as f64))
}

fn gas_remaining(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let (used, limit) = used(context)?;
    Ok(JsValue::from(limit.saturating_sub(used) as f64))
}
