//! Host hooks: UTC as the only time zone, and a buffer size cap.

use boa_engine::Context;
use boa_engine::context::HostHooks;

pub struct TanaHooks;

impl HostHooks for TanaHooks {
    fn local_timezone_offset_seconds(&self, _unix_time_seconds: i64) -> i32 {
        0
    }

    fn max_buffer_size(&self, _context: &mut Context) -> u64 {
        crate::limits::MAX_HEAP_BYTES as u64 / 2
    }
}
