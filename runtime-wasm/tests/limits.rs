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

/// Runs `code`, which must end ok: its gas, and the values the collector visited meanwhile.
fn gas_and_visits(code: &str) -> (u64, usize) {
    let before = boa_gc::tana_visits();
    let outcome = run(code);
    assert!(outcome.ok, "{code}: {:?}", outcome.error);
    (outcome.gas_used, boa_gc::tana_visits() - before)
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
    // A chain of `yield*` resumes each generator from the one outside it.
    assert_failed(&run("function* g(n) { if (n) yield* g(n - 1); else yield 1 } export default [...g(5000)].length"), ErrorCode::DepthLimit);
    assert_failed(&run("async function* g(n) { if (n) yield* g(n - 1); else yield 1 } let c = 0; for await (const x of g(3000)) c++; export default c"), ErrorCode::DepthLimit);
    // IsArray walks a proxy chain in a loop: no depth at all.
    assert_eq!(run("let p = []; for (let i = 0; i < 100000; i++) p = new Proxy(p, {}); export default Array.isArray(p)").value, json!(true));
}

/// Every chain the parser builds as a loop (comma lists, logical and relational operators)
/// or as a recursion (`**`, `new new …`) nests the tree one level per link, which the
/// compiler walks recursively on the host's stack: each takes the nesting budget, so a long
/// chain is a parse error on every host, never a host stack overflow.
#[test]
fn every_chain_takes_the_nesting_budget() {
    let chain = |n: usize, link: &str| vec!["a"; n].join(link);
    for (name, long, short) in [
        ("comma", format!("let a = 0; a = ({}); export default 1", chain(20000, ", ")), format!("let a = 0; a = ({}); export default 1", chain(400, ", "))),
        ("for init", format!("let a = 0; for ({}; false;) {{}} export default 1", chain(20000, ", ")), format!("let a = 0; for ({}; false;) {{}} export default 1", chain(400, ", "))),
        ("||", format!("let a = 0; export default {}", chain(20000, " || ")), format!("let a = 0; export default {}", chain(400, " || "))),
        ("&&", format!("let a = 1; export default {}", chain(20000, " && ")), format!("let a = 1; export default {}", chain(400, " && "))),
        ("??", format!("let a = 1; export default {}", chain(20000, " ?? ")), format!("let a = 1; export default {}", chain(400, " ?? "))),
        ("<", format!("let a = 1; export default {}", chain(20000, " < ")), format!("let a = 1; export default {}", chain(400, " < "))),
        ("instanceof", format!("let a = 1; try {{ {} }} catch {{}} export default 1", chain(20000, " instanceof ")), format!("let a = 1; try {{ {} }} catch {{}} export default 1", chain(400, " instanceof "))),
        ("**", format!("let a = 1; export default {}", chain(20000, " ** ")), format!("let a = 1; export default {}", chain(400, " ** "))),
        ("new", format!("function F() {{ return F }} export default typeof {}F", "new ".repeat(20000)), format!("function F() {{ return F }} export default typeof {}F", "new ".repeat(200))),
    ] {
        assert_failed(&run(&long), ErrorCode::ParseError);
        let outcome = run(&short);
        assert!(outcome.ok, "{name} within the budget: {:?}", outcome.error);
    }
}

/// Limits met while a module starts (its bindings made, its first instructions) end the run
/// with their own error; they were a panic ("async modules cannot directly throw").
#[test]
fn limits_while_a_module_starts_are_named() {
    let template = format!("let a = 1; export default `{}`.length", "${a}".repeat(20000));
    assert_failed(&run(&template), ErrorCode::DepthLimit);
    let constants: String = (0..12000).map(|i| format!("const c{i} = {i};\n")).collect();
    assert_failed(&run(&constants), ErrorCode::DepthLimit);
    let vars: String = (0..1000).map(|i| format!("var v{i} = {i};\n")).collect();
    assert_failed(&run_with_gas(&vars, 1000), ErrorCode::OutOfGas);
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
        format!("let {}x{} = {{}}", "{ a: ".repeat(600), " }".repeat(600)),
        format!("function f({}x{}) {{}}", "[".repeat(600), "]".repeat(600)),
        format!("const C = {}null{}", "class extends ".repeat(600), " {}".repeat(600)),
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
    // Case-insensitive classes fold every range through the case-folding table.
    let folded = gas(r"export default new RegExp('[^\\p{Ll}]', 'iu').source");
    let unfolded = gas(r"export default new RegExp('[^\\p{Ll}]', 'u').source");
    assert!(folded > unfolded + 5_000, "a case-folded class: {unfolded} vs {folded}");
    let failed = |flags: &str| gas(&format!(r"try {{ new RegExp('[^\\p{{Ll}}](', '{flags}') }} catch {{}}"));
    let (unfolded, folded) = (failed("u"), failed("iu"));
    assert!(folded > unfolded + 5_000, "a case-folded class that then fails: {unfolded} vs {folded}");
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
    // Removing from the front moves everything after it: array elements, an object's named
    // properties, a Map's or Set's entries. The same setup, with and without 200 removals.
    for (name, setup, remove) in [
        ("shift", "const a = []; for (let i = 0; i < 100000; i++) a.push(i);", "a.push(a.shift())"),
        ("delete", "const o = {}; for (let i = 0; i < 1000; i++) o['k' + i] = i;", "delete o['k' + k]; o['k' + k] = k"),
        ("Map.delete", "const m = new Map(); for (let i = 0; i < 20000; i++) m.set(i, i);", "m.delete(k); m.set(k, k)"),
        ("Set.delete", "const s = new Set(); for (let i = 0; i < 20000; i++) s.add(i);", "s.delete(k); s.add(k)"),
        // Deleted while iterated: the map is compacted when the iteration ends.
        ("Map.delete in forEach", "const m = new Map(); for (let i = 0; i < 20000; i++) m.set(i, i);", "try { m.forEach(() => { m.delete(k); m.set(k, k); throw 0 }) } catch {}"),
    ] {
        let without = gas(&format!("{setup} for (let k = 0; k < 0; k++) {{ {remove} }}"));
        let with = gas(&format!("{setup} for (let k = 0; k < 200; k++) {{ {remove} }}"));
        assert!(with > without + 500_000, "{name}: {without} vs {with}");
    }
    // A property looked up through a prototype chain walks each link (natively recursive, so
    // at most the native depth, 200); `for…in` walks the whole chain in a loop.
    let chain = |depth: u32, work: &str| gas(&format!("let o = {{}}; for (let i = 0; i < {depth}; i++) o = Object.create(o); for (let k = 0; k < 10000; k++) {{ {work} }}"));
    for work in ["o.missing", "'missing' in o"] {
        let (shallow, deep) = (chain(1, work), chain(100, work));
        assert!(deep > shallow + 500_000, "{work} through 100 prototypes: {shallow} vs {deep}");
    }
    let (shallow, deep) = (chain(1, "for (const key in o) {}"), chain(1000, "for (const key in o) {}"));
    assert!(deep > shallow + 500_000, "for…in over 1000 prototypes: {shallow} vs {deep}");
    // A backreference compares the whole text its group matched: `(.*)\1` on 2,000 units tries
    // about 1,000 lengths, each compared in full.
    let backreference = gas("export default /^(.*)\\1$/.test('x'.repeat(2000))");
    assert!(backreference > 200_000, "backreference: {backreference}");
    // Private elements are a list each `#x` scans: a class with n private fields costs n² per `new`.
    let class_of = |n: usize| format!("class C {{ {} }} for (let i = 0; i < 10; i++) new C()", (0..n).map(|i| format!("#p{i} = 0; ")).collect::<String>());
    let (few, many) = (gas(&class_of(10)), gas(&class_of(1000)));
    assert!(many > few + 1_000_000, "private fields: {few} vs {many}");
    // The interpreter's own scans: the registers a call fills (one per local binding) and the
    // handlers a throw examines (every `try` of the function, from the last one back).
    let locals = |n: usize| gas(&format!("function f(k) {{ if (k) return 1; {} }} for (let i = 0; i < 1000; i++) f(1)", (0..n).map(|i| format!("let v{i} = 0; ")).collect::<String>()));
    let (few, many) = (locals(1), locals(3000));
    assert!(many > few + 150_000, "calls of a function with 3,000 locals: {few} vs {many}");
    let handlers = |n: usize| gas(&format!("function f(k) {{ if (k) throw 1; {} }} for (let i = 0; i < 1000; i++) try {{ f(1) }} catch {{}}", "try { k++ } catch {} ".repeat(n)));
    let (few, many) = (handlers(1), handlers(3000));
    assert!(many > few + 150_000, "throws past 3,000 handlers: {few} vs {many}");
    // After `eval` (sloppy, through `Function`), a name is looked up through every environment
    // between it and its declaration: 200 nested blocks make each lookup walk 200.
    let blocks = |n: usize| gas(&format!("export default Function(\"var s = 0; eval(''); {} for (let i = 0; i < 1000; i++) s += 1; {} return s\")()", "{ let b = 0; ".repeat(n), "}".repeat(n)));
    let (few, many) = (blocks(1), blocks(200));
    assert!(many > few + 200_000, "lookups through 200 environments: {few} vs {many}");
    // Strict code too: with `eval` inside, every block is an environment, and a name declared
    // outside them is reached through all of them.
    let strict = |n: usize| gas(&format!("let s = 0; {} eval(''); for (let i = 0; i < 1000; i++) s += 1; {} export default s", "{ let b = 0; ".repeat(n), "}".repeat(n)));
    let (few, many) = (strict(1), strict(200));
    assert!(many > few + 30_000, "a name 200 environments out: {few} vs {many}");
    // Formatting a float exactly works on a big number of about |exponent| digits.
    let precision = |x: &str| gas(&format!("let t = 0; for (let i = 0; i < 100; i++) t += ({x} * (i + 1)).toPrecision(100).length; export default t"));
    let (small, large) = (precision("1.5e3"), precision("1.5e300"));
    assert!(large > small + 100_000, "toPrecision(100) of 1e300: {small} vs {large}");
    let exponential = |x: &str| gas(&format!("let t = 0; for (let i = 0; i < 100; i++) t += ({x} * (i + 1)).toExponential(100).length; export default t"));
    let (small, large) = (exponential("1.5e3"), exponential("1.5e-300"));
    assert!(large > small + 50_000, "toExponential(100) of 1e-300: {small} vs {large}");
    // A new key on an object whose shape's table another branch extended copies the table.
    let added = |n: usize| gas(&format!("const o = {{}}; for (let i = 0; i < 1000; i++) o['p' + i] = i; for (let i = 0; i < {n}; i++) {{ o['x' + i] = 1; delete o['x' + i] }}"));
    let (without, with) = (added(0), added(200));
    assert!(with > without + 20_000, "200 keys added to a 1000-property object: {without} vs {with}");
    let long = gas("export default new RegExp('x'.repeat(100000)).source.length");
    assert!(long > gas("export default 'x'.repeat(100000).length") + 10_000, "a long pattern: {long}");
}

/// Each pair: the same work on something short and on something long. Work that is linear
/// in the long thing must cost gas in proportion, whether or not an instruction runs per step.
#[test]
fn work_on_long_strings_and_sparse_arrays_is_charged() {
    let gas = |code: &str| run(code).gas_used;
    let pairs = [
        // Comparing and hashing long strings (noted by `boa_string`, charged by the engine).
        ("a === b", "const a = 'x'.repeat(N), b = 'x'.repeat(N); let n = 0; for (let i = 0; i < 100; i++) if (a === b) n++"),
        ("a < b", "const a = 'x'.repeat(N), b = 'x'.repeat(N) + 'y'; let n = 0; for (let i = 0; i < 100; i++) if (a < b) n++"),
        ("switch", "const a = 'x'.repeat(N), b = 'x'.repeat(N); let n = 0; for (let i = 0; i < 100; i++) switch (a) { case b: n++ }"),
        ("o[k]", "const k = 'k'.repeat(N); const o = {}; for (let i = 0; i < 100; i++) o[k] = i"),
        ("k in o", "const k = 'k'.repeat(N); const o = {}; let n = 0; for (let i = 0; i < 100; i++) if (k in o) n++"),
        ("Map.set", "const k = 'k'.repeat(N); const m = new Map(); for (let i = 0; i < 100; i++) m.set(k, i)"),
        ("Symbol.for", "const k = 'k'.repeat(N); for (let i = 0; i < 100; i++) Symbol.for(k)"),
        ("new Set", "const k = 'k'.repeat(N); const a = Array(100).fill(k); new Set(a)"),
        // Every index of a sparse array, present or not.
        ("sparse indexOf", "const a = []; a.length = N; a.indexOf(1)"),
        ("sparse forEach", "const a = []; a.length = N; a.forEach(Object)"),
        ("sparse reverse", "const a = []; a[N - 1] = 1; a.reverse()"),
        ("typed indexOf", "const u = new Uint8Array(N); u.indexOf(7); u.lastIndexOf(7)"),
        // A built-in calling a built-in per element: no instruction runs for either.
        ("isSubsetOf", "const s = new Set(); for (let i = 0; i < N / 100; i++) s.add(i); for (let i = 0; i < 100; i++) s.isSubsetOf(s)"),
        ("forEach(Object)", "const m = new Map(); for (let i = 0; i < N / 100; i++) m.set(i, i); for (let i = 0; i < 100; i++) m.forEach(Object)"),
        // Buffers that grow, digits produced.
        ("resize", "const b = new ArrayBuffer(0, { maxByteLength: N * 10 }); for (let i = 0; i < 100; i++) { b.resize(N * 10); b.resize(0) }"),
        ("transfer", "let b = new ArrayBuffer(0); for (let i = 0; i < 100; i++) b = b.transfer(N * 10).transfer(0)"),
        ("toString(3)", "for (let i = 0; i < N / 100; i++) (1e300).toString(3)"),
        ("source", "const r = new RegExp('x'.repeat(N)); for (let i = 0; i < 100; i++) r.source"),
        ("bound chain", "let f = function () {}; for (let i = 0; i < N / 1000; i++) f = f.bind(null, i); for (let i = 0; i < 100; i++) f()"),
        ("union", "const s = new Set(); for (let i = 0; i < N / 100; i++) s.add(i); const t = new Set([1]); for (let i = 0; i < 100; i++) s.union(t)"),
        // Sources read in full even when they fail to compile or parse.
        ("failed RegExp", "for (let i = 0; i < 10; i++) try { new RegExp('a'.repeat(N) + '(') } catch {}"),
        ("RegExp flags", "for (let i = 0; i < 10; i++) try { new RegExp('a', 'x'.repeat(N)) } catch {}"),
        ("rawJSON", "const s = JSON.stringify('a'.repeat(N)); for (let i = 0; i < 10; i++) JSON.rawJSON(s)"),
        // Prototype and proxy chains walked in a loop.
        ("instanceof", "function F() {} let o = {}; for (let i = 0; i < N / 100; i++) o = Object.create(o); for (let i = 0; i < 100; i++) o instanceof F"),
        ("isPrototypeOf", "const p = {}; let o = {}; for (let i = 0; i < N / 100; i++) o = Object.create(o); for (let i = 0; i < 100; i++) p.isPrototypeOf(o)"),
        ("setPrototypeOf", "let o = {}; for (let i = 0; i < N / 100; i++) o = Object.create(o); const x = {}; for (let i = 0; i < 100; i++) { Object.setPrototypeOf(x, o); Object.setPrototypeOf(x, null) }"),
        ("Array.isArray", "let p = []; for (let i = 0; i < N / 100; i++) p = new Proxy(p, {}); for (let i = 0; i < 100; i++) Array.isArray(p)"),
        // Strings built from others (every long string buffer allocated is charged).
        // Text read as a BigInt, quadratic in its length, whether converted or compared.
        ("BigInt == string", "const s = '1'.repeat(N); let n = 0; if (1n == s) n++"),
        ("string < BigInt", "const s = '1'.repeat(N); let n = 0; if (s < 1n) n++"),
        // A replacement template is read for every match, whatever it expands to.
        ("replace template", "const r = '$1'.repeat(N); let s = 0; for (let i = 0; i < 10; i++) s += 'aaa'.replace(/(b)?a/g, r).length"),
        ("replaceAll template", "const r = '$&'.repeat(N); let s = 0; for (let i = 0; i < 10; i++) s += 'aaa'.replaceAll('x', r).length + 'aaa'.replaceAll('a', r).length"),
        ("String(symbol)", "const s = Symbol('d'.repeat(N)); for (let i = 0; i < 100; i++) String(s)"),
        ("error toString", "const e = new Error('m'.repeat(N)); for (let i = 0; i < 100; i++) String(e)"),
        // Typed arrays converted element by element.
        ("set across types", "const a = new BigUint64Array(N / 10), b = new BigInt64Array(N / 10); for (let i = 0; i < 10; i++) b.set(a)"),
    ];
    // `N` as a word of its own (not the one in `JSON`) is the size.
    let sized = |code: &str, n: &str| {
        let chars: Vec<char> = code.chars().collect();
        let word = |at: usize| chars.get(at).is_some_and(|c| c.is_ascii_alphanumeric());
        chars.iter().enumerate().map(|(at, &c)| if c == 'N' && !word(at.wrapping_sub(1)) && !word(at + 1) { n.to_owned() } else { c.to_string() }).collect::<String>()
    };
    for (name, code) in pairs {
        let short = gas(&sized(code, "1000"));
        let long = gas(&sized(code, "100000"));
        assert!(long > short * 10, "{name}: {short} for 1,000 against {long} for 100,000");
    }
    // A buffer larger than any may be is refused before anything is charged or allocated.
    let huge = run("let name; try { new ArrayBuffer(1).transfer(2 ** 40) } catch (e) { name = e.name } export default name");
    assert_eq!(huge.value, json!("RangeError"), "{:?}", huge.error);
}

/// Text the engine formats for a contract — an error message naming a long binding, a stack
/// trace — is charged as text written (1 gas per 8 code units), not only as a string copied.
#[test]
fn text_the_engine_formats_is_charged() {
    let name = "c".repeat(100_000);
    let assign = |kind: &str| {
        run(&format!("{kind} {name} = 1; let n = 0; for (let i = 0; i < 100; i++) try {{ {name} = 2 }} catch {{ n++ }} export default n"))
    };
    let (throws, assigns) = (assign("const"), assign("let  "));
    assert_eq!((throws.value.clone(), assigns.value.clone()), (json!(100), json!(0)), "{:?}", throws.error);
    // 100 messages that each name the 100,000-unit binding.
    assert!(throws.gas_used > assigns.gas_used + 100 * 100_000 / 10, "const: {} against let: {}", throws.gas_used, assigns.gas_used);

    let stack = |reads: u32| {
        run(&format!("let e; (function deep(n) {{ if (n) return deep(n - 1); e = new Error() }})(60); let s = 0; for (let i = 0; i < {reads}; i++) s += e.stack.length; export default s"))
    };
    let (read, unread) = (stack(100), stack(0));
    let text = read.value.as_u64().expect("the length of the traces read");
    assert!(read.gas_used > unread.gas_used + text / 8, "{text} units of traces: {} against {}", read.gas_used, unread.gas_used);
}

/// A list a built-in fills from an array-like is not reserved from its `length` alone: that
/// memory was never charged, could pass the memory cap before a single element was read, and set
/// off a collection of the whole heap. The first element read here throws.
#[test]
fn an_announced_length_reserves_nothing() {
    let like = "{ length: 1e8, get 0() { throw new Error('first') } }";
    for call in [
        format!("[].join.call({like})"),
        format!("[].toLocaleString.call({like})"),
        format!("[].sort.call({like})"),
        format!("Reflect.apply(Math.max, null, {like})"),
        "JSON.stringify(Object.defineProperty(Object.assign([], { length: 2 ** 32 - 1 }), 0, { get() { throw new Error('first') } }))".to_owned(),
    ] {
        let outcome = run(&format!("let m; try {{ {call} }} catch (e) {{ m = e.message }} export default m"));
        assert_eq!(outcome.value, json!("first"), "{call}: {:?}", outcome.error);
    }
    // A 4 MB string of one repeated unit: one part per copy took 64 MB.
    assert_eq!(run("export default 'x'.repeat(4e6).length").value, json!(4_000_000));
}

/// Values the host builds for a contract — a call's arguments, `tx.input`, the staged transfers,
/// a recorded response's headers, the JSON `response.json` parses — are charged as they are
/// built, each time: a hunt built 64 transfers or 5,000 headers per call for free, 300× and 50×
/// a plain loop's time per gas, and 200,000 keys of arguments for 220 gas.
#[test]
fn values_the_host_builds_are_charged() {
    let keys: serde_json::Map<String, serde_json::Value> = (0..10_000).map(|i| (format!("key{i}"), json!(i))).collect();
    let headers: serde_json::Map<String, serde_json::Value> = (0..1_000).map(|i| (format!("h{i}"), json!("v"))).collect();
    let run_in = |code: &str, call: Option<serde_json::Value>| {
        let request: ExecuteRequest = serde_json::from_value(json!({
            "code": code,
            "context": {
                "chainId": "test", "contractId": "c1",
                "tx": { "id": "t", "sender": "alice", "input": if call.is_none() { json!(keys) } else { json!(null) } },
                "allowedHosts": ["tana.dev"],
                "fetches": [{ "url": "https://tana.dev/x", "status": 200, "headers": headers, "body": "[]" }]
            },
            "call": call,
            "gasLimit": 50_000_000
        }))
        .expect("valid request");
        let outcome = tana_engine::execute(request);
        assert!(outcome.ok, "{code}: {:?}", outcome.error);
        outcome.gas_used
    };
    // 10,000 properties at 6 gas each, at the least, whichever way they arrive.
    let built = 10_000 * 6;
    let argument = run_in("export function f(a) { return 0 }", Some(json!({ "function": "f", "args": [keys] })));
    let no_argument = run_in("export function f(a) { return 0 }", Some(json!({ "function": "f", "args": [] })));
    assert!(argument > no_argument + built, "arguments: {argument} against {no_argument}");
    let input = run_in("import { tx } from 'tana:tx'; export default 0", None);
    let no_input = run_in("export default 0", None);
    assert!(input > no_input + built, "tx.input: {input} against {no_input}");

    let staged = "import { tx } from 'tana:tx'; for (let i = 0; i < 64; i++) tx.transfer({ to: 'bob' + i, amount: '1', currency: 'USD' });";
    let (listed, unlisted) = (run_in(&format!("{staged} for (let i = 0; i < 100; i++) tx.transfers(); export default 0"), None), run_in(&format!("{staged} export default 0"), None));
    // 100 lists of 64 transfers of 4 fields.
    assert!(listed > unlisted + 100 * 64 * 5 * 6, "tx.transfers(): {listed} against {unlisted}");

    let fetching = |n: u32| run_in(&format!("import {{ fetch }} from 'tana:utils'; for (let i = 0; i < {n}; i++) await fetch('https://tana.dev/x'); export default 0"), None);
    let (many, one) = (fetching(100), fetching(1));
    assert!(many > one + 99 * 1_000 * 6, "headers: {many} against {one}");

    let parse = |n: u32| {
        let body = format!("[{}[]]", "[],".repeat(10_000));
        run_in(&format!("import {{ fetch }} from 'tana:utils'; const r = await fetch('https://tana.dev/x'); const o = {{ body: '{body}' }}; for (let i = 0; i < {n}; i++) await r.json.call(o); export default 0"), None)
    };
    let (parsed, unparsed) = (parse(10), parse(0));
    assert!(parsed > unparsed + 10 * 10_000 * 6, "response.json: {parsed} against {unparsed}");
}

/// Work that reads a whole BigInt is charged by its size: comparing, hashing, negating, converting
/// it. A hunt found each charged as one instruction (`===` of two 300,000-bit BigInts 77× a plain
/// loop's time per gas, `BigInt.asIntN(64, x)` 150×, `Number(x)` 64×, a `Map` key 27×); a typed
/// array's `fill` divided the whole BigInt for every element (600×), and now reads its low 64 bits.
#[test]
fn bigint_work_is_charged_by_its_size() {
    let big = "(1n << 300000n) | 12345n";
    // 300,000 bits are 4,688 limbs: a quarter gas each, per operation.
    let per_operation = 4_688 / 4;
    for operation in ["x === y", "x < y", "~x", "-x", "x++", "x--", "Number(x)", "new Map().set(x, 1)", "BigInt.asIntN(64, x)", "BigInt.asUintN(8, x)"] {
        let gas = |value: &str| {
            let outcome = run(&format!("let x = {value}; const y = x + 0n; for (let i = 0; i < 100; i++) {{ {operation} }} export default 0"));
            assert!(outcome.ok, "{operation}: {:?}", outcome.error);
            outcome.gas_used
        };
        let (huge, small) = (gas(big), gas("12345n"));
        assert!(huge > small + 100 * per_operation, "{operation}: {huge} against {small}");
    }
    // ToBigInt64 and ToBigUint64 read the low 64 bits, as the specification's modulo gives them.
    let wrapped = run("export default [...BigInt64Array.of(-1n, 2n ** 64n + 5n, -(2n ** 64n) - 5n, 2n ** 63n, (1n << 300000n) - 1n), ...BigUint64Array.of(-1n, -(2n ** 70n) + 3n)].map(String)");
    assert_eq!(wrapped.value, json!(["-1", "5", "-5", "-9223372036854775808", "-1", "18446744073709551615", "3"]), "{:?}", wrapped.error);
}

/// A thrown value is described (its `name`, `message` and `stack` read) while the run's gas still
/// counts: a getter or proxy trap that loops ends the run out of gas, and one that works is charged.
/// Read after the gas was totalled, a getter spinning to the 50 M limit was billed 214 gas.
#[test]
fn describing_an_uncaught_value_is_charged() {
    let spinning = run_with_gas("throw { get message() { for (;;); } }", 1_000_000);
    assert_failed(&spinning, ErrorCode::OutOfGas);
    assert_eq!(spinning.gas_used, 1_000_000);
    let working = |n: u32| {
        run(&format!("throw new Proxy({{}}, {{ get(t, key) {{ let s = 0; for (let i = 0; i < {n}; i++) s++; return key === 'message' ? 'worked' : undefined }} }})"))
    };
    let (worked, idle) = (working(100_000), working(0));
    assert_failed(&worked, ErrorCode::ContractError);
    assert!(worked.error.as_ref().is_some_and(|e| e.message.contains("worked")), "{:?}", worked.error);
    assert!(worked.gas_used > idle.gas_used + 100_000, "{} against {}", worked.gas_used, idle.gas_used);
}

/// The contract's code is charged by its size on every run (parsing it is work like any other: a
/// hunt parsed 500 KB of empty statements for a second on each run, at 211 gas); and the same
/// whether it was compiled ahead or not (tests/compiled_ahead.rs).
#[test]
fn code_is_charged_by_its_size() {
    let short = run("export default 1");
    let long = run(&format!("export default 1\n{}", ";".repeat(100_000)));
    assert_eq!(long.gas_used - short.gas_used, 8 * 100_001, "{:?}", long.error);
    // A source larger than its gas allows stops before it is parsed.
    let over = run_with_gas(&format!("export default 1\n{}", ";".repeat(100_000)), 500_000);
    assert_failed(&over, ErrorCode::OutOfGas);
}

/// Compiling a `v`-flag class charges each set operation by the sets it combines (a hunt's 100
/// intersections of `\p{L}` were 335× a plain loop's time per gas), and every error made copies
/// its backtrace, charged per frame (a `ReferenceError` caught at call depth 50 was 10–16×).
#[test]
fn class_set_operations_and_backtraces_are_charged() {
    let class = |operands: usize| {
        let pattern = format!("[{}\\\\p{{L}}]", "\\\\p{L}&&".repeat(operands));
        let outcome = run(&format!("for (let i = 0; i < 10; i++) new RegExp('{pattern}', 'v'); export default 0"));
        assert!(outcome.ok, "{pattern}: {:?}", outcome.error);
        outcome.gas_used
    };
    let (many, one) = (class(100), class(0));
    assert!(many > one + 10 * 100 * 1_000, "100 intersections: {many} against {one}");

    let throws = |depth: u32| {
        let outcome = run(&format!("function f(n) {{ if (n) return f(n - 1); let c = 0; for (let i = 0; i < 1000; i++) try {{ zzz }} catch {{ c++ }} return c }} export default f({depth})"));
        assert_eq!(outcome.value, json!(1000), "{:?}", outcome.error);
        outcome.gas_used
    };
    let (deep, shallow) = (throws(60), throws(0));
    // 50 more frames copied per throw, half a gas each, beyond the calls themselves.
    assert!(deep > shallow + 1000 * 50 / 2, "at depth 60: {deep} against {shallow}");
}

/// What is shown of a value — an uncaught value's description, console output — is bounded before
/// it is made: a huge BigInt shows its size (its digits took 3.3 s for `throw 1n << 8000000n`, at
/// 31,603 gas), a description stops at `maxMessageBytes`, console text past the room left is not
/// made. And `split('')` charges each element it makes.
#[test]
fn what_is_shown_of_a_value_is_bounded() {
    let big = run("throw 1n << 100000n");
    assert_failed(&big, ErrorCode::ContractError);
    assert_eq!(big.error.as_ref().map(|e| e.message.as_str()), Some("Uncaught [BigInt of 100001 bits]"));
    let small = run("throw 12345678901234567890n");
    assert_eq!(small.error.as_ref().map(|e| e.message.as_str()), Some("Uncaught 12345678901234567890n"));

    let strings = run("const s = 'x'.repeat(1e6); throw { a: s, b: s, c: s }");
    let message = strings.error.as_ref().map(|e| e.message.clone()).unwrap_or_default();
    assert!(message.starts_with("Uncaught {") && message.len() <= 4 * 1024 + 3, "{} bytes", message.len());
    let long_message = run("throw new Error('m'.repeat(1e6))");
    let message = long_message.error.as_ref().map(|e| e.message.clone()).unwrap_or_default();
    assert!(message.starts_with("Error: mmm") && message.ends_with('…') && message.len() <= 4 * 1024 + 3, "{} bytes", message.len());

    let logged = run("console.log(1n << 100000n, 7n); export default 0");
    assert_eq!(logged.logs.first().map(|l| l.message.as_str()), Some("[BigInt of 100001 bits] 7n"), "{:?}", logged.error);
    // Past the room left, a message fails however long it would be, and it is not made first.
    let huge = run_with_gas("const s = 'x'.repeat(1e7); console.log([s, s, s, s, s, s, s, s]); export default 0", 2_000_000);
    assert_failed(&huge, ErrorCode::ResourceLimit);

    let split = |text: &str| {
        let outcome = run(&format!("let n = 0; for (let i = 0; i < 10; i++) n += '{text}'.repeat(10000).split('').length; export default n"));
        assert_eq!(outcome.value, json!(100_000), "{:?}", outcome.error);
        outcome.gas_used
    };
    let (each, none) = (split("€"), run("let n = 0; for (let i = 0; i < 10; i++) n += '€'.repeat(10000).length * 10; export default n / 10").gas_used);
    assert!(each > none + 10 * 10_000 * 6, "split(''): {each} against {none}");
}

/// Duplicate group names are checked by sorting each name's paths (regress patch 08), not by
/// comparing every pair at every depth: the rule stays the specification's — a name may repeat
/// only in different alternatives — and nesting past the limit fails before the check.
#[test]
fn duplicate_group_names_follow_the_alternatives() {
    let compiles = |pattern: &str| {
        let outcome = run(&format!("let ok = true; try {{ new RegExp({}) }} catch {{ ok = false }} export default ok", serde_json::to_string(pattern).unwrap()));
        outcome.value.as_bool().unwrap_or_else(|| panic!("{pattern}: {:?}", outcome.error))
    };
    for (pattern, valid) in [
        ("(?<a>x)|(?<a>y)", true),
        ("(?<a>x)(?<a>y)", false),
        ("(?:(?<a>x)|(?<a>y))|(?<a>z)", true),
        ("(?:(?<a>x)|(?<a>y))(?<a>z)", false),
        ("((?<a>x)|(?<b>y))|((?<a>z)|(?<b>w))", true),
        ("(?<a>x)|((?<a>y)(?<a>z))", false),
        ("(?<b>q)|(?<a>x)|(?<b>r)|(?<a>y)", true),
        // Alternatives of two different groups: both groups can take part in one match.
        ("(?:(?<a>x)|y)(?:z|(?<a>w))", false),
        ("(?:(?<a>x)|y)|(?:z|(?<a>w))", true),
        ("((?<a>x)|y)((?<a>z)|w)", false),
        ("(?:(?:(?<a>x)|y)|(?<a>z))", true),
        ("(?:(?<a>x)|(?:y|(?<a>z)))(?<a>w)", false),
    ] {
        assert_eq!(compiles(pattern), valid, "{pattern}");
    }
    let deep = format!("{}{}y{}", "(".repeat(300), "(?<a>x)|".repeat(100), ")".repeat(300));
    assert!(!compiles(&deep), "nesting past the limit fails");
    let many = format!("{}{}y{}", "(".repeat(200), "(?<a>x)|".repeat(1000), ")".repeat(200));
    assert!(compiles(&many), "1,000 alternatives of one name, 200 deep");
    // Each name's path of alternatives, one entry per group around it, is built and compared:
    // compile steps (32 to a unit of 2 gas).
    let gas = |pattern: &str| run(&format!("new RegExp({}); export default 1", serde_json::to_string(pattern).unwrap())).gas_used;
    let shallow = format!("{}{}y{}", "(".repeat(2), "(?<a>x)|".repeat(1000), ")".repeat(2));
    let (deep_gas, shallow_gas) = (gas(&many), gas(&shallow));
    assert!(deep_gas > shallow_gas + 1000 * 198 / 16, "200 deep: {deep_gas} against 2 deep: {shallow_gas}");
}

/// A regular expression of thousands of alternatives is a balanced tree, not a chain that the
/// compiler walks one host stack frame per alternative: it compiles on every host, in a literal
/// never evaluated as in `new RegExp`.
#[test]
fn alternatives_do_not_nest() {
    let many = "x|".repeat(16_000);
    assert_eq!(run(&format!("export default new RegExp('{many}y').test('y')")).value, json!(true));
    let literal = run(&format!("if (false) /{many}y/.test(''); export default 1"));
    assert_eq!(literal.value, json!(1), "{:?}", literal.error);
    // Validating a literal folds no cases; an invalid one is still a syntax error.
    assert_failed(&run("export default /[/iu"), ErrorCode::ParseError);
    assert_eq!(run(r"export default /[^\p{Ll}]/iu.test('1') && /[a-z]/iu.test('Q')").value, json!(true));
}

/// A step the specification calls infallible still charges gas; running out there is
/// `OutOfGas`, never a panic or an `EngineFailure`. Every gas limit up to what each contract
/// needs stops it somewhere else.
#[test]
fn running_out_of_gas_anywhere_is_out_of_gas() {
    let contracts = [
        "function f(n) { if (n) return f(n - 1); for (let i = 0; i < 3; i++) new Error('x') } f(200)",
        "const o = { a: 1, b: [1, 2], c: 'x' }; for (let i = 0; i < 3; i++) { const c = { ...o }; Object.getOwnPropertyDescriptors(c); JSON.parse(JSON.stringify(c)) }",
        "const u = new Uint8Array(16).map((_, i) => i); for (let i = 0; i < 2; i++) { u.indexOf(9); u.includes(9); u.reverse(); u.sort(); u.slice().join() }",
        "const s = new Set([1, 2, 3]); const m = new Map([[1, 2]]); for (let i = 0; i < 2; i++) { s.union(s); s.isSubsetOf(s); m.forEach(Object); Promise.all([1, 2]); Array.from(s) }",
        "const s = ' '.repeat(200) + '1'; const o = { valueOf: () => s }; o == 1; 1 == o",
        "class A { #x = 1; get x() { return this.#x } } class B extends A {} for (let i = 0; i < 2; i++) { for await (const v of [1, 2]) new B().x; await Array.fromAsync(new Set([1])); 'x' in new B(); delete new B().x }",
        // Steps Boa `.expect`ed: a class's `prototype`, a String object's `length`, a dynamic
        // import's promise, an `AggregateError`'s `errors`.
        "for (let i = 0; i < 10; i++) { class A { static #m() {} } new String('x'); import('tana:core'); Promise.any([]).catch(() => {}) }",
    ];
    for code in contracts {
        let needed = run(code);
        assert!(needed.ok, "{code}: {:?}", needed.error);
        for limit in 1_000..needed.gas_used {
            let outcome = run_with_gas(code, limit);
            assert_failed(&outcome, ErrorCode::OutOfGas);
        }
    }
}

/// Reaching the native depth limit inside a step the specification calls infallible is
/// `DepthLimit`, never a panic. Each contract recurses through a getter (one native level per
/// call) and does the step at every level, so some level reaches the limit inside it.
#[test]
fn reaching_the_depth_limit_anywhere_is_depth_limit() {
    let at_every_level = |step: &str| format!("function f(n) {{ return ({{ get x() {{ {step}; return f(n + 1) }} }}).x }} f(0)");
    let mut contracts: Vec<String> = ["class A {}", "class A { static #m() {} }", "import('tana:core')"].iter().map(|step| at_every_level(step)).collect();
    // A generator paused inside a class body resumes it at each level: its static private method
    // is defined there, with nothing deeper before it.
    contracts.push("const G = []; for (let i = 0; i < 400; i++) { const g = (function* () { class A { [yield] = 1; static #m() {} } })(); g.next(); g.next = g.next; G.push(g) } function f(n) { return ({ get x() { G[n].next(); return f(n + 1) } }).x } f(0)".to_owned());
    // `Promise.any`'s reject element, handed out by a thenable, builds its `AggregateError` at each level.
    contracts.push("const R = []; function C(ex) { ex(() => {}, () => {}) } C.resolve = () => ({ then(res, rej) { R.push(rej) } }); for (let i = 0; i < 400; i++) Promise.any.call(C, [1]); function f(n) { return ({ get x() { R[n](1); return f(n + 1) } }).x } f(0)".to_owned());
    for code in &contracts {
        assert_failed(&run(code), ErrorCode::DepthLimit);
    }
    // An error made at the edge still has its own message (it is defined outside the depth count).
    let edge = "let found = []; function f(n) { return ({ get x() { try { null.x } catch (e) { found.push(Object.hasOwn(e, 'message')) } return f(n + 1) } }).x } try { f(0) } catch {} export default found.every(Boolean)";
    assert_failed(&run(edge), ErrorCode::DepthLimit);
    let at = |last: u32| run(&format!("let own; function f(n) {{ return ({{ get x() {{ if (n === {last}) {{ try {{ null.x }} catch (e) {{ own = Object.hasOwn(e, 'message') }} return 0 }} return f(n + 1) }} }}).x }} f(0); export default own"));
    let deepest = (50..200).take_while(|&last| at(last).ok).last().expect("a shallow level runs");
    assert_eq!(at(deepest).value, json!(true), "an error made {deepest} levels deep");
    // A caught failure inside `JSON.stringify` leaves no native level behind.
    let revoked = "function revoking() { const r = Proxy.revocable({}, { get() { r.revoke() } }); return r.proxy } let caught = 0; for (let i = 0; i < 1000; i++) try { JSON.stringify(revoking()) } catch { caught++ } export default caught";
    assert_eq!(run(revoked).value, json!(1000));
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

/// An exception thrown in a callee and caught in its caller leaves nothing on the engine's
/// stack: a loop of them ends by gas, never by the stack-size limit.
#[test]
fn caught_exceptions_leave_nothing_on_the_stack() {
    for code in [
        "function f() { throw 0 } for (;;) try { f() } catch {}",
        "function f(a, b, c) { const x = [a, b, c]; throw x } for (;;) try { f(1, 2, 3) } catch {}",
        "function g() { throw 0 } function f() { return g() } for (;;) try { f() } catch {}",
    ] {
        assert_failed(&run_with_gas(code, 2_000_000), ErrorCode::OutOfGas);
    }
    // Values the catching frame itself pushed for a call the exception abandoned.
    for code in [
        "const out = []; for (;;) try { out.push(JSON.parse('{')) } catch {}",
        "function f() { throw 0 } function g(a, b) {} for (;;) try { g(1, f()) } catch {}",
        "function f() { throw 0 } for (;;) try { new Array(1, 2, f()) } catch {}",
    ] {
        assert_failed(&run_with_gas(code, 2_000_000), ErrorCode::OutOfGas);
    }
    // A handler in a generator or an async function, thrown into while a call was being set up.
    assert_eq!(run("function* g() { try { Math.max(1, yield) } catch (e) { yield e + 1 } } const it = g(); it.next(); export default it.throw(5).value").value, json!(6));
    assert_eq!(run("async function h() { try { return Math.max(1, await Promise.reject(2)) } catch (e) { return [e, Math.max(3, 4)] } } export default await h()").value, json!([2, 4]));
    assert_eq!(run("let n = 0; for (let i = 0; i < 3; i++) { try { try { Math.max(1, JSON.parse('{')) } finally { n += 10 } } catch { n += 1 } } export default n").value, json!(33));
    let caught = run("function f(n) { throw n } let s = 0; for (let i = 0; i < 10000; i++) try { f(i) } catch (e) { s += e } export default s");
    assert!(caught.ok, "{:?}", caught.error);
    assert_eq!(caught.value, json!(49_995_000));
}

/// The matcher's step budget belongs to the thread that runs the contract: runs on other
/// threads at the same time change neither a match's gas nor where a runaway match stops.
#[test]
fn matching_on_other_threads_changes_no_gas() {
    let code = "let n = 0; for (let i = 0; i < 300; i++) n += /(a|b)+c/.exec('ab'.repeat(40 + i % 7) + 'c').index; export default n";
    let alone = run(code);
    assert!(alone.ok, "{:?}", alone.error);
    let threads: Vec<_> = (0..2)
        .map(|_| {
            std::thread::Builder::new()
                .stack_size(64 << 20)
                .spawn(move || {
                    (0..4)
                        .map(|_| (run(code).gas_used, run_with_gas("export default /^(a+)+$/.test('a'.repeat(40) + 'b')", 1_000_000).error.map(|e| e.code)))
                        .collect::<Vec<_>>()
                })
                .expect("thread")
        })
        .collect();
    for thread in threads {
        for (gas, runaway) in thread.join().expect("no panic") {
            assert_eq!(gas, alone.gas_used);
            assert_eq!(runaway, Some(ErrorCode::OutOfGas));
        }
    }
}

/// Error messages name a value's type, not its contents: formatting a whole object or string
/// into a message was work no gas paid for.
#[test]
fn error_messages_do_not_format_whole_values() {
    for this in ["'a'.repeat(100000)", "Object.fromEntries(Array.from({ length: 10000 }, (_, i) => ['k' + i, i]))"] {
        let outcome = run(&format!("let m; try {{ Function.prototype.call.call({this}) }} catch (e) {{ m = e.message }} export default m"));
        let message = outcome.value.as_str().map(str::to_owned).unwrap_or_default();
        assert!(message.contains("needs a function") && message.len() < 200, "{message:.300}");
    }
}

/// A collection visits everything live, an array's elements too, though Boa counts only the
/// boxes' headers as allocated: the collector waits for allocations in proportion to what it
/// visited before it collects again, so a big live array is not retraced at every megabyte of
/// small allocations, work that no gas pays for (Boa patch boa_gc 03).
#[test]
fn collections_wait_in_proportion_to_what_is_live() {
    let visits = |code: &str| gas_and_visits(code).1;
    let allocations = "let g; for (let i = 0; i < 100000; i++) g = function () {};";
    let alone = visits(&format!("{allocations} export default 1"));
    let beside = visits(&format!("const o = {{}}; const big = new Array(1e6).fill(o); {allocations} export default big.length"));
    assert!(beside < alone + 8_000_000, "the live array was retraced: {beside} visits against {alone}");
}

/// An entry deleted while an iterator is open keeps an empty slot until the last iterator lets
/// go; walking past one is charged (2 gas), so a `Set` of deleted entries held open is no longer
/// free to walk (Boa patch boa_engine 39).
#[test]
fn empty_slots_of_maps_and_sets_are_charged() {
    let gas = |code: &str| gas_and_visits(code).0;
    for (kind, add) in [("Set", "s.add(i)"), ("Map", "s.set(i, i)")] {
        let setup = format!("const s = new {kind}(); for (let i = 0; i < 10000; i++) {add}; const it = s[Symbol.iterator](); it.next();");
        let held = format!("{setup} for (let i = 1; i < 10000; i++) s.delete(i);");
        let walks = "let n = 0; for (let k = 0; k < 10; k++) s.forEach(() => n++);";
        let extra = gas(&format!("{held} {walks} export default n")) - gas(&format!("{held} export default 0"));
        assert!(extra >= 10 * 9999 * 2, "{kind}: ten walks past 9,999 empty slots cost {extra}");
    }
}

/// A collection made while a run allocates is charged for the values it visits (a quarter of a
/// gas each): with much live, collections still come often near the heap cap, and each visits all
/// of it (Boa patch boa_gc 04).
#[test]
fn collections_are_charged_by_what_they_visit() {
    let measure = gas_and_visits;
    let allocations = "let g; for (let i = 0; i < 100000; i++) g = function () {};";
    let setup = "const o = {}; const big = new Array(1e6).fill(o);";
    let (held_gas, held_visits) = measure(&format!("{setup} {allocations} export default big.length"));
    let (setup_gas, setup_visits) = measure(&format!("{setup} export default big.length"));
    let (loop_gas, loop_visits) = measure(&format!("{allocations} export default 1"));
    let extra_visits = (held_visits.saturating_sub(setup_visits + loop_visits) / 4) as u64;
    assert!(extra_visits > 100_000, "the live array was visited again: {held_visits} visits");
    assert!(held_gas + 5_000 >= setup_gas + loop_gas + extra_visits, "{held_gas} gas against {setup_gas} + {loop_gas} + {extra_visits} for the visits");
}

/// `difference` and `symmetricDifference` remove from the copy they build, each removal moving
/// every entry after it: charged as `delete` is (Boa patch boa_engine 40). Ephemerons a
/// collection examines count as visits (Boa patch boa_gc 05).
#[test]
fn set_removals_and_ephemerons_are_charged() {
    let gas = |code: &str| gas_and_visits(code).0;
    let setup = "const s = new Set(); for (let i = 0; i < 5000; i++) s.add(i);";
    let other = |has: bool| format!("{{ size: 1e9, has() {{ return {has} }}, keys() {{ return [].values() }} }}");
    let removes = gas(&format!("{setup} export default s.difference({}).size", other(true)));
    let keeps = gas(&format!("{setup} export default s.difference({}).size", other(false)));
    assert!(removes > keeps + 5000 * 4999 / 2 * 48 / 64 / 2, "removing 5,000 from the front: {removes} against {keeps}");
    let symmetric = gas(&format!("{setup} export default s.symmetricDifference(new Set(s)).size"));
    let disjoint = gas(&format!("{setup} const t = new Set(); for (let i = 0; i < 5000; i++) t.add(-1 - i); export default s.symmetricDifference(t).size"));
    assert!(symmetric > disjoint + 5000 * 4999 / 2 * 48 / 64 / 2, "symmetricDifference removing all: {symmetric} against {disjoint}");

    // Keys reachable only through another entry's value: every entry waits to be settled at
    // every collection, which examines and indexes it; the same keys with no weak maps: none.
    let visits = |maps: &str| {
        let collections = boa_gc::tana_collections();
        let (_, visits) = gas_and_visits(&format!("const wm = new WeakMap(), maps = {maps}, k0 = {{}}; (() => {{ const keys = []; for (let i = 0; i < 20000; i++) {{ const k = {{}}; keys.push(k); for (const m of maps) m.set(k, 1) }} wm.set(k0, keys) }})(); let g; for (let i = 0; i < 100000; i++) g = function () {{}}; export default 1"));
        visits / (boa_gc::tana_collections() - collections).max(1)
    };
    let (pending, none) = (visits("[new WeakMap(), new WeakMap()]"), visits("[]"));
    assert!(pending > none + 40000 * 2, "40,000 pending entries: {pending} visits a collection against {none}");
}
