//! Caps the live heap of a run. Past the cap the allocation fails, Rust aborts,
//! and the wasm instance traps; the host reads `memory_limit_hit()` from the dead
//! instance to name the failure `MemoryLimit`, then discards the instance.
//! Installed as the global allocator only in the wasm build.
//!
//! It also tracks the highest address the heap has reached, so that the host can put
//! back the memory image of a prepared realm by rewriting only what a run touched, and
//! it reserves, before that image is taken, the room every run may use (see `wasm.rs`).
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
/// The end of the highest block ever allocated.
static HIGH_WATER: AtomicUsize = AtomicUsize::new(0);
/// What `reserve` sets aside beyond the run's cap: the outcome's text, the request's,
/// and room for fragmentation.
const RESERVE_SLACK: usize = 16 * 1024 * 1024;

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
            HIGH_WATER.fetch_max(ptr as usize + new_size, Ordering::Relaxed);
            LIVE.fetch_sub(old_size, Ordering::Relaxed);
            let live = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
            if live > NEXT_COLLECTION.load(Ordering::Relaxed) {
                boa_gc::tana_request_collection();
                NEXT_COLLECTION.store(live.saturating_add(COLLECTION_STEP), Ordering::Relaxed);
            }
        }
    }

    /// Books a free; once the heap has shrunk during a run, the next request comes a step above
    /// it. Outside runs there is none: lowered there, it made preparing (which reserves and frees
    /// the run's room) leave a request in the memory image, and every contract's first parse
    /// collected the whole realm.
    fn release(size: usize) {
        let live = LIVE.fetch_sub(size, Ordering::Relaxed) - size;
        let next = NEXT_COLLECTION.load(Ordering::Relaxed);
        if next != usize::MAX && live.saturating_add(COLLECTION_STEP) < next {
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

/// Starts counting a run's heap against the cap.
pub fn begin_run() {
    HIT.store(false, Ordering::Relaxed);
    let live = LIVE.load(Ordering::Relaxed);
    BASELINE.store(live, Ordering::Relaxed);
    NEXT_COLLECTION.store(live + COLLECTION_STEP, Ordering::Relaxed);
}

/// Makes the heap hold, as one free block at its top, all the room a run may use (its cap
/// and some slack), so that runs do not grow the wasm memory. The block's contents are never
/// read, so they need not be part of a memory image (see `image_end`). False if there is no room.
pub fn reserve() -> bool {
    let Ok(layout) = Layout::from_size_align(MAX_HEAP_BYTES + RESERVE_SLACK, 16) else { return false };
    // SAFETY: a non-zero layout; the block is freed at once, unread and unwritten.
    let block = unsafe { std::alloc::alloc(layout) };
    if block.is_null() {
        return false;
    }
    // SAFETY: `block` came from `alloc` with this layout.
    unsafe { std::alloc::dealloc(block, layout) };
    HIGH_WATER.store(block as usize, Ordering::Relaxed);
    true
}

/// The end of the highest block allocated so far.
pub fn high_water() -> usize {
    HIGH_WATER.load(Ordering::Relaxed)
}

/// Where the heap's bytes in use end, rounded up to a 64 KiB page: the highest block and the
/// header of the free block above it. Above lie free room and, in the last page, the heap's bounds.
pub fn image_end() -> usize {
    (high_water() + 64).next_multiple_of(64 * 1024)
}

pub fn end_run() {
    BASELINE.store(usize::MAX, Ordering::Relaxed);
    NEXT_COLLECTION.store(usize::MAX, Ordering::Relaxed);
}

pub fn memory_limit_hit() -> bool {
    HIT.load(Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_runs_no_collection_is_scheduled_or_requested() {
        end_run();
        // What preparing does: the run's room reserved, then freed.
        CappedAllocator::account(std::ptr::dangling_mut(), 0, MAX_HEAP_BYTES);
        CappedAllocator::release(MAX_HEAP_BYTES);
        assert_eq!(NEXT_COLLECTION.load(Ordering::Relaxed), usize::MAX);
        // Past a step above what was live: had the free scheduled one, this would request it.
        CappedAllocator::account(std::ptr::dangling_mut(), 0, 2 * COLLECTION_STEP);
        assert_eq!(NEXT_COLLECTION.load(Ordering::Relaxed), usize::MAX);
        CappedAllocator::release(2 * COLLECTION_STEP);
    }
}
