use serde_json::json;
fn main() {
    let code = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let req: tana_engine::ExecuteRequest = serde_json::from_value(json!({ "code": code, "context": {}, "gasLimit": 50_000_000 })).unwrap();
    let o = tana_engine::execute(req);
    println!("ok={} gas={} value={} error={:?}", o.ok, o.gas_used, o.value, o.error.map(|e| e.message));
}
