//! Standard JavaScript inside contracts: the finished built-ins Boa keeps behind features
//! are there, unfinished proposals are not, replaced built-ins look native, and the
//! locale-dependent built-ins follow one documented rule without `Intl`.

use serde_json::{Value, json};
use tana_engine::protocol::ExecuteRequest;

fn value(code: &str) -> Value {
    let request: ExecuteRequest = serde_json::from_value(json!({ "code": code, "context": {} })).expect("valid request");
    let outcome = tana_engine::execute(request);
    assert!(outcome.ok, "{code}: {:?}", outcome.error);
    outcome.value
}

#[test]
fn finished_built_ins_are_there() {
    assert_eq!(value("const b = new ArrayBuffer(8); const c = b.transfer(16); export default [b.detached, c.byteLength, c.transferToFixedLength(4).byteLength]"), json!([true, 16, 4]));
    assert_eq!(value("export default [new Float16Array([1.5, 65504, 1e5])[2], Math.f16round(1.337)]"), json!([null, 1.3369140625]));
    assert_eq!(value("export default (await Array.fromAsync([Promise.resolve(1), 2])).concat(Error.isError(new TypeError()), Error.isError({}))"), json!([1, 2, true, false]));
    assert_eq!(value("export default [Math.sumPrecise([1e20, 0.1, -1e20]), Math.sumPrecise([])]"), json!([0.1, 0]));
}

#[test]
fn unfinished_proposals_are_not() {
    assert_eq!(
        value("export default [typeof Promise.allKeyed, typeof Promise.allSettledKeyed, typeof Iterator.prototype.includes, typeof Iterator.includes]"),
        json!(["undefined", "undefined", "undefined", "undefined"])
    );
}

#[test]
fn replaced_built_ins_look_native() {
    let descriptor = "const d = (o, k) => { const x = Object.getOwnPropertyDescriptor(o, k); return [x.writable, x.enumerable, x.configurable] };";
    assert_eq!(
        value(&format!("{descriptor} export default [Math.random.name, Math.random.length, String(Math.random), d(Math, 'random')]")),
        json!(["random", 0, "function random() { [native code] }", [true, false, true]])
    );
    assert_eq!(value(&format!("{descriptor} export default [console.log.name, console.log.length, d(globalThis, 'console'), Object.keys(globalThis)]")), json!(["log", 0, [true, false, true], []]));
    assert_eq!(
        value("import { fetch } from 'tana:utils'; import { data } from 'tana:data'; import { tx } from 'tana:tx'; export default [fetch.name, fetch.length, String(fetch), data.set.name, data.set.length, tx.transfer.name]"),
        json!(["fetch", 1, "function fetch() { [native code] }", "set", 2, "transfer"])
    );
}

#[test]
fn locale_built_ins_follow_one_rule_without_intl() {
    // Code points after canonical composition (NFC).
    assert_eq!(value("export default ['o\\u0308'.localeCompare('ö'), 'a'.localeCompare('b'), 'b'.localeCompare('a'), '\\uff61'.localeCompare('\\u{1f600}')]"), json!([0, -1, 1, -1]));
    // Elements' toLocaleString with no arguments, joined with ",".
    assert_eq!(value("export default [[1, 2.5, null, 'x'].toLocaleString(), new Int8Array([1, 2]).toLocaleString()]"), json!(["1,2.5,,x", "1,2"]));
    assert_eq!(value("export default [{ toLocaleString(...a) { return a.length } }].toLocaleString('de', {})"), json!("0"));
    assert_eq!(value("export default [(1234.5).toLocaleString(), 10n.toLocaleString(), typeof Intl]"), json!(["1234.5", "10", "undefined"]));
}

/// Patched paths keep the specification's results: object rest with many excluded keys (a set
/// past eight), BigInt compared with text (now charged), throws caught past many handlers.
#[test]
fn patched_paths_keep_standard_results() {
    let names: Vec<String> = (0..12).map(|i| format!("k{i}")).collect();
    let rest = format!("const s = Symbol('s'); const o = {{ 3: 'three', [s]: 'sym', x: 1 }}; for (let i = 0; i < 14; i++) o['k' + i] = i; const {{ {}, 3: t, [s]: y, ...r }} = o; export default [Object.keys(r), t, y, Object.getOwnPropertySymbols(r).length]", names.join(", "));
    assert_eq!(value(&rest), json!([["x", "k12", "k13"], "three", "sym", 0]));
    assert_eq!(value("const { a, ...r } = { a: 1, b: 2, 1: 3 }; export default [a, r]"), json!([1, { "1": 3, "b": 2 }]));
    assert_eq!(
        value("export default [1n == '1', '0x10' == 16n, 2n < '3', '3' < 2n, 1n < 'x', 1n == 'x', 10n ** 30n == '1' + '0'.repeat(30)]"),
        json!([true, true, true, false, false, false, true])
    );
    // Sparse elements (kept ordered, not hashed): keys ascend, whatever the order they came in.
    assert_eq!(
        value("const a = []; a[100] = 'x'; a[5] = 'y'; a[1e4] = 'z'; delete a[5]; a[7] = 'w'; const o = { 9: 1, 2: 2, b: 3, 4294967295: 4 }; export default [Object.keys(a), a.length, a.indexOf('z'), a.lastIndexOf('x'), Object.keys(o), JSON.stringify(Object.entries(Object.groupBy([3, 1, 2], (x) => x % 2)))]"),
        json!([["7", "100", "10000"], 10001, 10000, 100, ["2", "9", "b", "4294967295"], "[[\"0\",[2]],[\"1\",[3,1]]]"])
    );
    assert_eq!(value("function f(k) { try { k++ } catch {} try { if (k) throw k } catch (e) { return 'inner ' + e } } let out; try { throw 'outer' } catch (e) { out = [f(1), e] } export default out"), json!(["inner 2", "outer"]));
    // A captured binding read directly (patch 43) and the cases that must still go the general way:
    // the dead zone, a `var` that sloppy `eval` made and `delete` removed, `with` (as V8 gives).
    assert_eq!(
        value(
            "const r = [];
            r.push((() => { let x = 1; const f = () => x; x = 2; return f() })());
            r.push((() => { const f = () => y; try { f() } catch (e) { return e.name } let y = 1 })());
            r.push(new Function(\"eval('var z = 5'); const f = () => typeof z; const a = f(); delete z; return [a, f()].join()\")());
            r.push(new Function(\"var w = 'outer'; const o = { w: 'with' }; with (o) { return (() => w)() }\")());
            r.push(new Function(\"var w = 'outer'; const o = {}; with (o) { const f = () => w; o.w = 'added'; return f() }\")());
            export default r"
        ),
        json!([2, "ReferenceError", "number,undefined", "with", "added"])
    );
}
