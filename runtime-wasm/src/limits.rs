//! Fixed resource caps. They are part of the engine hash: changing one changes
//! what every ledger accepts, so they live in one place.

/// Largest key, in UTF-8 bytes.
pub const MAX_KEY_BYTES: usize = 256;
/// Largest value, in bytes of its JSON serialisation.
pub const MAX_VALUE_BYTES: usize = 10 * 1024;
/// Largest committed state of one contract: keys plus serialised values.
pub const MAX_STATE_BYTES: usize = 100 * 1024;
/// Most keys one contract may hold.
pub const MAX_KEYS: usize = 1000;

/// Largest contract source accepted by the engine.
pub const MAX_CODE_BYTES: usize = 512 * 1024;
/// Deepest bracket nesting accepted in contract source (guards Boa's recursive parser).
pub const MAX_SOURCE_NESTING: usize = 256;
/// Default and maximum gas a single run may use.
pub const DEFAULT_GAS_LIMIT: u64 = 10_000_000;
pub const MAX_GAS_LIMIT: u64 = 1_000_000_000;
/// Deepest JavaScript call stack.
pub const MAX_RECURSION: usize = 400;
/// Most console entries and bytes kept per run.
pub const MAX_LOG_ENTRIES: usize = 1000;
pub const MAX_LOG_BYTES: usize = 64 * 1024;
/// Most fetches and transfers per run.
pub const MAX_FETCHES: usize = 16;
pub const MAX_TRANSFERS: usize = 64;
/// Live heap a run may use before it is stopped with `MemoryLimit` (enforced by the allocator).
pub const MAX_HEAP_BYTES: usize = 64 * 1024 * 1024;
