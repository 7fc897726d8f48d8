//! The only time a contract sees is the block timestamp.

use boa_engine::context::{Clock, time::JsInstant};

pub struct BlockClock {
    millis: u64,
}

impl BlockClock {
    pub fn new(millis: u64) -> Self {
        Self { millis }
    }
}

impl Clock for BlockClock {
    fn now(&self) -> JsInstant {
        JsInstant::new(self.millis / 1000, ((self.millis % 1000) * 1_000_000) as u32)
    }

    fn system_time_millis(&self) -> i64 {
        i64::try_from(self.millis).unwrap_or(i64::MAX)
    }
}
