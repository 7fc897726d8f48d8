//! Seeds drawn from a run's inputs: the same inputs give the same seed on every host, and a
//! contract cannot know a seed before it has chosen the inputs that decide it.

use sha2::{Digest, Sha256};

use crate::protocol::ExecuteRequest;

/// sha256 of a domain and length-prefixed parts (the prefixes keep `["ab","c"]` apart from
/// `["a","bc"]`).
pub fn digest(domain: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(domain);
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// The seed of the hash tables made while parsing and compiling `code` (see
/// `boa_engine::tana`): the identifiers of the code are among what decides it, and compiling
/// ahead of a run gives the tables compiling in it would.
pub fn hash_seed_of_code(code: &str) -> u64 {
    first_u64(&digest(b"tana:hash-seed:code:v1", &[code.as_bytes()]))
}

/// The seed of the tables made while a request's JSON text is parsed (its objects' keys): any
/// function of the text that a sender cannot aim keys at, as the keys are part of it.
pub fn hash_seed_of_request(text: &str) -> u64 {
    first_u64(&digest(b"tana:hash-seed:request:v1", &[text.as_bytes()]))
}

/// The seed of the hash tables a run makes or fills: from everything the contract observes
/// (code, state, context, the call), in the order it observes it (object keys keep theirs), so
/// that keys aimed at one table's buckets would change the seed they were aimed at.
pub fn hash_seed_of_run(request: &ExecuteRequest) -> u64 {
    // Serialising what was parsed does not fail (string keys, JSON values); were it to, the
    // seed would still be the same on every host.
    let state = serde_json::to_vec(&request.state).unwrap_or_default();
    let context = serde_json::to_vec(&request.context).unwrap_or_default();
    let call = serde_json::to_vec(&request.call).unwrap_or_default();
    first_u64(&digest(b"tana:hash-seed:run:v1", &[request.code.as_bytes(), &state, &context, &call]))
}

fn first_u64(digest: &[u8; 32]) -> u64 {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    u64::from_le_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(code: &str, state: &str, input: &str) -> ExecuteRequest {
        serde_json::from_str(&format!(
            r#"{{"code":{code:?},"state":{state},"context":{{"tx":{{"input":{input}}}}}}}"#
        ))
        .expect("a valid request")
    }

    #[test]
    fn the_run_seed_is_a_function_of_everything_the_contract_observes() {
        let base = hash_seed_of_run(&request("1", r#"{"k":"v"}"#, r#"{"a":1,"b":2}"#));
        assert_eq!(base, hash_seed_of_run(&request("1", r#"{"k":"v"}"#, r#"{"a":1,"b":2}"#)));
        assert_ne!(base, hash_seed_of_run(&request("2", r#"{"k":"v"}"#, r#"{"a":1,"b":2}"#)), "code");
        assert_ne!(base, hash_seed_of_run(&request("1", r#"{"k":"w"}"#, r#"{"a":1,"b":2}"#)), "state");
        assert_ne!(base, hash_seed_of_run(&request("1", r#"{"k":"v"}"#, r#"{"a":1,"b":3}"#)), "input");
        // Key order is observable (`Object.keys`), so it is an input too.
        assert_ne!(base, hash_seed_of_run(&request("1", r#"{"k":"v"}"#, r#"{"b":2,"a":1}"#)), "key order");
    }

    #[test]
    fn parts_are_kept_apart() {
        assert_ne!(digest(b"d", &[b"ab", b"c"]), digest(b"d", &[b"a", b"bc"]));
        assert_ne!(hash_seed_of_code("x"), hash_seed_of_code("y"));
    }
}
