//! Builds the Boa context for one run and closes the global object: only
//! standard, deterministic ECMAScript stays.

use std::rc::Rc;

use boa_engine::property::Attribute;
use boa_engine::object::FunctionObjectBuilder;
use boa_engine::{Context, JsResult, JsValue, NativeFunction, js_string};

use super::{clock::BlockClock, hooks::TanaHooks, jobs::GasJobQueue};
use crate::host::{self, Host};
use crate::gas;
use crate::limits::{MAX_NATIVE_DEPTH, MAX_RECURSION};
use crate::modules::{TanaModuleLoader, core::console_object};

/// Globals that would leak time, scheduling, garbage collection or shared memory.
const REMOVED_GLOBALS: &[&str] =
    &["WeakRef", "FinalizationRegistry", "SharedArrayBuffer", "Atomics", "Intl", "Temporal"];

/// Unfinished proposals that Boa's `experimental` feature brings beside the finished
/// built-ins it gates: contracts get standard JavaScript only. (object, property)
const UNFINISHED_PROPOSALS: &[(&str, &str)] =
    &[("Promise", "allKeyed"), ("Promise", "allSettledKeyed"), ("Iterator", "includes")];

pub fn new_context(host: Host, loader: Rc<TanaModuleLoader>) -> JsResult<Context> {
    let budget = usize::try_from(host.gas.limit()).unwrap_or(usize::MAX);
    let mut context = Context::builder()
        .instructions_remaining(budget)
        .clock(Rc::new(BlockClock::new(host.world.block.timestamp)))
        .host_hooks(Rc::new(TanaHooks))
        .job_executor(Rc::new(GasJobQueue::default()))
        .module_loader(loader)
        .can_block(false)
        .build()?;
    context.runtime_limits_mut().set_recursion_limit(MAX_RECURSION);
    context.set_native_depth_limit(MAX_NATIVE_DEPTH);
    context.set_native_gas(gas::NATIVE);
    context.tana_reset();
    context.insert_data(host);
    close_globals(&mut context)?;
    Ok(context)
}

fn close_globals(context: &mut Context) -> JsResult<()> {
    let global = context.global_object();
    for name in REMOVED_GLOBALS {
        global.delete_property_or_throw(js_string!(*name), context)?;
    }
    for (object, property) in UNFINISHED_PROPOSALS {
        if let Some(object) = global.get(js_string!(*object), context)?.as_object() {
            object.delete_property_or_throw(js_string!(*property), context)?;
            // Prototype methods (Iterator.prototype.includes) as well as static ones.
            if let Some(prototype) = object.get(js_string!("prototype"), context)?.as_object() {
                prototype.delete_property_or_throw(js_string!(*property), context)?;
            }
        }
    }
    // Math.random draws from the transaction-seeded stream.
    let math = global.get(js_string!("Math"), context)?;
    if let Some(math) = math.as_object() {
        // Named and sized as the built-in it replaces, so it looks native (`random`, length 0).
        let random = FunctionObjectBuilder::new(context.realm(), NativeFunction::from_fn_ptr(math_random)).name(js_string!("random")).length(0).build();
        math.set(js_string!("random"), random, true, context)?;
    }
    // `console` is also a global, the same object `tana:core` exports (writable, configurable,
    // not enumerable, as in browsers and Node).
    let console = console_object(context);
    context.register_global_property(js_string!("console"), console, Attribute::WRITABLE | Attribute::CONFIGURABLE)?;
    Ok(())
}

fn math_random(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    host::with_host(context, |h| JsValue::from(h.random.next_f64()))
}
