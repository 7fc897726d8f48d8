//! The WebAssembly boundary. It only converts and maps: requests and outcomes
//! cross as JSON strings; everything else happens in `execute`.

use std::cell::RefCell;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::wasm_bindgen;

use crate::errors::{ErrorCode, Fatal};
use crate::sandbox::allocator::{self, CappedAllocator};
use crate::sandbox::realm::Realm;

#[global_allocator]
static ALLOCATOR: CappedAllocator = CappedAllocator;

/// The last panic message, kept for the host to read after a trap.
static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

thread_local! {
    /// The realm `prepare` built; every run enters it.
    static PREPARED: RefCell<Option<Realm>> = const { RefCell::new(None) };
}

/// Set when a run enters the prepared realm. It is `false` in the memory image, so it is
/// `true` only if the host forgot to put the image back: then the run is refused, never
/// served by a used realm.
static USED: AtomicBool = AtomicBool::new(false);

/// Prepares the realm every run enters and the room runs may use. The host then keeps the
/// memory in use (up to `imageEnd`, and the last 64 KiB page, where the heap keeps its bounds)
/// as an image and puts it back before every run, so each run starts from the same bytes.
/// Call once, before any run. False if the realm could not be prepared.
/// The shipped engine is pre-initialised (`scripts/preinitialise.ts`): its memory starts with
/// the realm prepared, and this returns at once, changing nothing.
#[wasm_bindgen]
pub fn prepare() -> bool {
    if PREPARED.with(|prepared| prepared.borrow().is_some()) {
        return true;
    }
    set_panic_hook();
    let Ok(realm) = Realm::prepare() else { return false };
    PREPARED.with(|prepared| *prepared.borrow_mut() = Some(realm));
    allocator::reserve()
}

/// Parses a contract into the prepared realm ahead of its run, so that the host can keep the
/// image with the contract compiled in, and start its later runs from it. False if it does not
/// parse, or if the image was not restored after a run.
#[wasm_bindgen]
pub fn compile(code: &str) -> bool {
    PREPARED.with(|prepared| match prepared.borrow_mut().as_mut() {
        Some(realm) if !USED.load(Ordering::Relaxed) => crate::execute::compile_in(realm, code),
        _ => false,
    })
}

extern "C" {
    /// Defined by wasm-ld where the data begins. Rust links wasm32 with `--stack-first`, so the
    /// stack lies below it and this is the stack's top, where the stack pointer rests between calls.
    static __global_base: u8;
}

/// Where the memory image starts: the stack's top. Below it lies the stack, dead between calls;
/// above it the data and the heap, all of a run's state.
#[wasm_bindgen(js_name = stackTop)]
pub fn stack_top() -> usize {
    // Only the address is taken; the byte is never read.
    core::ptr::addr_of!(__global_base) as usize
}

/// Where the memory in use ends (a multiple of 64 KiB).
#[wasm_bindgen(js_name = imageEnd)]
pub fn image_end() -> usize {
    allocator::image_end()
}

/// The end of the highest block the heap has handed out since the image was taken: above the
/// image's end, what a run touched lies below it.
#[wasm_bindgen(js_name = highWater)]
pub fn high_water() -> usize {
    allocator::high_water()
}

/// Runs one contract. Input and output are the JSON forms of `ExecuteRequest` and `Outcome`.
/// In the prepared realm if there is one (see `prepare`), else in a realm of its own.
#[wasm_bindgen]
pub fn execute(request: &str) -> String {
    set_panic_hook();
    PREPARED.with(|prepared| {
        let mut prepared = prepared.borrow_mut();
        let Some(realm) = prepared.as_mut() else { return run(|| crate::execute_json(request)) };
        if USED.swap(true, Ordering::Relaxed) {
            let refused = Fatal::new(ErrorCode::EngineFailure, "the engine's memory image was not restored after the last run");
            return crate::execute::failed_json(refused);
        }
        run(|| crate::execute::execute_json_in(realm, request))
    })
}

fn run(execute: impl FnOnce() -> String) -> String {
    allocator::begin_run();
    let outcome = execute();
    allocator::end_run();
    // A refusal need not trap: an ArrayBuffer's allocation is fallible and answers a RangeError
    // the contract can catch, so a run the host refused memory may end on another course.
    if allocator::host_refused_memory() {
        return crate::execute::failed_json(Fatal::new(ErrorCode::EngineFailure, host_refused_message()));
    }
    outcome
}

/// The one wording of a host's refusal, in an outcome or after a trap (`trapReason`).
fn host_refused_message() -> String {
    let max_mib = crate::limits::MAX_MEMORY_BYTES / (1024 * 1024);
    format!("the host refused the engine memory below its {max_mib} MiB maximum (an engine fault, not an outcome)")
}

fn set_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = info.to_string();
        }
    }));
}

/// After a trap: why the instance died (`MemoryLimit`, `HostRefusedMemory: ` and its message, or
/// the panic message). Empty if unknown.
#[wasm_bindgen(js_name = trapReason)]
pub fn trap_reason() -> String {
    // The trapped run never reached `end_run`: lift its cap first, or the String
    // answered here could be refused and trap this call too.
    allocator::end_run();
    if allocator::host_refused_memory() {
        return format!("HostRefusedMemory: {}", host_refused_message());
    }
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

/// rand (a Boa dependency) asks getrandom for entropy; contracts never get any.
/// `Math.random` is replaced by the seeded stream, so this is unreachable in practice;
/// if it ever were reached, failing loudly beats silent nondeterminism.
#[unsafe(no_mangle)]
unsafe extern "Rust" fn __getrandom_v03_custom(_dest: *mut u8, _len: usize) -> Result<(), getrandom::Error> {
    Err(getrandom::Error::UNSUPPORTED)
}
