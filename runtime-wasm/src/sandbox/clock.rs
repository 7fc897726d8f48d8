//! The only time a contract sees is the block timestamp.

use std::cell::Cell;

use boa_engine::context::{Clock, time::JsInstant};

/// Set by the host before each run (a prepared realm serves many runs, each in its own block).
#[derive(Default)]
pub struct BlockClock {
    millis: Cell<u64>,
}

impl BlockClock {
    pub fn set(&self, millis: u64) {
        self.millis.set(millis);
    }
}

impl Clock for BlockClock {
    fn now(&self) -> JsInstant {
        let millis = self.millis.get();
        JsInstant::new(millis / 1000, ((millis % 1000) * 1_000_000) as u32)
    }

    fn system_time_millis(&self) -> i64 {
        i64::try_from(self.millis.get()).unwrap_or(i64::MAX)
    }
}
