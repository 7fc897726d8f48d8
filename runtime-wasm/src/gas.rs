//! The gas meter. Boa counts bytecode instructions (its `fuzz` instruction budget);
//! host calls and stored bytes are charged here on top, since Boa counts a native call as 1.

use boa_engine::tana::NativeGas;

/// What built-ins cost on top of their one instruction (see `boa_engine::tana`): about one
/// unit of gas per 20 ns of their work, as for bytecode, measured by `bench/engine/gas.ts`.
pub const NATIVE: NativeGas = NativeGas {
    property: 6,
    iteration: 4,
    comparison: 4,
    call: 4,
    code_units_per_gas: 8,
    copied_units_per_gas: 64,
    bytes_per_gas: 64,
    regex_steps_per_gas: 4,
    limb_ops_per_gas: 4,
    regex_compile: 100,
    regex_compiled_unit: 2,
    converted_code_unit: 2,
    chain_link: 1,
    // In copied code units (64 per gas): 16 registers and 4 handlers per gas.
    register_work: 4,
    handler_work: 16,
    float_digit_ops_per_gas: 32,
};

/// What host operations cost, in gas. Byte costs are per started byte.
pub mod cost {
    pub const HOST_CALL: u64 = 50;
    pub const LOG_BYTE: u64 = 1;
    pub const READ_BYTE: u64 = 1;
    pub const WRITE_BYTE: u64 = 5;
    pub const COMMIT_BYTE: u64 = 20;
    pub const KEYS_PER_KEY: u64 = 5;
    /// Per step of matching a `data.keys` pattern against a key (about a character).
    pub const KEYS_SCAN_BYTE: u64 = 1;
    pub const FETCH: u64 = 1_000;
    pub const FETCH_BYTE: u64 = 1;
    pub const PROMISE_JOB: u64 = 5;
    /// Per code unit of source that `eval` or `Function` parses and compiles.
    pub const SOURCE_CODE_UNIT: u64 = 20;
    /// Per byte of the contract's own code, on every run: parsing and compiling it (≈ 5 gas a byte
    /// of ordinary code, up to ≈ 45 for a run of empty statements; `npm run bench:compile`). Charged
    /// the same when the host kept it compiled, so that gas never depends on the host's cache.
    pub const CODE_BYTE: u64 = 8;
}

#[derive(Debug, Clone)]
pub struct GasMeter {
    limit: u64,
    host_used: u64,
}

impl GasMeter {
    pub fn new(limit: u64) -> Self {
        Self { limit, host_used: 0 }
    }

    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Charges host gas; `Err(())` once instructions plus host gas exceed the limit.
    pub fn charge(&mut self, amount: u64, instructions_used: u64) -> Result<(), ()> {
        self.host_used = self.host_used.saturating_add(amount);
        if self.total(instructions_used) > self.limit {
            Err(())
        } else {
            Ok(())
        }
    }

    pub fn total(&self, instructions_used: u64) -> u64 {
        self.host_used.saturating_add(instructions_used)
    }

    pub fn host_used(&self) -> u64 {
        self.host_used
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charges_accumulate_until_the_limit() {
        let mut meter = GasMeter::new(100);
        assert!(meter.charge(40, 10).is_ok());
        assert!(meter.charge(50, 10).is_ok());
        assert_eq!(meter.total(10), 100);
        assert!(meter.charge(1, 10).is_err());
    }

    #[test]
    fn instructions_count_against_the_same_limit() {
        let mut meter = GasMeter::new(100);
        assert!(meter.charge(10, 91).is_err());
    }
}
