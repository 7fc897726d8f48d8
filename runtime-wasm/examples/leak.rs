//! Memory left behind by runs: the time of a full collection before each run must not
//! grow with the number of runs (it did, while Boa rooted every module namespace).
//!   cargo run --release --example leak
use serde_json::json;
fn main() {
    let request = |code: &str| serde_json::from_value::<tana_engine::ExecuteRequest>(json!({ "code": code, "context": {} })).unwrap();
    for code in ["export default 1", "import { data } from 'tana:data'; await data.set('k', [1, { a: 2 }]); await data.commit(); export default await data.keys()"] {
        for round in 0..3 {
            let started = std::time::Instant::now();
            for _ in 0..100 {
                boa_gc::tana_reset();
                tana_engine::execute(request(code));
            }
            println!("{code:.40} · round {round}: {:.2} ms per run", started.elapsed().as_secs_f64() * 10.0);
        }
    }
}
