//! A contract parsed ahead of its run (`compile_in`, what the wasm host keeps in a contract's
//! memory image) ends exactly as when its run parses it: same value, diff, logs and gas.
use serde_json::json;
use tana_engine::execute::{compile_in, execute, execute_in};
use tana_engine::protocol::ExecuteRequest;
use tana_engine::sandbox::realm::Realm;

fn request(code: &str) -> ExecuteRequest {
    serde_json::from_value(json!({ "code": code, "state": { "n": 1 }, "context": {} })).expect("valid request")
}

const CONTRACTS: &[&str] = &[
    "import { data } from 'tana:data'; import { console } from 'tana:core'; const n = await data.get('n'); console.log(n); await data.set('n', n + 1); await data.commit(); export default n",
    "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) } export default fib(15)",
    "export default [1, 2, 3].map((x) => x * 2).join()",
    "throw new Error('no')",
    "for (;;) {}",
    // Collections, which are charged (Boa patch boa_gc 04), come at the same points.
    "const keep = []; for (let i = 0; i < 30000; i++) keep.push({ i }); let g; for (let i = 0; i < 50000; i++) g = function () {}; export default keep.length",
];

#[test]
fn a_contract_compiled_ahead_ends_as_when_its_run_parses_it() {
    for code in CONTRACTS {
        let parsed_in_run = execute(request(code));
        let mut realm = Realm::prepare().expect("a realm");
        assert!(compile_in(&mut realm, code), "{code} parses");
        let compiled_ahead = execute_in(&mut realm, request(code));
        assert_eq!(serde_json::to_string(&compiled_ahead).unwrap(), serde_json::to_string(&parsed_in_run).unwrap(), "{code}");
    }
}

#[test]
fn a_module_compiled_for_other_code_is_not_used() {
    let mut realm = Realm::prepare().expect("a realm");
    assert!(compile_in(&mut realm, "export default 1"));
    assert_eq!(execute_in(&mut realm, request("export default 2")).value, json!(2));
}

#[test]
fn code_that_does_not_parse_is_not_compiled() {
    let mut realm = Realm::prepare().expect("a realm");
    assert!(!compile_in(&mut realm, "export default ("));
    assert!(realm.compiled.is_none());
}

#[test]
fn compiling_a_contract_ahead_does_not_collect_the_prepared_realm() {
    // A collection there marks the whole realm, on the way to every cold start: the realm's values
    // stay under the collector's starting threshold, and preparing leaves no request for one
    // (in the wasm build, `sandbox/allocator.rs` schedules collections during runs only).
    let mut realm = Realm::prepare().expect("a realm");
    let collections = boa_gc::tana_collections();
    assert!(compile_in(&mut realm, CONTRACTS[0]));
    assert_eq!(boa_gc::tana_collections(), collections, "collections while parsing");
}
