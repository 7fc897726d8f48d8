//! Depth and gas limits: the engine, never the host, decides where deep or expensive
//! work stops, with a named error and nothing committed.

use serde_json::json;
use tana_engine::errors::ErrorCode;
use tana_engine::protocol::{ExecuteRequest, Outcome};

fn run_with_gas(code: &str, gas: u64) -> Outcome {
    let request: ExecuteRequest = serde_json::from_value(json!({
        "code": format!("import {{ data }} from 'tana:data';\nawait data.set('trace', 1); await data.commit();\n{code}"),
        "context": { "chainId": "test", "contractId": "c1", "tx": { "id": "t", "sender": "alice" } },
        "gasLimit": gas
    }))
    .expect("valid request");
    tana_engine::execute(request)
}

fn run(code: &str) -> Outcome {
    run_with_gas(code, 50_000_000)
}

fn assert_failed(outcome: &Outcome, code: ErrorCode) {
    assert!(!outcome.ok, "expected {code:?}, got ok: {:?}", outcome.value);
    let error = outcome.error.as_ref().expect("error");
    assert_eq!(error.code, code, "{}", error.message);
    assert!(outcome.diff.is_empty(), "a failed run leaves no diff");
}

#[test]
fn nesting_in_built_ins_stops_at_the_depth_limit() {
    let nested = |n: u32| format!("let a = [1]; for (let i = 0; i < {n}; i++) a = [a];");
    for tail in ["String(a)", "JSON.stringify(a)", "a.flat(Infinity)", "a.toLocaleString()"] {
        assert!(run(&format!("{} export default {tail}.length", nested(20))).ok, "{tail} at depth 20");
        assert_failed(&run(&format!("{} export default {tail}.length", nested(5000))), ErrorCode::DepthLimit);
    }
    // Values that cross the boundary have their own, lower limit (see tests/values.rs).
    assert_failed(&run(&format!("{} export default a", nested(5000))), ErrorCode::NotSerializable);
    assert_failed(&run(&format!("{} await data.set('a', a)", nested(5000))), ErrorCode::NotSerializable);
    assert_failed(&run("let p = {}; for (let i = 0; i < 10000; i++) p = new Proxy(p, {}); export default p.x"), ErrorCode::DepthLimit);
    assert_failed(&run("let o = {}; for (let i = 0; i < 10000; i++) o = Object.create(o); export default o.x"), ErrorCode::DepthLimit);
    // IsArray walks a proxy chain in a loop: no depth at all.
    assert_eq!(run("let p = []; for (let i = 0; i < 100000; i++) p = new Proxy(p, {}); export default Array.isArray(p)").value, json!(true));
}

#[test]
fn the_depth_limit_cannot_be_caught() {
    let code = "let a = [1]; for (let i = 0; i < 5000; i++) a = [a]; try { String(a) } catch { await data.set('caught', 1); await data.commit() }";
    assert_failed(&run(code), ErrorCode::DepthLimit);
}

#[test]
fn deep_sources_are_parse_errors_with_a_position() {
    for source in [
        format!("export default {}1{}", "(".repeat(60), ")".repeat(60)),
        format!("let x = 0; {} x = 1", "if (1) ".repeat(600)),
        format!("export default {}", vec!["1"; 600].join(" + ")),
        format!("export default a{}", ".b".repeat(300)),
    ] {
        let outcome = run(&source);
        assert_failed(&outcome, ErrorCode::ParseError);
        let error = outcome.error.unwrap();
        assert!(error.message.contains("nests too deeply") && error.line.is_some(), "{}", error.message);
    }
    assert!(run(&format!("export default {}1{}", "(".repeat(40), ")".repeat(40))).ok);
}

#[test]
fn native_work_is_charged_in_proportion() {
    let gas = |code: &str| run(code).gas_used;
    let small = gas("export default 'ab'.repeat(1000).length");
    let large = gas("export default 'ab'.repeat(1000000).length");
    assert!(large > small + 25_000, "repeat: {small} vs {large}");
    let sort_small = gas("const a = []; for (let i = 0; i < 100; i++) a.push(i % 7); a.sort()");
    let sort_large = gas("const a = []; for (let i = 0; i < 10000; i++) a.push(i % 7); a.sort()");
    assert!(sort_large > sort_small * 100, "sort: {sort_small} vs {sort_large}");
    let fill = gas("export default new Array(100000).fill(0).length");
    assert!(fill > 100_000, "fill: {fill}");
    // Compiling a pattern: Unicode property classes build hundreds of ranges from a few characters.
    let plain = gas("export default new RegExp('a', 'u').source");
    let classes = gas(r"export default new RegExp('[\\p{L}\\p{N}\\p{Sc}]', 'u').source");
    assert!(plain > 100, "a compiled pattern: {plain}");
    assert!(classes > plain + 500, "property classes: {plain} vs {classes}");
    // Source compiled at run time: parsing and compiling cost in proportion to its length.
    let eval_short = gas("export default eval('1')");
    let eval_long = gas("export default eval('1;'.repeat(20000) + '1')");
    assert!(eval_long > eval_short + 40000 * 20, "eval: {eval_short} vs {eval_long}");
    let function_long = gas("export default new Function('let x = 0;' + 'x += 1;'.repeat(2000) + 'return x')()");
    assert!(function_long > 14000 * 20, "new Function: {function_long}");
    // Conversions that read a whole string: to a number, URI encoding, RegExp.escape, dates.
    let digits = gas("export default 'x'.repeat(10000).length");
    for conversion in [
        "Number(s)",
        "+s",
        "parseInt(s)",
        "parseFloat(s)",
        "encodeURIComponent(s)",
        "decodeURI(s)",
        "RegExp.escape(s)",
        "Date.parse(s)",
        "new Date(s).getTime()",
    ] {
        let used = gas(&format!("const s = '1'.repeat(10000); export default String({conversion}).length"));
        assert!(used > digits + 10000, "{conversion}: {used} vs {digits}");
    }
    let long = gas("export default new RegExp('x'.repeat(100000)).source.length");
    assert!(long > gas("export default 'x'.repeat(100000).length") + 10_000, "a long pattern: {long}");
}

#[test]
fn expensive_built_ins_run_out_of_gas() {
    for code in [
        "for (;;) 'a'.repeat(30000).replaceAll('a', 'bb')",
        "for (;;) new Float64Array(400000).fill(1)",
        "export default /^(a+)+$/.test('a'.repeat(40) + 'b')",
        "export default String(3n ** 10000000n).length",
        "for (let i = 0; i < 200; i++) await data.set('k' + i, i); for (;;) await data.keys('*' + 'k'.repeat(1000))",
    ] {
        assert_failed(&run_with_gas(code, 10_000_000), ErrorCode::OutOfGas);
    }
}

#[test]
fn gas_is_the_same_on_every_run() {
    let code = "const a = []; for (let i = 0; i < 5000; i++) a.push('k' + (i * 7919 % 5003)); a.sort(); export default JSON.stringify(a).split(',').join(';').length + /(a|b)+c/.exec('ab'.repeat(50) + 'c').index";
    let first = run(code);
    assert!(first.ok, "{:?}", first.error);
    for _ in 0..3 {
        assert_eq!(run(code).gas_used, first.gas_used);
    }
}

#[test]
fn sorting_with_an_inconsistent_comparator_never_crashes() {
    let outcome = run("const a = []; for (let i = 0; i < 2000; i++) a.push(i); a.sort(() => Math.random() - 0.5); a.sort((x, y) => (x % 3) - 1); export default a.length");
    assert!(outcome.ok, "{:?}", outcome.error);
    assert_eq!(outcome.value, json!(2000));
}

#[test]
fn running_out_of_gas_names_the_limit_and_the_line() {
    let outcome = run_with_gas("let x = 0\nfor (;;) {\n  x += Math.abs(x % 3)\n}", 1_000_000);
    assert_failed(&outcome, ErrorCode::OutOfGas);
    let error = outcome.error.unwrap();
    assert!(error.message.contains("1000000"), "{}", error.message);
    // The prelude adds two lines (data import and the trace write) before the contract's own.
    assert_eq!(error.line, Some(5), "the line of the loop's body");
    let deep = run("function f(n) { return f(n + 1) }\nf(0)");
    assert_eq!(deep.error.unwrap().line, Some(3));
}
