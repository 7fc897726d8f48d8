//! The WebAssembly boundary. It only converts and maps: requests and outcomes
//! cross as JSON strings; everything else happens in `execute`.

use std::sync::Mutex;

use wasm_bindgen::prelude::wasm_bindgen;

use crate::sandbox::allocator::{self, CappedAllocator};

#[global_allocator]
static ALLOCATOR: CappedAllocator = CappedAllocator;

/// The last panic message, kept for the host to read after a trap.
static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

/// Runs one contract. Input and output are the JSON forms of `ExecuteRequest` and `Outcome`.
#[wasm_bindgen]
pub fn execute(request: &str) -> String {
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = info.to_string();
        }
    }));
    allocator::begin_run();
    let outcome = crate::execute_json(request);
    allocator::end_run();
    outcome
}

/// After a trap: why the instance died (`MemoryLimit`, or the panic message). Empty if unknown.
#[wasm_bindgen(js_name = trapReason)]
pub fn trap_reason() -> String {
    // The trapped run never reached `end_run`: lift its cap first, or the String
    // answered here could be refused and trap this call too.
    allocator::end_run();
    if allocator::memory_limit_hit() {
        return "MemoryLimit".into();
    }
    let panic = LAST_PANIC.lock().map(|m| m.clone()).unwrap_or_default();
    // A capacity overflow is a request for more memory than wasm32 can address.
    if panic.contains("capacity overflow") {
        return "MemoryLimit".into();
    }
    panic
}

/// Engine facts the host reports (version, limits).
#[wasm_bindgen(js_name = engineInfo)]
pub fn engine_info() -> String {
    use crate::limits::*;
    serde_json::json!({
        "tana": crate::modules::core::TANA_VERSION,
        "boa": crate::modules::core::BOA_VERSION,
        "limits": {
            "maxKeyBytes": MAX_KEY_BYTES, "maxValueBytes": MAX_VALUE_BYTES,
            "maxStateBytes": MAX_STATE_BYTES, "maxKeys": MAX_KEYS,
            "maxCodeBytes": MAX_CODE_BYTES, "defaultGasLimit": DEFAULT_GAS_LIMIT,
            "maxGasLimit": MAX_GAS_LIMIT, "maxHeapBytes": MAX_HEAP_BYTES,
        }
    })
    .to_string()
}

/// rand (a Boa dependency) asks getrandom for entropy; contracts never get any.
/// `Math.random` is replaced by the seeded stream, so this is unreachable in practice;
/// if it ever were reached, failing loudly beats silent nondeterminism.
#[unsafe(no_mangle)]
unsafe extern "Rust" fn __getrandom_v03_custom(_dest: *mut u8, _len: usize) -> Result<(), getrandom::Error> {
    Err(getrandom::Error::UNSUPPORTED)
}
