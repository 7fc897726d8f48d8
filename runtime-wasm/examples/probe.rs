use serde_json::json;
fn main() {
    let code = std::env::args().nth(1).unwrap();
    let req: tana_engine::ExecuteRequest = serde_json::from_value(json!({ "code": code, "context": {} })).unwrap();
    let o = tana_engine::execute(req);
    println!("{}", serde_json::to_string(&o).unwrap());
}
