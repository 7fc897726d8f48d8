//! Completion records through `try`/`catch`/`finally` (Boa patch 06), module evaluation's
//! promise jobs (patch 08) and `using` (patch 07, boa_parser patch 02), as contracts see them.
//! The cases are in tests/fixtures/completion.json and ticks.json (checked against Node).

use serde::Deserialize;
use serde_json::{Value, json};
use tana_engine::errors::ErrorCode;
use tana_engine::protocol::{ExecuteRequest, Outcome};

fn run(code: &str) -> Outcome {
    let request: ExecuteRequest = serde_json::from_value(json!({ "code": code, "context": {} })).expect("valid request");
    tana_engine::execute(request)
}

#[derive(Deserialize)]
struct Case {
    name: String,
    kind: String,
    code: String,
    expected: String,
}

#[test]
fn exceptions_through_finally_complete_as_in_every_engine() {
    let cases: Vec<Case> = serde_json::from_str(include_str!("fixtures/completion.json")).unwrap();
    assert!(cases.len() >= 30);
    for case in cases {
        let mut contexts = vec![
            ("contract", format!("{}\nexport default r", case.code)),
            ("async function after await", format!("export default await (async function () {{ await 0;\n{}\nreturn r }})()", case.code)),
        ];
        if case.kind == "sync" {
            contexts.push(("async function", format!("export default await (async function () {{\n{}\nreturn r }})()", case.code)));
            contexts.push(("generator", format!("export default (function* () {{\n{}\nreturn r }})().next().value", case.code)));
        }
        for (context, code) in contexts {
            let outcome = run(&code);
            assert!(outcome.ok, "{} ({context}): {:?}", case.name, outcome.error);
            assert_eq!(outcome.value, Value::String(case.expected.clone()), "{} ({context})", case.name);
        }
    }
}

#[test]
fn module_evaluation_adds_no_observable_promise_jobs() {
    #[derive(Deserialize)]
    struct Ticks {
        name: String,
        code: String,
    }
    let cases: Vec<Ticks> = serde_json::from_str(include_str!("fixtures/ticks.json")).unwrap();
    for case in cases {
        let outcome = run(&format!("import {{ console }} from 'tana:core'; const print = (s) => console.log(s);\n{}", case.code));
        assert!(outcome.ok, "{}: {:?}", case.name, outcome.error);
        assert_eq!(outcome.logs.first().map(|l| l.message.as_str()), Some("ok"), "{}", case.name);
    }
}

#[test]
fn using_declarations_are_a_syntax_error_with_a_position() {
    for (code, line, column) in [
        ("using x = null; export default 1", 1, 7),
        ("await using x = null; export default 1", 1, 13),
        ("export default function f() { { using x = null; } }", 1, 39),
        ("(function(){ using x = null; })()", 1, 20),
    ] {
        let outcome = run(code);
        let error = outcome.error.expect("an error");
        assert_eq!(error.code, ErrorCode::ParseError, "{code}: {}", error.message);
        assert!(error.message.contains("not supported"), "{code}: {}", error.message);
        assert_eq!((error.line, error.column), (Some(line), Some(column)), "{code}: {}", error.message);
    }
    let built = run("let m; try { eval('{ using x = null; }') } catch (e) { m = e.name } export default m");
    assert_eq!(built.value, json!("SyntaxError"));
}

#[test]
fn using_is_still_an_ordinary_identifier() {
    for (code, value) in [
        ("var using = 1; export default using", json!(1)),
        ("function using() { return 2 } export default using()", json!(2)),
        ("export default ((using) => using * 2)(5)", json!(10)),
        ("let n = 0; using: for (;;) { n = 11; break using } export default n", json!(11)),
        ("export default ({ using: 1 }).using", json!(1)),
    ] {
        let outcome = run(code);
        assert_eq!(outcome.value, value, "{code}: {:?}", outcome.error);
    }
}

/// `export { … }` may be the last thing in a source, with no semicolon (it is inserted):
/// Boa 0.22 read past the end for a `from` and failed with "abrupt end".
#[test]
fn an_export_list_may_end_the_source() {
    for code in ["const a = 1; export { a }", "const a = 2; export { a as default }", "const a = 3; export { a, a as b }\n"] {
        let outcome = run(code);
        assert!(outcome.ok, "{code}: {:?}", outcome.error);
    }
    assert_eq!(run("const a = 2; export { a as default }").value, json!(2));
}
