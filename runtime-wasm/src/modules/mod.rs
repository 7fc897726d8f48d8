//! The `tana:*` modules, provided to contracts as synthetic modules by the loader.

pub mod args;
pub mod block;
pub mod core;
pub mod data;
pub mod tx;
pub mod utils;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use boa_engine::module::{ModuleLoader, ModuleRequest, Referrer, SyntheticModule, SyntheticModuleInitializer};
use boa_engine::{Context, JsNativeError, JsResult, JsString, Module};

use crate::errors::{ErrorCode, Fatal};
use crate::host;

/// One `tana:*` module: its specifier, exported names and how to fill them.
pub struct ModuleSpec {
    pub specifier: &'static str,
    pub exports: &'static [&'static str],
    pub init: fn(&SyntheticModule, &mut Context) -> JsResult<()>,
}

pub const MODULES: &[ModuleSpec] = &[core::SPEC, data::SPEC, utils::SPEC, block::SPEC, tx::SPEC];

/// Resolves `tana:*` specifiers; anything else is `ModuleNotFound`.
#[derive(Default)]
pub struct TanaModuleLoader {
    loaded: RefCell<BTreeMap<&'static str, Module>>,
}

impl TanaModuleLoader {
    fn resolve(&self, specifier: &str, context: &mut Context) -> JsResult<Module> {
        let Some(spec) = MODULES.iter().find(|m| m.specifier == specifier) else {
            let known: Vec<&str> = MODULES.iter().map(|m| m.specifier).collect();
            let fatal = Fatal::new(
                ErrorCode::ModuleNotFound,
                format!("cannot import '{specifier}': contracts may import only {}", known.join(", ")),
            );
            let message = fatal.message.clone();
            let _ = host::with_host(context, |h| h.fatal.get_or_insert(fatal).clone());
            return Err(JsNativeError::typ().with_message(message).into());
        };
        if let Some(module) = self.loaded.borrow().get(spec.specifier) {
            return Ok(module.clone());
        }
        let names: Vec<JsString> = spec.exports.iter().map(|n| JsString::from(*n)).collect();
        let init = spec.init;
        let module = Module::synthetic(
            &names,
            SyntheticModuleInitializer::from_copy_closure_with_captures(
                |module, init, context| init(module, context),
                Init(init),
            ),
            None,
            None,
            context,
        );
        self.loaded.borrow_mut().insert(spec.specifier, module.clone());
        Ok(module)
    }
}

/// A plain function pointer holds no GC references, so it needs no tracing.
#[derive(Clone, Copy)]
struct Init(fn(&SyntheticModule, &mut Context) -> JsResult<()>);

impl std::ops::Deref for Init {
    type Target = fn(&SyntheticModule, &mut Context) -> JsResult<()>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl boa_engine::gc::Finalize for Init {}
// SAFETY: `Init` contains only a function pointer, which owns no GC objects.
unsafe impl boa_engine::gc::Trace for Init {
    boa_engine::gc::empty_trace!();
}

impl ModuleLoader for TanaModuleLoader {
    async fn load_imported_module(
        self: Rc<Self>,
        _referrer: Referrer,
        request: ModuleRequest,
        context: &RefCell<&mut Context>,
    ) -> JsResult<Module> {
        let specifier = request.specifier().to_std_string_escaped();
        self.resolve(&specifier, &mut context.borrow_mut())
    }
}
