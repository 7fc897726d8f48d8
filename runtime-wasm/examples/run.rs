//! Runs one request natively: `cargo run --example run -- request.json` (or stdin).
use std::io::Read;

fn main() {
    let mut request = String::new();
    match std::env::args().nth(1) {
        Some(path) => request = std::fs::read_to_string(path).unwrap_or_default(),
        None => drop(std::io::stdin().read_to_string(&mut request)),
    }
    println!("{}", tana_engine::execute_json(&request));
}
