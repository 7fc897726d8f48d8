//! Boa's parser is recursive descent: a source with thousands of nested brackets
//! or chained unary operators would exhaust the native stack before any gas is
//! spent. This conservative scan rejects such sources up front.

use crate::limits::MAX_SOURCE_NESTING;

pub fn check(source: &str) -> Result<(), String> {
    let mut depth = 0usize;
    let mut max_depth = 0usize;
    let mut unary_run = 0usize;
    for c in source.chars() {
        match c {
            '(' | '[' | '{' => {
                depth += 1;
                max_depth = max_depth.max(depth);
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        // Long runs of prefix operators (`!!!!x`, `- - -x`, `typeof typeof …`) recurse too.
        if matches!(c, '!' | '~' | '-' | '+') {
            unary_run += 1;
        } else if !c.is_whitespace() {
            unary_run = 0;
        }
        if max_depth > MAX_SOURCE_NESTING || unary_run > MAX_SOURCE_NESTING {
            return Err(format!(
                "source nests deeper than {MAX_SOURCE_NESTING} levels; flatten it"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn ordinary_code_passes() {
        assert!(check("function f(a) { return [a, {b: (a + 1)}]; }").is_ok());
    }

    #[test]
    fn bracket_bombs_fail() {
        assert!(check(&"(".repeat(10_000)).is_err());
        assert!(check(&format!("{}1{}", "[".repeat(300), "]".repeat(300))).is_err());
    }

    #[test]
    fn unary_bombs_fail() {
        assert!(check(&format!("{}x", "!".repeat(10_000))).is_err());
        assert!(check(&format!("{}x", "- ".repeat(10_000))).is_err());
    }
}
