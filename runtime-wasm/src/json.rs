//! Values crossing between the contract and the host travel as JSON, and follow it
//! exactly: a value becomes what `JSON.parse(JSON.stringify(value))` would give, or the
//! run fails with `NotSerializable` naming where in the value and why.
//!
//! The conversion is written out here (not a call to the realm's `JSON.stringify`) so
//! that a refusal can name the path, and so that strings are checked on the way: a lone
//! surrogate cannot cross (JSON text and the host's UTF-8 cannot hold it), so it is
//! refused rather than escaped into different text. It follows `SerializeJSONProperty`
//! step by step: `toJSON` is called, getters and Proxy traps run, boxed primitives are
//! unwrapped, non-enumerable and symbol keys are skipped, `undefined`, functions and
//! symbols are dropped from objects and become `null` in arrays, non-finite numbers are
//! `null`. Values nest at most `MAX_VALUE_DEPTH` levels, so that what a run stores parses
//! again as a later run's state.

use boa_engine::object::JsObject;
use boa_engine::{Context, JsBigInt, JsError, JsString, JsValue, JsVariant, js_string};
use serde_json::{Map, Number, Value};

use crate::limits::MAX_VALUE_DEPTH;

/// Why a value could not become JSON.
pub enum ToJsonError {
    /// The contract's own code threw (a `toJSON`, a getter, a Proxy trap) or a limit hit.
    Thrown(JsError),
    /// The value cannot be JSON; the message names the path and the reason.
    Refused(String),
}

impl From<JsError> for ToJsonError {
    fn from(error: JsError) -> Self {
        Self::Thrown(error)
    }
}

/// Converts a value named `root` (e.g. `value`, `result`) to JSON. `None` when the value
/// itself is `undefined`, a function or a symbol, as `JSON.stringify` gives `undefined`.
pub fn to_json(value: &JsValue, root: &str, context: &mut Context) -> Result<Option<Value>, ToJsonError> {
    let mut walk = Walk { stack: Vec::new(), path: vec![Segment::Root(root.to_owned())] };
    walk.property(value.clone(), js_string!(), context)
}

/// A host value (state, call arguments, `tx.input`, a response) as a contract value, charged
/// before it is built: each value made as a property, each string (and key) as string work,
/// so that a contract asking for the same value again pays for it each time.
pub fn from_json(value: &Value, context: &mut Context) -> boa_engine::JsResult<JsValue> {
    let (values, code_units) = size_of(value);
    context.tana_charge_properties(values)?;
    context.tana_charge_code_units(code_units)?;
    JsValue::from_json(value, context)
}

/// How many values a JSON value holds (itself included) and the bytes of its strings and keys.
/// Walked with a stack of its own, not the host's.
fn size_of(value: &Value) -> (usize, usize) {
    let (mut values, mut code_units) = (0usize, 0usize);
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        values += 1;
        match value {
            Value::String(s) => code_units += s.len(),
            Value::Array(items) => pending.extend(items),
            Value::Object(entries) => {
                for (key, item) in entries {
                    code_units += key.len();
                    pending.push(item);
                }
            }
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }
    (values, code_units)
}

/// A Rust string from a contract string, or why it cannot be one (a lone surrogate).
pub fn well_formed(string: &JsString) -> Result<String, String> {
    string.to_std_string().map_err(|_| {
        let (index, unit) = string
            .iter()
            .enumerate()
            .find(|&(i, unit)| match unit {
                0xD800..=0xDBFF => !matches!(string.code_unit_at(i + 1), Some(0xDC00..=0xDFFF)),
                0xDC00..=0xDFFF => !matches!(i.checked_sub(1).and_then(|p| string.code_unit_at(p)), Some(0xD800..=0xDBFF)),
                _ => false,
            })
            .unwrap_or((0, 0));
        format!("contains a lone surrogate (\\u{unit:04X} at index {index}); only well-formed Unicode can cross")
    })
}

enum Segment {
    Root(String),
    Index(u64),
    Key(String),
}

struct Walk {
    /// The objects being serialised, outermost first: meeting one again is a cycle.
    stack: Vec<JsObject>,
    path: Vec<Segment>,
}

impl Walk {
    fn path(&self) -> String {
        let mut out = String::new();
        for segment in &self.path {
            match segment {
                Segment::Root(name) => out.push_str(name),
                Segment::Index(i) => out.push_str(&format!("[{i}]")),
                Segment::Key(k) if is_identifier(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Segment::Key(k) => out.push_str(&format!("[{}]", Value::String(k.clone()))),
            }
        }
        out
    }

    fn refuse(&self, why: &str) -> ToJsonError {
        ToJsonError::Refused(format!("{} {why}", self.path()))
    }

    /// `SerializeJSONProperty` for a value already read from its holder under `key`.
    fn property(&mut self, mut value: JsValue, key: JsString, context: &mut Context) -> Result<Option<Value>, ToJsonError> {
        // 2. An object or BigInt with a callable `toJSON` is replaced by what it returns.
        if value.is_object() || value.is_bigint() {
            let to_json = context.tana_get_v(&value, js_string!("toJSON"))?;
            if let Some(to_json) = to_json.as_callable() {
                value = to_json.call(&value, &[key.into()], context)?;
            }
        }
        // 4. Boxed primitives are unwrapped.
        if let Some(object) = value.as_object() {
            if object.is::<f64>() {
                value = value.to_number(context)?.into();
            } else if object.is::<JsString>() {
                value = value.to_string(context)?.into();
            } else if let Some(boolean) = object.downcast_ref::<bool>().map(|b| *b) {
                value = boolean.into();
            } else if let Some(bigint) = object.downcast_ref::<JsBigInt>().map(|b| b.clone()) {
                value = bigint.into();
            }
        }
        match value.variant() {
            JsVariant::Null => Ok(Some(Value::Null)),
            JsVariant::Boolean(b) => Ok(Some(Value::Bool(b))),
            JsVariant::String(s) => {
                context.tana_charge_code_units(s.len())?;
                well_formed(&s).map(|s| Some(Value::String(s))).map_err(|why| self.refuse(&why))
            }
            JsVariant::Integer32(i) => Ok(Some(Value::Number(i.into()))),
            JsVariant::Float64(f) => Ok(Some(number(f))),
            JsVariant::BigInt(_) => Err(self.refuse("is a BigInt, which JSON cannot hold; store it as a string")),
            JsVariant::Object(object) if !object.is_callable() => {
                if self.stack.iter().any(|o| JsObject::equals(o, &object)) {
                    return Err(self.refuse("refers to an object that contains it (a cycle)"));
                }
                if self.stack.len() >= MAX_VALUE_DEPTH {
                    return Err(self.refuse(&format!("nests deeper than {MAX_VALUE_DEPTH} levels of objects and arrays")));
                }
                context.tana_enter()?;
                self.stack.push(object.clone());
                let result = if context.tana_is_array(&object)? {
                    self.array(&object, context)
                } else {
                    self.object(&object, context)
                };
                self.stack.pop();
                context.tana_exit();
                result.map(Some)
            }
            // Functions, symbols and undefined have no JSON form.
            _ => Ok(None),
        }
    }

    fn array(&mut self, array: &JsObject, context: &mut Context) -> Result<Value, ToJsonError> {
        let length = context.tana_length_of_array_like(array)?;
        let mut items = Vec::new();
        for index in 0..length {
            let element = array.get(index, context)?;
            self.path.push(Segment::Index(index));
            let item = self.property(element, JsString::from(index.to_string()), context)?;
            self.path.pop();
            items.push(item.unwrap_or(Value::Null));
        }
        Ok(Value::Array(items))
    }

    fn object(&mut self, object: &JsObject, context: &mut Context) -> Result<Value, ToJsonError> {
        let mut members = Map::new();
        for key in context.tana_enumerable_own_keys(object)? {
            let Some(key) = key.as_string() else { continue };
            let name = well_formed(&key).map_err(|why| self.refuse(&format!("has a key that {why}")))?;
            let member = object.get(key.clone(), context)?;
            self.path.push(Segment::Key(name.clone()));
            let value = self.property(member, key, context)?;
            self.path.pop();
            if let Some(value) = value {
                members.insert(name, value);
            }
        }
        Ok(Value::Object(members))
    }
}

/// A finite number as JSON (integral values as integers, as `JSON.stringify` writes
/// them); NaN and the infinities are `null`.
fn number(f: f64) -> Value {
    if !f.is_finite() {
        return Value::Null;
    }
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        return Value::Number(Number::from(f as i64));
    }
    Number::from_f64(f).map_or(Value::Null, Value::Number)
}

fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_json_stringify() {
        assert_eq!(number(1.0).to_string(), "1");
        assert_eq!(number(-0.0).to_string(), "0");
        assert_eq!(number(2.5).to_string(), "2.5");
        assert_eq!(number(f64::NAN), Value::Null);
        assert_eq!(number(f64::INFINITY), Value::Null);
    }

    #[test]
    fn paths_name_keys_readably() {
        let walk = Walk {
            stack: Vec::new(),
            path: vec![Segment::Root("value".into()), Segment::Key("a".into()), Segment::Index(3), Segment::Key("b c".into())],
        };
        assert_eq!(walk.path(), r#"value.a[3]["b c"]"#);
    }

    #[test]
    fn sizes_count_every_value_and_every_string_byte() {
        let value = serde_json::json!({"ab": [1, "xyz", {"c": null}], "d": true});
        // The object, the array, 1, "xyz", the inner object, null, true.
        assert_eq!(size_of(&value), (7, 2 + 3 + 1 + 1));
    }
}
