//! The hash tables a contract fills (property tables, shape transitions, `Map`, `Set`, the keys
//! a `for-in` or a proxy's `ownKeys` has seen, names and literals, `Symbol.for`) hash with a
//! seed drawn from the run's inputs (see rustc-hash's `tana` patch and `sandbox::seeds`), so keys
//! brute-forced to collide under a seed known ahead do not collide in a run.

use std::hash::BuildHasher;

use boa_engine::{JsString, property::PropertyKey, tana::HashState};
use serde_json::json;
use tana_engine::protocol::{ExecuteRequest, Outcome};

const KEYS: usize = 40;

/// A key of 71 code units: long enough that comparing two of them is noted as work, so a
/// lookup that compares many colliding keys costs gas.
fn key(i: u64) -> String {
    format!("{}{i:07}", "k".repeat(64))
}

/// `KEYS` keys whose hashes under `seed` agree in their low 7 bits (the bucket, in every table
/// of up to 128 buckets) and in their top 7 (hashbrown's control byte), so that a lookup
/// compares the key with each of them: what an adversary who knows the seed brute-forces.
fn keys_colliding_under(seed: u64) -> Vec<String> {
    let state = HashState::tana_with_seed(seed);
    let hash = |key: &str| state.hash_one(PropertyKey::from(JsString::from(key)));
    let aim = |hash: u64| (hash & 0x7f, hash >> 57);
    let target = aim(hash(&key(0)));
    (0..).map(key).filter(|k| aim(hash(k)) == target).take(KEYS).collect()
}

fn run(keys: &[String], state: serde_json::Value) -> Outcome {
    let code = format!(
        "const keys = {}; const o = {{}}; for (const k of keys) o[k] = 1;
         let s = 0; for (let r = 0; r < 20; r++) for (const k of keys) s += o[k];
         const m = new Map(); for (const k of keys) m.set(k, 1); for (const k of keys) s += m.get(k);
         for (let r = 0; r < 10; r++) for (const k in o) s += 0;
         for (let r = 0; r < 10; r++) s += Reflect.ownKeys(new Proxy({{}}, {{ ownKeys: () => keys }})).length * 0;
         for (let r = 0; r < 10; r++) s += JSON.stringify({{}}, keys).length * 0;
         export default s",
        serde_json::to_string(keys).expect("keys")
    );
    let request: ExecuteRequest = serde_json::from_value(json!({
        "code": code,
        "state": state,
        "context": { "chainId": "test", "contractId": "c1", "tx": { "id": "t", "sender": "alice" } },
    }))
    .expect("valid request");
    let outcome = tana_engine::execute(request);
    assert_eq!(outcome.value, json!(keys.len() * 21), "{:?}", outcome.error);
    outcome
}

#[test]
fn keys_aimed_at_a_known_seed_do_not_collide_in_a_run() {
    let ordinary: Vec<String> = (1..=KEYS as u64).map(|i| key(i * 7919)).collect();
    let ordinary = run(&ordinary, json!({})).gas_used;
    // Aimed at the seed of the realm's own tables, which is in the source: the first thing an
    // adversary tries.
    let aimed = keys_colliding_under(boa_engine::tana::IMAGE_HASH_SEED);
    let at_the_image_seed = run(&aimed, json!({})).gas_used;
    // Were the tables hashed with that seed, each of the 880 lookups would compare about 20
    // colliding keys of 71 units: some 20,000 gas more.
    assert!(at_the_image_seed < ordinary + ordinary / 20, "aimed keys {at_the_image_seed} gas, ordinary keys {ordinary}");
}

#[test]
fn the_seed_of_a_run_follows_its_inputs_and_not_the_host() {
    let keys: Vec<String> = (0..3).map(key).collect();
    let seed_after = |state: serde_json::Value| {
        run(&keys, state);
        boa_engine::tana::hash_seed()
    };
    let first = seed_after(json!({ "k": 1 }));
    assert_eq!(first, seed_after(json!({ "k": 1 })), "the same inputs, the same seed");
    assert_ne!(first, seed_after(json!({ "k": 2 })), "other state, another seed");
    assert_ne!(first, boa_engine::tana::IMAGE_HASH_SEED);
}
