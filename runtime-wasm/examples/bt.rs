use boa_engine::{Context, Module, Source};
fn main() {
    let code = std::env::args().nth(1).unwrap();
    let mut c = Context::builder().instructions_remaining(10_000_000).build().unwrap();
    c.runtime_limits_mut().set_recursion_limit(400);
    let m = Module::parse(Source::from_bytes(code.as_bytes()).with_path(std::path::Path::new("contract.js")), None, &mut c).unwrap();
    let p = m.load_link_evaluate(&mut c);
    let r = c.run_jobs();
    println!("run_jobs: {:?}", r.as_ref().err().map(|e| e.tana_backtrace()));
    if let Some(boa_engine::builtins::promise::PromiseState::Rejected(v)) = Some(p.state()) { println!("rejected: {}", v.display()); }
}
