//! Caps the live heap of a run. Past the cap the allocation fails, Rust aborts,
//! and the wasm instance traps; the host reads `memory_limit_hit()` from the dead
//! instance to name the failure `MemoryLimit`, then discards the instance.
//! Installed as the global allocator only in the wasm build.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::limits::MAX_HEAP_BYTES;

static LIVE: AtomicUsize = AtomicUsize::new(0);
/// Live bytes when the current run started; `usize::MAX` when no run is active.
static BASELINE: AtomicUsize = AtomicUsize::new(usize::MAX);
static HIT: AtomicBool = AtomicBool::new(false);

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
            LIVE.fetch_add(new_size, Ordering::Relaxed);
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
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
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

/// Starts counting a run's heap against the cap.
pub fn begin_run() {
    HIT.store(false, Ordering::Relaxed);
    BASELINE.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
}

pub fn end_run() {
    BASELINE.store(usize::MAX, Ordering::Relaxed);
}

pub fn memory_limit_hit() -> bool {
    HIT.load(Ordering::Relaxed)
}
