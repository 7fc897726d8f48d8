//! Glob matching for `data.keys(pattern)`: `*` matches any run of characters,
//! `?` exactly one, everything else itself. Matching counts its steps, so that
//! gas follows the work (a long pattern against many keys).

use crate::errors::{ErrorCode, Fatal};
use crate::limits::MAX_KEY_PATTERN_BYTES;

pub struct Pattern {
    chars: Vec<char>,
}

impl Pattern {
    pub fn new(pattern: &str) -> Result<Self, Fatal> {
        if pattern.len() > MAX_KEY_PATTERN_BYTES {
            return Err(Fatal::new(
                ErrorCode::StorageLimit,
                format!("data.keys pattern is {} bytes; the limit is {MAX_KEY_PATTERN_BYTES}", pattern.len()),
            ));
        }
        Ok(Self { chars: pattern.chars().collect() })
    }

    /// Whether `text` matches, and the steps it took (at least one per character read).
    pub fn matches(&self, text: &str) -> (bool, usize) {
        let p = &self.chars;
        let t: Vec<char> = text.chars().collect();
        let mut steps = t.len() + 1;
        // Iterative wildcard match with backtracking to the last `*`.
        let (mut pi, mut ti) = (0usize, 0usize);
        let mut star: Option<(usize, usize)> = None;
        while ti < t.len() {
            steps += 1;
            if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
                pi += 1;
                ti += 1;
            } else if pi < p.len() && p[pi] == '*' {
                star = Some((pi, ti));
                pi += 1;
            } else if let Some((sp, st)) = star {
                pi = sp + 1;
                ti = st + 1;
                star = Some((sp, st + 1));
            } else {
                return (false, steps);
            }
        }
        steps += p.len() - pi;
        (p[pi..].iter().all(|c| *c == '*'), steps)
    }
}

#[cfg(test)]
mod tests {
    use super::Pattern;

    fn matches(pattern: &str, text: &str) -> bool {
        Pattern::new(pattern).unwrap().matches(text).0
    }

    #[test]
    fn star_matches_any_suffix() {
        assert!(matches("user:*", "user:1:name"));
        assert!(matches("user:*", "user:"));
        assert!(!matches("user:*", "users"));
    }

    #[test]
    fn question_mark_matches_one_char() {
        assert!(matches("user:?:name", "user:1:name"));
        assert!(!matches("user:?:name", "user:12:name"));
    }

    #[test]
    fn literal_and_inner_stars() {
        assert!(matches("counter", "counter"));
        assert!(!matches("counter", "counter2"));
        assert!(matches("*:name", "user:2:name"));
        assert!(matches("a*b*c", "axxbyyc"));
        assert!(!matches("a*b*c", "axxbyy"));
        assert!(matches("*", ""));
    }

    #[test]
    fn steps_grow_with_backtracking() {
        let simple = Pattern::new("user:*").unwrap().matches("user:1").1;
        // A star followed by a long literal retries the literal at every position.
        let hard = Pattern::new(&format!("*{}b", "a".repeat(100))).unwrap().matches(&"a".repeat(250)).1;
        assert!(simple < 20, "{simple}");
        assert!(hard > 100 * 100, "{hard}");
    }

    #[test]
    fn overlong_patterns_are_refused() {
        assert!(Pattern::new(&"*".repeat(super::MAX_KEY_PATTERN_BYTES + 1)).is_err());
    }
}
