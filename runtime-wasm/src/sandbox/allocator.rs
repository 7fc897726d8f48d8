//! Caps the live heap of a run. Past the cap the allocation fails, Rust aborts,
//! and the wasm instance traps; the host reads `memory_limit_hit()` from the dead
//! instance to name the failure `MemoryLimit`, then discards the instance.
//! Installed as the global allocator only in the wasm build.
//!
//! It also tracks the highest address the heap has reached, so that the host can put
//! back the memory image of a prepared realm by rewriting only what a run touched, and
//! it reserves, before that image is taken, the room most runs use (see `wasm.rs`).
//!
//! A run that needs more grows the wasm memory, up to the module's maximum (`MAX_MEMORY_BYTES`):
//! the same growth on every host, unless a host refuses it below that maximum. Such a refusal
//! is the host's fault, never an outcome (`host_refused_memory`): only an allocation that could
//! not fit below the maximum is a `MemoryLimit`.
//!
//! It also asks Boa's collector for a collection each time the heap grows by
//! `COLLECTION_STEP` (Boa counts only its values' headers, not the memory they own),
//! so that garbage is freed by the run's own allocations, the same way everywhere.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::limits::{MAX_HEAP_BYTES, MAX_MEMORY_BYTES};

static LIVE: AtomicUsize = AtomicUsize::new(0);
/// Live bytes when the current run started; `usize::MAX` when no run is active.
static BASELINE: AtomicUsize = AtomicUsize::new(usize::MAX);
static HIT: AtomicBool = AtomicBool::new(false);
/// An allocation failed although the memory could have grown for it within its maximum.
static REFUSED: AtomicBool = AtomicBool::new(false);
/// Live bytes past which the next collection is requested (while a run is active).
static NEXT_COLLECTION: AtomicUsize = AtomicUsize::new(usize::MAX);
/// Heap growth between requested collections.
const COLLECTION_STEP: usize = 8 * 1024 * 1024;
/// The end of the highest block ever allocated.
static HIGH_WATER: AtomicUsize = AtomicUsize::new(0);
/// What `reserve` sets aside above the prepared realm. Runs that need more (few do: the
/// examples and the CPU suite use under 4 MiB) grow the memory; the whole cap reserved ahead
/// made every instance 93 MB at birth, and V8 collected its JavaScript heap for that external
/// memory on every cold start.
const RUN_ROOM: usize = 16 * 1024 * 1024;
/// The most the allocator (dlmalloc) asks the memory to grow beyond the size it failed to
/// allocate: it rounds a request up to 64 KiB and adds its headers.
const GROWTH_OVERHEAD: usize = 128 * 1024;

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

    /// Books a successful (re)allocation. A failed one means the wasm memory could not grow:
    /// past its maximum (fragmentation can get there below the cap) that is a memory limit
    /// too; below it, the host refused.
    fn account(ptr: *mut u8, old_size: usize, new_size: usize) {
        if ptr.is_null() {
            if growth_was_possible(memory_bytes(), new_size) {
                REFUSED.store(true, Ordering::Relaxed);
            } else {
                HIT.store(true, Ordering::Relaxed);
            }
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

/// Whether a memory of `memory_bytes` could have grown, within its maximum, by what the
/// allocator asks for a block of `size` bytes (a realloc may ask for the whole new size).
/// Pure, so that the rule is tested natively: a deterministic failure always counts as
/// one that could not grow; only a refusal at less than `GROWTH_OVERHEAD` below the maximum
/// could be taken for a limit.
fn growth_was_possible(memory_bytes: usize, size: usize) -> bool {
    memory_bytes.saturating_add(size).saturating_add(GROWTH_OVERHEAD) <= MAX_MEMORY_BYTES
}

#[cfg(target_arch = "wasm32")]
fn memory_bytes() -> usize {
    core::arch::wasm32::memory_size(0) * 64 * 1024
}

/// Natively the system allocator grows no wasm memory: a failure there is always a limit.
#[cfg(not(target_arch = "wasm32"))]
fn memory_bytes() -> usize {
    MAX_MEMORY_BYTES
}

/// Starts counting a run's heap against the cap.
pub fn begin_run() {
    HIT.store(false, Ordering::Relaxed);
    REFUSED.store(false, Ordering::Relaxed);
    let live = LIVE.load(Ordering::Relaxed);
    BASELINE.store(live, Ordering::Relaxed);
    NEXT_COLLECTION.store(live + COLLECTION_STEP, Ordering::Relaxed);
}

/// Makes the heap hold, as one free block at its top, the room most runs use, so that they
/// do not grow the wasm memory. The block's contents are never read, so they need not be part
/// of a memory image (see `image_end`). False if there is no room.
pub fn reserve() -> bool {
    let Ok(layout) = Layout::from_size_align(RUN_ROOM, 16) else { return false };
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

/// The host refused the memory a run could have had: an engine fault, not an outcome.
pub fn host_refused_memory() -> bool {
    REFUSED.load(Ordering::Relaxed)
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

    #[test]
    fn a_failed_growth_is_the_hosts_fault_only_when_it_fitted_below_the_maximum() {
        let mib = 1024 * 1024;
        // Far below the maximum: the host refused.
        assert!(growth_was_possible(30 * mib, mib));
        // At the maximum, or asking past it: the memory is full, the same everywhere.
        assert!(!growth_was_possible(MAX_MEMORY_BYTES, 1));
        assert!(!growth_was_possible(MAX_MEMORY_BYTES - 64 * 1024, 1));
        assert!(!growth_was_possible(30 * mib, MAX_MEMORY_BYTES));
        // Everything dlmalloc may add to a request is counted on the side of the limit.
        assert!(!growth_was_possible(MAX_MEMORY_BYTES - mib, mib - GROWTH_OVERHEAD + 1));
        assert!(growth_was_possible(MAX_MEMORY_BYTES - mib, mib - GROWTH_OVERHEAD));
        // Sizes near the address space's end do not wrap around.
        assert!(!growth_was_possible(30 * mib, usize::MAX));
    }
}
