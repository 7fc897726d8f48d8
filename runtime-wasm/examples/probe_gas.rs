use serde_json::json;
fn main() {
    let code = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let gas: u64 = std::env::args().nth(2).map_or(50_000_000, |g| g.parse().unwrap());
    let req: tana_engine::ExecuteRequest = serde_json::from_value(json!({ "code": code, "context": {}, "gasLimit": gas })).unwrap();
    let o = tana_engine::execute(req);
    println!("ok={} gas={} value={} error={:?}", o.ok, o.gas_used, o.value, o.error);
}
