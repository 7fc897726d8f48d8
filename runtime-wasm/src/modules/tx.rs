//! `tana:tx`: the transaction being executed, and staged transfers that the
//! ledger settles against balances when the run succeeds.

use boa_engine::module::SyntheticModule;
use boa_engine::object::ObjectInitializer;
use boa_engine::property::Attribute;
use boa_engine::{Context, JsNativeError, JsResult, JsString, JsValue, NativeFunction, js_string};

use super::ModuleSpec;
use crate::errors::{ErrorCode, Fatal};
use crate::gas::cost;
use crate::host;
use crate::json;
use crate::limits::MAX_TRANSFERS;
use crate::protocol::Transfer;

pub const SPEC: ModuleSpec = ModuleSpec { specifier: "tana:tx", exports: &["tx"], init };

fn init(module: &SyntheticModule, context: &mut Context) -> JsResult<()> {
    let world = host::with_host(context, |h| h.world.clone())?;
    let input = json::from_json(&world.tx.input, context)?;
    let fixed = Attribute::READONLY | Attribute::ENUMERABLE;
    let tx = ObjectInitializer::new(context)
        .property(js_string!("id"), JsString::from(world.tx.id), fixed)
        .property(js_string!("sender"), JsString::from(world.tx.sender), fixed)
        .property(js_string!("nonce"), world.tx.nonce as f64, fixed)
        .property(js_string!("input"), input, fixed)
        .property(js_string!("caller"), JsString::from(world.caller), fixed)
        .property(js_string!("contractId"), JsString::from(world.contract_id), fixed)
        .property(js_string!("chainId"), JsString::from(world.chain_id), fixed)
        .function(NativeFunction::from_fn_ptr(transfer), js_string!("transfer"), 1)
        .function(NativeFunction::from_fn_ptr(transfers), js_string!("transfers"), 0)
        .build();
    module.set_export(&js_string!("tx"), tx.into())
}

/// `tx.transfer({ to, amount, currency, from? })`: `from` defaults to the sender and may
/// only be the sender or the contract's own account.
fn transfer(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    host::charge(context, cost::HOST_CALL)?;
    let argument = args.first().cloned().unwrap_or_default();
    let Some(request) = host::value_to_json(&argument, "tx.transfer(…)", "transfer", context)? else {
        return Err(JsNativeError::typ().with_message("tx.transfer expects { to, amount, currency, from? }").into());
    };
    let result = host::with_host(context, |h| {
        let transfer = parse_transfer(&request, &h.world.tx.sender, &h.world.contract_id)?;
        if h.transfers.len() >= MAX_TRANSFERS {
            return Err(Fatal::new(ErrorCode::ResourceLimit, format!("more than {MAX_TRANSFERS} transfers in one run")));
        }
        h.transfers.push(transfer);
        Ok(())
    })?;
    host::or_abort(context, result)?;
    Ok(JsValue::undefined())
}

/// `tx.transfers()`: the transfers staged so far, as new objects each call (charged as built).
fn transfers(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    host::charge(context, cost::HOST_CALL)?;
    let staged = host::with_host(context, |h| serde_json::to_value(&h.transfers).unwrap_or_default())?;
    json::from_json(&staged, context)
}

pub fn parse_transfer(v: &serde_json::Value, sender: &str, contract: &str) -> Result<Transfer, Fatal> {
    let invalid = |m: String| Fatal::new(ErrorCode::InvalidTransfer, m);
    let field = |name: &str| v.get(name).and_then(serde_json::Value::as_str).map(str::to_owned);
    let to = field("to").filter(|s| !s.is_empty()).ok_or_else(|| invalid("transfer needs a 'to' account".into()))?;
    let from = field("from").unwrap_or_else(|| sender.to_owned());
    if from != sender && from != contract {
        return Err(invalid(format!("transfer from '{from}': a contract may move only the sender's or its own funds")));
    }
    if from == to {
        return Err(invalid("transfer to the same account".into()));
    }
    let currency = field("currency").unwrap_or_default();
    if currency.is_empty() || currency.len() > 16 || !currency.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
        return Err(invalid(format!("currency '{currency}' must be 1-16 characters A-Z or 0-9")));
    }
    let amount = match v.get("amount") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) if n.is_u64() => n.to_string(),
        _ => String::new(),
    };
    let digits_ok = !amount.is_empty() && amount.len() <= 30 && amount.bytes().all(|b| b.is_ascii_digit());
    if !digits_ok || amount.starts_with('0') {
        let given = v.get("amount").map_or_else(|| "nothing".to_string(), |a| a.to_string());
        return Err(invalid(format!("amount {given} must be a positive whole number (as a number or a string)")));
    }
    Ok(Transfer { from, to, amount, currency })
}

#[cfg(test)]
mod tests {
    use super::parse_transfer;
    use serde_json::json;

    #[test]
    fn defaults_from_to_sender() {
        let t = parse_transfer(&json!({"to": "bob", "amount": 5, "currency": "USD"}), "alice", "c1").unwrap();
        assert_eq!((t.from.as_str(), t.amount.as_str()), ("alice", "5"));
    }

    #[test]
    fn rejects_bad_transfers() {
        for bad in [
            json!({"to": "bob", "amount": 0, "currency": "USD"}),
            json!({"to": "bob", "amount": -1, "currency": "USD"}),
            json!({"to": "bob", "amount": 1.5, "currency": "USD"}),
            json!({"to": "bob", "amount": "007", "currency": "USD"}),
            json!({"to": "bob", "amount": 1, "currency": "usd"}),
            json!({"to": "bob", "amount": 1, "currency": "USD", "from": "carol"}),
            json!({"amount": 1, "currency": "USD"}),
            json!({"to": "alice", "amount": 1, "currency": "USD"}),
        ] {
            assert!(parse_transfer(&bad, "alice", "c1").is_err(), "{bad}");
        }
        assert!(parse_transfer(&json!({"to": "bob", "amount": "1", "currency": "USD", "from": "c1"}), "alice", "c1").is_ok());
    }
}
