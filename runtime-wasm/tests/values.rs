//! Values that cross the boundary follow JSON exactly: stored values, results and
//! transfers are what `JSON.parse(JSON.stringify(v))` gives, or `NotSerializable`
//! naming where and why; strings cross exactly or not at all.

use serde_json::{Value, json};
use tana_engine::errors::ErrorCode;
use tana_engine::protocol::{ExecuteRequest, Outcome};

fn run(code: &str) -> Outcome {
    let request: ExecuteRequest = serde_json::from_value(json!({
        "code": format!("import {{ data }} from 'tana:data'; import {{ console }} from 'tana:core';\n{code}"),
        "context": { "chainId": "test", "contractId": "c1", "tx": { "id": "t", "sender": "alice" } },
        "gasLimit": 10_000_000
    }))
    .expect("valid request");
    tana_engine::execute(request)
}

/// What `data.set` stores for a JavaScript expression.
fn stored(expression: &str) -> Value {
    let outcome = run(&format!("await data.set('v', {expression}); await data.commit();"));
    assert!(outcome.ok, "{expression}: {:?}", outcome.error);
    outcome.diff.set.get("v").cloned().unwrap_or(Value::Null)
}

fn refused(code: &str, code_expected: ErrorCode) -> String {
    let outcome = run(code);
    assert!(!outcome.ok, "{code}: expected {code_expected:?}, got ok {:?}", outcome.value);
    let error = outcome.error.expect("error");
    assert_eq!(error.code, code_expected, "{code}: {}", error.message);
    assert!(outcome.diff.is_empty());
    error.message
}

#[test]
fn stored_values_are_what_json_stringify_then_parse_give() {
    assert_eq!(stored("{ f() {} }"), json!({}));
    assert_eq!(stored("{ toJSON() { return 'T' } }"), json!("T"));
    assert_eq!(stored("new Date(5)"), json!("1970-01-01T00:00:00.005Z"));
    assert_eq!(stored("{ get g() { return 7 } }"), json!({ "g": 7 }));
    assert_eq!(stored("new String('s')"), json!("s"));
    assert_eq!(stored("new Number(4)"), json!(4));
    assert_eq!(stored("new Boolean(false)"), json!(false));
    assert_eq!(stored("Object.defineProperty({ a: 1 }, 'hidden', { value: 2 })"), json!({ "a": 1 }));
    assert_eq!(stored("new Proxy({ x: 1 }, {})"), json!({ "x": 1 }));
    assert_eq!(stored("new Proxy({ x: 1 }, { get: () => 9 })"), json!({ "x": 9 }));
    assert_eq!(stored("new Uint8Array([1, 2])"), json!({ "0": 1, "1": 2 }));
    assert_eq!(stored("[function () {}, undefined, Symbol('s')]"), json!([null, null, null]));
    assert_eq!(stored("{ a: undefined, b: () => 1, [Symbol('s')]: 1, c: null }"), json!({ "c": null }));
    assert_eq!(stored("[NaN, Infinity, -0, 1.5]"), json!([null, null, 0, 1.5]));
    assert_eq!(stored("{ 2: 'b', 1: 'a', z: 0 }").to_string(), r#"{"1":"a","2":"b","z":0}"#);
    assert_eq!(stored("{ x: { toJSON(key) { return key } } }"), json!({ "x": "x" }));
}

#[test]
fn results_and_transfers_follow_the_same_rule() {
    assert_eq!(run("export default { d: new Date(0), s: new String('x'), f() {} }").value, json!({ "d": "1970-01-01T00:00:00.000Z", "s": "x" }));
    let message = refused("export default { a: [1, { b: 2n }] }", ErrorCode::NotSerializable);
    assert!(message.contains("result.a[1].b"), "{message}");
    let message = refused("const { tx } = await import('tana:tx'); tx.transfer({ to: 'bob', amount: 1n, currency: 'USD' })", ErrorCode::NotSerializable);
    assert!(message.contains("transfer.amount"), "{message}");
}

#[test]
fn refusals_name_the_path_and_the_reason() {
    let message = refused("await data.set('k', { list: [0, { n: 10n }] })", ErrorCode::NotSerializable);
    assert!(message.contains("value.list[1].n") && message.contains("BigInt"), "{message}");
    let message = refused("const o = { a: {} }; o.a.back = o; await data.set('k', o)", ErrorCode::NotSerializable);
    assert!(message.contains("value.a.back") && message.contains("cycle"), "{message}");
    let message = refused("await data.set('k', () => 1)", ErrorCode::NotSerializable);
    assert!(message.contains("a function"), "{message}");
    assert_eq!(stored("[() => 1]"), json!([null]));
}

#[test]
fn a_throwing_to_json_is_the_contracts_own_error() {
    refused("await data.set('k', { toJSON() { throw new Error('no JSON for you') } })", ErrorCode::ContractError);
    let caught = run("try { await data.set('k', { toJSON() { throw new Error('x') } }) } catch (e) { console.log('caught', e.message) } await data.commit()");
    assert!(caught.ok, "{:?}", caught.error);
    assert_eq!(caught.logs[0].message, "caught x");
}

#[test]
fn lone_surrogates_never_cross_and_never_collide() {
    let message = refused("await data.set('\\ud800', 'lone')", ErrorCode::NotSerializable);
    assert!(message.contains("lone surrogate") && message.contains("D800"), "{message}");
    refused("await data.set('k', 'a\\udc00')", ErrorCode::NotSerializable);
    refused("await data.get('\\ud800')", ErrorCode::NotSerializable);
    refused("console.log('\\ud800')", ErrorCode::NotSerializable);
    refused("export default ['ok', '\\udbff']", ErrorCode::NotSerializable);
    // The escaped text is an ordinary, different key.
    let outcome = run("await data.set('\\\\uD800', 'text'); await data.commit(); export default await data.get('\\\\uD800')");
    assert_eq!(outcome.value, json!("text"));
    assert_eq!(outcome.diff.set.keys().next().map(String::as_str), Some("\\uD800"));
}

#[test]
fn well_formed_strings_round_trip_exactly() {
    let text = "e\u{301} 😀 \u{FFFD} \u{0} \"quoted\"";
    let code = format!("await data.set({key}, {text}); await data.commit(); export default await data.get({key})", key = json!(text), text = json!(text));
    let outcome = run(&code);
    assert!(outcome.ok, "{:?}", outcome.error);
    assert_eq!(outcome.value, json!(text));
    assert_eq!(outcome.diff.set.get(text), Some(&json!(text)));
}

#[test]
fn values_nest_at_most_a_hundred_levels_so_they_read_back() {
    let nested = |n: usize| format!("let v = 1; for (let i = 0; i < {n}; i++) v = [v];");
    let outcome = run(&format!("{} await data.set('v', v); await data.commit(); export default v", nested(100)));
    assert!(outcome.ok, "{:?}", outcome.error);
    let message = refused(&format!("{} await data.set('v', v)", nested(101)), ErrorCode::NotSerializable);
    assert!(message.contains("value[0][0]") && message.contains("100 levels"), "{message}");
    // What was stored comes back in a later run's state.
    let state = outcome.diff.set.get("v").cloned().unwrap();
    let request: ExecuteRequest = serde_json::from_value(json!({
        "code": "import { data } from 'tana:data'; let v = await data.get('v'), d = 0; while (Array.isArray(v)) { v = v[0]; d++ } export default d",
        "state": { "v": state },
        "context": {}
    }))
    .expect("the stored value parses again");
    assert_eq!(tana_engine::execute(request).value, json!(100));
}
