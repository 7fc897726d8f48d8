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

/// Longest `data.keys` pattern, in UTF-8 bytes (a key is at most `MAX_KEY_BYTES`).
pub const MAX_KEY_PATTERN_BYTES: usize = 4 * MAX_KEY_BYTES;

/// Largest contract source accepted by the engine.
pub const MAX_CODE_BYTES: usize = 256 * 1024;
/// How deeply source may nest, in the parser's units (`boa_parser::nesting`: 10 for an
/// expression in brackets, parentheses or an arrow body, 2 for a link of a member chain,
/// 1 for a nested statement, a prefix operator or a link of an operator or call chain):
/// 50 levels of brackets, or 500 nested statements. The parser and the compiler recurse
/// on the host's stack; this keeps them far inside the smallest one.
pub const MAX_SOURCE_NESTING: u32 = 500;
/// Default and maximum gas a single run may use. Gas bounds all work (built-ins are
/// charged for theirs), at 20–70 ns per unit on the CI machine class
/// (`npm run bench:gas`): the maximum is a few seconds of work at most, far inside the
/// sandbox's wall clock, which stays only as a safety net.
pub const DEFAULT_GAS_LIMIT: u64 = 10_000_000;
pub const MAX_GAS_LIMIT: u64 = 50_000_000;
/// Deepest nesting of a value that crosses the boundary (stored, returned, transferred,
/// passed in): what comes back in a later run's state must parse again (the host reads
/// requests with serde_json, which stops at 128 levels).
pub const MAX_VALUE_DEPTH: usize = 100;
/// Deepest JavaScript call stack (frames live on the engine's heap, not the host's stack).
pub const MAX_RECURSION: usize = 400;
/// Deepest native nesting: every built-in that calls another, every nested object or
/// array in `JSON.stringify`, `flat`, `join` and the host's value conversion, every link
/// of a prototype or Proxy chain counts one level (see `boa_engine::tana`). Chosen so
/// that the deepest such recursion stays far inside the smallest host stack the engine
/// runs on (a Chromium Web Worker); the limit, not the host, decides where it stops.
pub const MAX_NATIVE_DEPTH: usize = 200;
/// Most console entries and bytes kept per run.
pub const MAX_LOG_ENTRIES: usize = 1000;
pub const MAX_LOG_BYTES: usize = 64 * 1024;
/// Longest description of an uncaught value in an outcome's error message (longer ones are cut).
pub const MAX_MESSAGE_BYTES: usize = 4 * 1024;
/// Most fetches and transfers per run.
pub const MAX_FETCHES: usize = 16;
pub const MAX_TRANSFERS: usize = 64;
/// Live heap a run may use before it is stopped with `MemoryLimit` (enforced by the allocator).
pub const MAX_HEAP_BYTES: usize = 64 * 1024 * 1024;
/// The wasm memory's maximum (the build links it in). An allocation that cannot fit below it is a
/// `MemoryLimit` (fragmentation could get there below `MAX_HEAP_BYTES`); one a host refuses below
/// it is the host's fault, never an outcome.
pub const MAX_MEMORY_BYTES: usize = 256 * 1024 * 1024;

/// `cargo test` writes these limits to `ts/generated/limits.ts`, so that hosts (the
/// package, the ledger, the CLI, the playground) read them from the engine instead of
/// repeating them.
#[cfg(test)]
mod export {
    use super::*;

    #[test]
    fn export_limits_for_typescript() {
        let entries: [(&str, u64, &str); 17] = [
            ("maxKeyBytes", MAX_KEY_BYTES as u64, "Largest key, in UTF-8 bytes."),
            ("maxValueBytes", MAX_VALUE_BYTES as u64, "Largest value, in bytes of its JSON."),
            ("maxStateBytes", MAX_STATE_BYTES as u64, "Largest committed state of one contract: keys plus serialised values."),
            ("maxKeys", MAX_KEYS as u64, "Most keys one contract may hold."),
            ("maxKeyPatternBytes", MAX_KEY_PATTERN_BYTES as u64, "Longest `data.keys` pattern, in UTF-8 bytes."),
            ("maxCodeBytes", MAX_CODE_BYTES as u64, "Largest contract source."),
            ("maxSourceNesting", u64::from(MAX_SOURCE_NESTING), "How deeply source may nest, in the parser's units."),
            ("defaultGasLimit", DEFAULT_GAS_LIMIT, "Gas a run gets when the request names none."),
            ("maxGasLimit", MAX_GAS_LIMIT, "Most gas a run may ask for."),
            ("maxValueDepth", MAX_VALUE_DEPTH as u64, "Deepest nesting of a value that crosses the boundary."),
            ("maxRecursion", MAX_RECURSION as u64, "Deepest JavaScript call stack."),
            ("maxNativeDepth", MAX_NATIVE_DEPTH as u64, "Deepest native nesting (built-ins, nested values, prototype and proxy chains)."),
            ("maxLogEntries", MAX_LOG_ENTRIES as u64, "Most console entries per run."),
            ("maxLogBytes", MAX_LOG_BYTES as u64, "Most console bytes per run."),
            ("maxMessageBytes", MAX_MESSAGE_BYTES as u64, "Longest description of an uncaught value in an error message (longer ones are cut)."),
            ("maxHeapBytes", MAX_HEAP_BYTES as u64, "Live heap a run may use."),
            ("maxMemoryBytes", MAX_MEMORY_BYTES as u64, "The engine instance's memory at most (linked into the `.wasm`)."),
        ];
        let mut out = String::from("// Generated by `cargo test` from runtime-wasm/src/limits.rs. Do not edit this file manually.\n\n");
        out.push_str("/** The engine's fixed limits: part of the engine hash, the same for every host. */\nexport const LIMITS = {\n");
        for (name, value, doc) in entries {
            out.push_str(&format!("  /** {doc} */\n  {name}: {value},\n"));
        }
        out.push_str(&format!("  /** Most fetches per run. */\n  maxFetches: {MAX_FETCHES},\n  /** Most transfers per run. */\n  maxTransfers: {MAX_TRANSFERS},\n"));
        out.push_str("} as const;\n");
        let dir = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| "ts/generated".into());
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).join("limits.ts");
        std::fs::write(&path, out).expect("write limits.ts");
    }
}
