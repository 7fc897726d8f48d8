//! Values crossing between the contract and the host travel as JSON.

use boa_engine::{Context, JsResult, JsValue};
use serde_json::{Number, Value};

/// Converts a contract value to JSON. `None` for `undefined` (and functions/symbols
/// at the top level); an error for BigInt or cycles.
pub fn to_json(value: &JsValue, context: &mut Context) -> JsResult<Option<Value>> {
    // As with JSON.stringify, functions and symbols are not values.
    if value.is_callable() || value.is_symbol() {
        return Ok(None);
    }
    Ok(value.to_json(context)?.map(normalize))
}

pub fn from_json(value: &Value, context: &mut Context) -> JsResult<JsValue> {
    JsValue::from_json(value, context)
}

/// Integral floats become integers so that `1` is stored as `1`, not `1.0`,
/// matching `JSON.stringify`.
fn normalize(value: Value) -> Value {
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 => {
                Value::Number(Number::from(f as i64))
            }
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(normalize).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, normalize(v))).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integral_floats_are_integers() {
        assert_eq!(normalize(json!(1.0)).to_string(), "1");
        assert_eq!(normalize(json!([2.0, 2.5])).to_string(), "[2,2.5]");
        assert_eq!(normalize(json!({"a": -0.0})).to_string(), r#"{"a":0}"#);
    }
}
