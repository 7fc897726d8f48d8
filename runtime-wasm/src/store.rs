//! The contract's key-value store inside one run: committed state plus staged
//! writes. `commit()` applies staged writes atomically after checking every limit;
//! writes never committed are dropped. Pure Rust, no Boa.

use serde_json::Value;
use std::collections::BTreeMap;

use crate::errors::{ErrorCode, Fatal};
use crate::glob;
use crate::limits::{MAX_KEYS, MAX_KEY_BYTES, MAX_STATE_BYTES, MAX_VALUE_BYTES};
use crate::protocol::{State, StateDiff};

#[derive(Debug)]
pub struct Store {
    before: State,
    committed: State,
    committed_bytes: usize,
    /// Pending writes; `None` stages a delete.
    staged: BTreeMap<String, Option<Value>>,
}

/// Bytes an entry counts against the contract's state limit.
pub fn entry_bytes(key: &str, value: &Value) -> usize {
    key.len() + json_len(value)
}

pub fn json_len(value: &Value) -> usize {
    // Serialising a `serde_json::Value` cannot fail (keys are strings, numbers finite).
    serde_json::to_string(value).map_or(0, |s| s.len())
}

impl Store {
    pub fn new(state: State) -> Self {
        let committed_bytes = state.iter().map(|(k, v)| entry_bytes(k, v)).sum();
        Self { before: state.clone(), committed: state, committed_bytes, staged: BTreeMap::new() }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        match self.staged.get(key) {
            Some(staged) => staged.as_ref(),
            None => self.committed.get(key),
        }
    }

    pub fn set(&mut self, key: &str, value: Value) -> Result<usize, Fatal> {
        check_key(key)?;
        let size = json_len(&value);
        if size > MAX_VALUE_BYTES {
            return Err(Fatal::new(
                ErrorCode::StorageLimit,
                format!("value for key '{key}' is {size} bytes; the limit is {MAX_VALUE_BYTES} bytes"),
            ));
        }
        self.staged.insert(key.to_owned(), Some(value));
        Ok(key.len() + size)
    }

    pub fn delete(&mut self, key: &str) -> Result<bool, Fatal> {
        check_key(key)?;
        let existed = self.get(key).is_some();
        self.staged.insert(key.to_owned(), None);
        Ok(existed)
    }

    /// Keys visible now (committed and staged), sorted, filtered by a glob pattern,
    /// with the matcher's steps over all of them.
    pub fn keys(&self, pattern: &glob::Pattern) -> (usize, Vec<String>) {
        let committed = self.committed.keys().filter(|k| !self.staged.contains_key(*k));
        let staged = self.staged.iter().filter(|(_, v)| v.is_some()).map(|(k, _)| k);
        let mut steps = 0;
        let mut keys: Vec<String> = committed
            .chain(staged)
            .filter(|k| {
                let (matched, taken) = pattern.matches(k);
                steps += taken;
                matched
            })
            .cloned()
            .collect();
        keys.sort();
        (steps, keys)
    }

    /// Applies every staged write at once, or none if a limit would break.
    /// Returns the bytes written.
    pub fn commit(&mut self) -> Result<usize, Fatal> {
        let mut bytes = self.committed_bytes;
        let mut count = self.committed.len();
        let mut written = 0usize;
        for (key, staged) in &self.staged {
            if let Some(old) = self.committed.get(key) {
                bytes -= entry_bytes(key, old);
                count -= 1;
            }
            if let Some(new) = staged {
                let size = entry_bytes(key, new);
                bytes += size;
                written += size;
                count += 1;
            }
        }
        if count > MAX_KEYS {
            return Err(Fatal::new(
                ErrorCode::StorageLimit,
                format!("commit would leave {count} keys; a contract may hold at most {MAX_KEYS}"),
            ));
        }
        if bytes > MAX_STATE_BYTES {
            return Err(Fatal::new(
                ErrorCode::StorageLimit,
                format!("commit would leave {bytes} bytes of state; the limit is {MAX_STATE_BYTES} bytes"),
            ));
        }
        for (key, staged) in std::mem::take(&mut self.staged) {
            match staged {
                Some(value) => self.committed.insert(key, value),
                None => self.committed.remove(&key),
            };
        }
        self.committed_bytes = bytes;
        Ok(written)
    }

    pub fn committed(&self) -> &State {
        &self.committed
    }

    /// The committed change relative to the state the run started from.
    pub fn diff(&self) -> StateDiff {
        let set = self
            .committed
            .iter()
            .filter(|(k, v)| self.before.get(*k) != Some(*v))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let deleted =
            self.before.keys().filter(|k| !self.committed.contains_key(*k)).cloned().collect();
        StateDiff { set, deleted, transfers: Vec::new() }
    }
}

fn check_key(key: &str) -> Result<(), Fatal> {
    if key.is_empty() {
        return Err(Fatal::new(ErrorCode::StorageLimit, "keys must not be empty"));
    }
    if key.len() > MAX_KEY_BYTES {
        return Err(Fatal::new(
            ErrorCode::StorageLimit,
            format!("key is {} bytes; the limit is {MAX_KEY_BYTES} bytes", key.len()),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn store(pairs: &[(&str, Value)]) -> Store {
        Store::new(pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
    }

    #[test]
    fn reads_see_staged_writes_but_diff_only_commits() {
        let mut s = store(&[("a", json!(1))]);
        s.set("b", json!({"x": 2})).unwrap();
        assert_eq!(s.get("b"), Some(&json!({"x": 2})));
        assert!(s.diff().is_empty());
        s.commit().unwrap();
        assert_eq!(s.diff().set.get("b"), Some(&json!({"x": 2})));
        s.set("c", json!(3)).unwrap();
        assert!(!s.diff().set.contains_key("c"), "uncommitted writes are not in the diff");
    }

    #[test]
    fn deletes_and_unchanged_values() {
        let mut s = store(&[("a", json!(1)), ("b", json!(2))]);
        s.delete("a").unwrap();
        s.set("b", json!(2)).unwrap();
        s.commit().unwrap();
        let d = s.diff();
        assert_eq!(d.deleted, vec!["a".to_string()]);
        assert!(d.set.is_empty(), "rewriting the same value is no change");
        assert_eq!(s.get("a"), None);
    }

    #[test]
    fn keys_merge_committed_and_staged_and_filter_by_glob() {
        let mut s = store(&[("user:1", json!(1)), ("user:2", json!(2)), ("other", json!(0))]);
        s.set("user:3", json!(3)).unwrap();
        s.delete("user:1").unwrap();
        let keys = |s: &Store, p: &str| s.keys(&glob::Pattern::new(p).unwrap()).1;
        assert_eq!(keys(&s, "user:*"), vec!["user:2", "user:3"]);
        assert_eq!(keys(&s, "*").len(), 3);
    }

    #[test]
    fn key_and_value_limits() {
        let mut s = store(&[]);
        assert_eq!(s.set(&"k".repeat(257), json!(1)).unwrap_err().code, ErrorCode::StorageLimit);
        assert!(s.set(&"k".repeat(256), json!(1)).is_ok());
        let big = Value::String("x".repeat(MAX_VALUE_BYTES));
        assert_eq!(s.set("v", big).unwrap_err().code, ErrorCode::StorageLimit);
        assert_eq!(s.set("", json!(1)).unwrap_err().code, ErrorCode::StorageLimit);
    }

    #[test]
    fn commit_is_all_or_nothing_on_total_size() {
        let mut s = store(&[]);
        let chunk = Value::String("x".repeat(9_500));
        for i in 0..11 {
            s.set(&format!("k{i}"), chunk.clone()).unwrap();
        }
        assert_eq!(s.commit().unwrap_err().code, ErrorCode::StorageLimit);
        assert!(s.committed().is_empty(), "a failed commit applies nothing");
    }

    #[test]
    fn commit_enforces_key_count() {
        let mut s = store(&[]);
        for i in 0..=MAX_KEYS {
            s.set(&format!("k{i}"), json!(1)).unwrap();
        }
        assert_eq!(s.commit().unwrap_err().code, ErrorCode::StorageLimit);
        s.delete("k0").unwrap();
        assert!(s.commit().is_ok());
        assert_eq!(s.committed().len(), MAX_KEYS);
    }
}
