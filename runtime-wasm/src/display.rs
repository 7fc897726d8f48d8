//! Values shown to people — console output, an uncaught value's description — as text of bounded
//! size. Boa's display writes everything a value reaches (every string in full); here the writer
//! refuses text past the bound, and the display stops there, so the work done is about the text
//! kept.

use std::fmt::{self, Write};

use boa_engine::JsValue;

/// The display of `value`, cut at `max_bytes` (on a character boundary).
pub fn bounded(value: &JsValue, max_bytes: usize) -> String {
    let mut out = Bounded { text: String::new(), room: max_bytes, cut: false };
    // An error here is the writer refusing more text, nothing else.
    let _ = write!(out, "{}", value.display());
    out.text
}

/// `text` cut at `max_bytes` (on a character boundary), with `…` after it when it was cut.
pub fn shortened(mut text: String, max_bytes: usize) -> String {
    if text.len() > max_bytes {
        text.truncate(floor_char_boundary(&text, max_bytes));
        text.push('…');
    }
    text
}

struct Bounded {
    text: String,
    room: usize,
    cut: bool,
}

impl Write for Bounded {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if s.len() <= self.room {
            self.text.push_str(s);
            self.room -= s.len();
            return Ok(());
        }
        self.text.push_str(&s[..floor_char_boundary(s, self.room)]);
        self.room = 0;
        self.cut = true;
        Err(fmt::Error)
    }
}

fn floor_char_boundary(s: &str, mut index: usize) -> usize {
    while !s.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_on_a_character_boundary() {
        assert_eq!(shortened("añb".into(), 2), "a…");
        assert_eq!(shortened("ab".into(), 2), "ab");
        let mut out = Bounded { text: String::new(), room: 3, cut: false };
        assert!(out.write_str("ab").is_ok());
        assert!(out.write_str("ñc").is_err());
        assert_eq!((out.text.as_str(), out.cut), ("ab", true));
    }
}
