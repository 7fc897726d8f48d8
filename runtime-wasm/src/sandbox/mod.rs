//! What makes a Boa realm deterministic and closed: a fixed clock, UTC, seeded
//! randomness, no host globals, and guards against hostile sources.

pub mod allocator;
pub mod clock;
pub mod hooks;
pub mod jobs;
pub mod random;
pub mod realm;
pub mod seeds;
