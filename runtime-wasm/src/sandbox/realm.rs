//! Builds the Boa realm contracts run in and closes its global object: only
//! standard, deterministic ECMAScript stays. A realm is prepared once and then
//! entered by a run; in the wasm build the host restores the instance's memory to
//! the image taken right after preparing, so every run enters the same realm, byte
//! for byte, and no run can see anything of another (see `wasm.rs`).

use std::rc::Rc;

use boa_engine::property::Attribute;
use boa_engine::object::FunctionObjectBuilder;
use boa_engine::{Context, JsResult, JsValue, Module, NativeFunction, js_string};

use super::{clock::BlockClock, hooks::TanaHooks, jobs::GasJobQueue};
use crate::host::{self, Host};
use crate::gas;
use crate::limits::{MAX_NATIVE_DEPTH, MAX_RECURSION, MAX_SOURCE_NESTING};
use crate::modules::{TanaModuleLoader, core::console_object};

/// Globals that would leak time, scheduling, garbage collection or shared memory.
const REMOVED_GLOBALS: &[&str] =
    &["WeakRef", "FinalizationRegistry", "SharedArrayBuffer", "Atomics", "Intl", "Temporal"];

/// Unfinished proposals that Boa's `experimental` feature brings beside the finished
/// built-ins it gates: contracts get standard JavaScript only. (object, property)
const UNFINISHED_PROPOSALS: &[(&str, &str)] =
    &[("Promise", "allKeyed"), ("Promise", "allSettledKeyed"), ("Iterator", "includes")];

/// A closed realm, ready for one run.
pub struct Realm {
    pub context: Context,
    clock: Rc<BlockClock>,
    /// A contract parsed ahead of its run, with its code (see `execute::compile_in`).
    pub compiled: Option<(String, Module)>,
}

impl Realm {
    /// Builds the context and closes its globals; then collects everything the building left
    /// unreachable and puts the collector in its initial state, so that when it collects during
    /// the run depends on the run alone.
    pub fn prepare() -> JsResult<Self> {
        boa_engine::parser::nesting::set_limit(MAX_SOURCE_NESTING);
        // The realm's own tables hash with one seed on every host, whatever ran on this thread before.
        boa_engine::tana::set_hash_seed(boa_engine::tana::IMAGE_HASH_SEED);
        let clock = Rc::new(BlockClock::default());
        let mut context = Context::builder()
            // Preparing is no run's work: the budget is the run's (see `enter`).
            .instructions_remaining(usize::MAX)
            .clock(clock.clone())
            .host_hooks(Rc::new(TanaHooks))
            .job_executor(Rc::new(GasJobQueue::default()))
            .module_loader(Rc::new(TanaModuleLoader::default()))
            .can_block(false)
            .build()?;
        context.runtime_limits_mut().set_recursion_limit(MAX_RECURSION);
        context.set_native_depth_limit(MAX_NATIVE_DEPTH);
        context.set_native_gas(gas::NATIVE);
        close_globals(&mut context)?;
        boa_engine::gc::tana_reset();
        Ok(Self { context, clock, compiled: None })
    }

    /// Gives the run its host state: store, gas budget, block time, seeded randomness.
    pub fn enter(&mut self, host: Host) {
        let budget = usize::try_from(host.gas.limit()).unwrap_or(usize::MAX);
        self.context.set_instructions_remaining(budget);
        self.clock.set(host.world.block.timestamp);
        self.context.tana_reset();
        self.context.insert_data(host);
    }
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
