//! Glob matching for `data.keys(pattern)`: `*` matches any run of characters,
//! `?` exactly one, everything else itself.

pub fn matches(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // Iterative wildcard match with backtracking to the last `*` (linear in practice).
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
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
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::matches;

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
}
