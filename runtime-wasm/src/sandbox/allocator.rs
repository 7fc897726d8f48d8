//! Caps the live heap of a run. Past the cap the allocation fails, Rust aborts,
//! and the wasm instance traps; the host reads `memory_limit_hit()` from the dead
//! instance to name the failure `MemoryLimit`, then discards the instance.
//! Installed as the global allocator only in the wasm build.
//!
//! It also asks Boa's collector for a collection each time the heap grows by
//! `COLLECTION_STEP` (Boa counts only its values' headers, not the memory they own),
//! so that garbage is freed by the run's own allocations, the same way everywhere.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::limits::MAX_HEAP_BYTES;

static LIVE: AtomicUsize = AtomicUsize::new(0);
/// Live bytes when the current run started; `usize::MAX` when no run is active.
static BASELINE: AtomicUsize = AtomicUsize::new(usize::MAX);
static HIT: AtomicBool = AtomicBool::new(false);
/// Live bytes past which the next collection is requested (while a run is active).
static NEXT_COLLECTION: AtomicUsize = AtomicUsize::new(usize::MAX);
/// Heap growth between requested collections.
const COLLECTION_STEP: usize = 8 * 1024 * 1024;

pub struct CappedAllocator;

impl CappedAllocator {
    fn admit(size: usize) -> bool {
        let baseline = BASELINE.load(Ordering::Relaxed);
        if baseline == usize::MAX {
            return true;
        }
        let live = LIVE.load(Ordering::Relaxed);
        if live.saturating_add(size).saturating_sub(baseline) > MAX_HEAP_BYTES {
            HIT.store(true, Ordering::Relaxed);
            return false;
        }
        true
    }

    /// Books a successful (re)allocation. A failed one means the wasm memory itself is
    /// exhausted (fragmentation can get there below the cap): that is a memory limit too.
    fn account(ptr: *mut u8, old_size: usize, new_size: usize) {
        if ptr.is_null() {
            HIT.store(true, Ordering::Relaxed);
        } else {
            LIVE.fetch_sub(old_size, Ordering::Relaxed);
            let live = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
            if live > NEXT_COLLECTION.load(Ordering::Relaxed) {
                boa_gc::tana_request_collection();
                NEXT_COLLECTION.store(live.saturating_add(COLLECTION_STEP), Ordering::Relaxed);
            }
        }
    }

    /// Books a free; once the heap has shrunk, the next request comes a step above it.
    fn release(size: usize) {
        let live = LIVE.fetch_sub(size, Ordering::Relaxed) - size;
        if live.saturating_add(COLLECTION_STEP) < NEXT_COLLECTION.load(Ordering::Relaxed) {
            NEXT_COLLECTION.store(live + COLLECTION_STEP, Ordering::Relaxed);
        }
    }
}

unsafe impl GlobalAlloc for CappedAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !Self::admit(layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: forwarded unchanged to the system allocator.
        let ptr = unsafe { System.alloc(layout) };
        Self::account(ptr, 0, layout.size());
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc`/`realloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) };
        Self::release(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() && !Self::admit(new_size - layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: forwarded unchanged to the system allocator.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        Self::account(new, layout.size(), new_size);
        new
    }
}

/// Starts counting a run's heap against the cap, from a heap with nothing of earlier
/// runs left in it: everything unreachable is collected first, and the collector
/// starts from its initial state.
pub fn begin_run() {
    boa_gc::tana_reset();
    HIT.store(false, Ordering::Relaxed);
    let live = LIVE.load(Ordering::Relaxed);
    BASELINE.store(live, Ordering::Relaxed);
    NEXT_COLLECTION.store(live + COLLECTION_STEP, Ordering::Relaxed);
}

pub fn end_run() {
    BASELINE.store(usize::MAX, Ordering::Relaxed);
    NEXT_COLLECTION.store(usize::MAX, Ordering::Relaxed);
}

pub fn memory_limit_hit() -> bool {
    HIT.load(Ordering::Relaxed)
}
