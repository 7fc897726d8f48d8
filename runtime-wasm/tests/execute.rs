//! Whole-engine tests: contracts in, outcomes out, on the native build.

use serde_json::{Value, json};
use tana_engine::errors::ErrorCode;
use tana_engine::protocol::{ExecuteRequest, Outcome};

fn request(code: &str, state: Value) -> ExecuteRequest {
    serde_json::from_value(json!({
        "code": code,
        "state": state,
        "context": {
            "chainId": "test", "contractId": "c1", "caller": "alice",
            "block": { "height": 7, "timestamp": 1_700_000_000_000u64, "executor": "node-1" },
            "tx": { "id": "tx-1", "sender": "alice", "nonce": 1, "input": { "amount": 5 } },
            "allowedHosts": ["pokeapi.co"],
            "fetches": [{ "url": "https://pokeapi.co/api/v2/pokemon/ditto", "status": 200, "body": "{\"name\":\"ditto\"}" }]
        },
        "gasLimit": 1_000_000
    }))
    .expect("valid request")
}

fn run(code: &str) -> Outcome {
    tana_engine::execute(request(code, json!({})))
}

fn run_with(code: &str, state: Value) -> Outcome {
    tana_engine::execute(request(code, state))
}

fn assert_failed(outcome: &Outcome, code: ErrorCode) {
    assert!(!outcome.ok, "expected {code:?}, got ok: {outcome:?}");
    let error = outcome.error.as_ref().expect("error");
    assert_eq!(error.code, code, "{}", error.message);
    assert!(outcome.diff.is_empty(), "a failed run leaves no diff");
}

const DATA: &str = "import { data } from 'tana:data';\n";

#[test]
fn counter_commits_its_increment() {
    let code = format!("{DATA}const n = (await data.get('counter')) ?? 0; await data.set('counter', n + 1); await data.commit();");
    let outcome = run_with(&code, json!({ "counter": 41 }));
    assert!(outcome.ok, "{outcome:?}");
    assert_eq!(outcome.diff.set.get("counter"), Some(&json!(42)));
}

#[test]
fn uncommitted_writes_are_discarded() {
    let outcome = run(&format!("{DATA}await data.set('a', 1); await data.commit(); await data.set('b', 2);"));
    assert!(outcome.ok);
    assert_eq!(outcome.diff.set.len(), 1);
}

#[test]
fn glob_keys_and_delete() {
    let code = format!("{DATA}await data.delete('user:1'); await data.commit(); export default await data.keys('user:*');");
    let outcome = run_with(&code, json!({ "user:1": 1, "user:2": 2, "x": 0 }));
    assert_eq!(outcome.value, json!(["user:2"]));
    assert_eq!(outcome.diff.deleted, vec!["user:1".to_string()]);
}

#[test]
fn exported_function_call_with_arguments() {
    let mut req = request("export async function add(a, b) { return a + b }", json!({}));
    req.call = Some(serde_json::from_value(json!({ "function": "add", "args": [2, 3] })).unwrap());
    assert_eq!(tana_engine::execute(req).value, json!(5));
    let mut req = request("export const x = 1", json!({}));
    req.call = Some(serde_json::from_value(json!({ "function": "missing" })).unwrap());
    assert_failed(&tana_engine::execute(req), ErrorCode::ExportNotFound);
}

#[test]
fn context_modules_expose_block_and_tx() {
    let code = "import { block } from 'tana:block'; import { tx } from 'tana:tx'; import { version } from 'tana:core';
        export default { h: block.height, t: block.timestamp, e: block.executor, id: tx.id, s: tx.sender, input: tx.input, v: typeof version.tana, now: Date.now() }";
    let outcome = run(code);
    assert_eq!(outcome.value, json!({ "h": 7, "t": 1_700_000_000_000u64, "e": "node-1", "id": "tx-1", "s": "alice", "input": { "amount": 5 }, "v": "string", "now": 1_700_000_000_000u64 }));
}

#[test]
fn console_is_captured_in_order() {
    let outcome = run("import { console } from 'tana:core'; console.log('a', 1); console.warn('b'); console.error({ x: 1 });");
    let levels: Vec<_> = outcome.logs.iter().map(|l| serde_json::to_value(l.level).unwrap()).collect();
    assert_eq!(levels, vec![json!("log"), json!("warn"), json!("error")]);
    assert_eq!(outcome.logs[0].message, "a 1");
}

#[test]
fn transfers_are_staged_into_the_diff() {
    let code = "import { tx } from 'tana:tx'; tx.transfer({ to: 'bob', amount: 5, currency: 'USD' });";
    let outcome = run(code);
    assert!(outcome.ok, "{outcome:?}");
    assert_eq!(outcome.diff.transfers.len(), 1);
    assert_eq!(outcome.diff.transfers[0].from, "alice");
    assert_failed(&run("import { tx } from 'tana:tx'; tx.transfer({ to: 'bob', amount: -5, currency: 'USD' });"), ErrorCode::InvalidTransfer);
}

#[test]
fn fetch_replays_recordings_and_names_missing_ones() {
    let ok = run("import { fetch } from 'tana:utils'; const r = await fetch('https://pokeapi.co/api/v2/pokemon/ditto'); export default (await r.json()).name;");
    assert_eq!(ok.value, json!("ditto"));
    assert_eq!(ok.fetches.len(), 1);
    let missing = run("import { fetch } from 'tana:utils'; try { await fetch('https://pokeapi.co/other') } catch {}");
    assert_failed(&missing, ErrorCode::FetchNotRecorded);
    assert_eq!(missing.error.unwrap().url.as_deref(), Some("https://pokeapi.co/other"));
    assert_failed(&run("import { fetch } from 'tana:utils'; await fetch('https://evil.example/')"), ErrorCode::FetchNotAllowed);
}

#[test]
fn determinism_sources_are_fixed() {
    let code = "export default [Math.random(), Math.random(), new Date().getTimezoneOffset(), typeof WeakRef, typeof FinalizationRegistry, typeof Atomics, typeof SharedArrayBuffer, typeof Intl, typeof process, typeof require, typeof fetch, typeof window, typeof Deno]";
    let a = run(code);
    let b = run(code);
    assert_eq!(a, b);
    let v = a.value.as_array().unwrap();
    assert_ne!(v[0], v[1]);
    assert_eq!(v[2], json!(0));
    assert!(v[3..].iter().all(|t| t == "undefined"), "{v:?}");
}

#[test]
fn thrown_errors_carry_the_contract_line() {
    let outcome = run(&format!("{DATA}await data.set('a', 1);\nawait data.commit();\n\nthrow new TypeError('bad input');"));
    assert_failed(&outcome, ErrorCode::ContractError);
    let error = outcome.error.unwrap();
    assert_eq!(error.message, "TypeError: bad input");
    assert_eq!(error.line, Some(5));
}

#[test]
fn parse_errors_are_named_with_position() {
    let outcome = run("const a = ;");
    assert_failed(&outcome, ErrorCode::ParseError);
    assert_eq!(outcome.error.unwrap().line, Some(1));
}

#[test]
fn unknown_imports_fail() {
    assert_failed(&run("import fs from 'node:fs';"), ErrorCode::ModuleNotFound);
}

#[test]
fn infinite_loops_run_out_of_gas_even_inside_try() {
    for code in ["for(;;){}", "while(true){ try { for(;;){} } catch {} finally { continue } }", "await null; for(;;){}",
                 "function a(){ b() } function b(){ try { a() } catch { a() } } a()",
                 "let p = Promise.resolve(); for(;;) { p = p.then(() => {}) }",
                 "async function f(){ for(;;) await null } await f()"] {
        let outcome = run(&format!("{DATA}await data.set('x', 1); await data.commit();\n{code}"));
        assert!(matches!(outcome.error.as_ref().map(|e| e.code), Some(ErrorCode::OutOfGas | ErrorCode::DepthLimit)), "{code}: {outcome:?}");
        assert!(outcome.diff.is_empty(), "{code}");
    }
}

#[test]
fn deep_recursion_is_a_stack_overflow() {
    assert_failed(&run("function r(n){ return r(n+1) + 1 } r(0)"), ErrorCode::DepthLimit);
    assert_failed(&run("const f = (n) => [n].map(f); f(0)"), ErrorCode::DepthLimit);
}

#[test]
fn parser_bombs_are_rejected_before_parsing() {
    assert_failed(&run(&format!("const x = {}1{};", "(".repeat(50_000), ")".repeat(50_000))), ErrorCode::ParseError);
    assert_failed(&run(&format!("const x = {}1;", "!".repeat(50_000))), ErrorCode::ParseError);
    assert_failed(&run("eval('['.repeat(10000))"), ErrorCode::ContractError);
    assert_failed(&run("new Function('('.repeat(10000))"), ErrorCode::ContractError);
}

#[test]
fn storage_limits_leave_no_trace_even_when_caught() {
    let big = format!("{DATA}await data.set('a', 1); await data.commit(); try {{ await data.set('v', 'x'.repeat(20000)) }} catch {{}}");
    assert_failed(&run(&big), ErrorCode::StorageLimit);
    let many = format!("{DATA}for (let i = 0; i < 1001; i++) await data.set('k' + i, i); await data.commit();");
    assert_failed(&run(&many), ErrorCode::StorageLimit);
    let total = format!("{DATA}for (let i = 0; i < 11; i++) await data.set('k' + i, 'x'.repeat(9500)); await data.commit();");
    assert_failed(&run(&total), ErrorCode::StorageLimit);
}

#[test]
fn non_json_values_are_refused() {
    assert_failed(&run(&format!("{DATA}await data.set('f', () => 1)")), ErrorCode::NotSerializable);
    assert_failed(&run(&format!("{DATA}await data.set('b', 10n)")), ErrorCode::NotSerializable);
    assert_failed(&run(&format!("{DATA}const o = {{}}; o.o = o; await data.set('c', o)")), ErrorCode::NotSerializable);
}

#[test]
fn rejections_and_unsettled_promises() {
    assert_failed(&run("await Promise.reject(new Error('no'))"), ErrorCode::ContractError);
    assert_failed(&run("await new Promise(() => {})"), ErrorCode::Unsettled);
}

#[test]
fn gas_is_deterministic_and_grows_with_work() {
    let small = run("let s = 0; for (let i = 0; i < 10; i++) s += i;");
    let large = run("let s = 0; for (let i = 0; i < 1000; i++) s += i;");
    assert_eq!(small.gas_used, run("let s = 0; for (let i = 0; i < 10; i++) s += i;").gas_used);
    assert!(large.gas_used > small.gas_used * 10);
}

#[test]
fn invalid_requests_are_named() {
    let outcome: Outcome = serde_json::from_str(&tana_engine::execute_json("{not json")).unwrap();
    assert_eq!(outcome.error.unwrap().code, ErrorCode::InvalidRequest);
    let mut req = request("1", json!({}));
    req.gas_limit = Some(0);
    assert_failed(&tana_engine::execute(req), ErrorCode::InvalidRequest);
}

#[test]
fn log_floods_are_limited() {
    assert_failed(&run("for (let i = 0; i < 5000; i++) console.log(i)"), ErrorCode::ResourceLimit);
}
