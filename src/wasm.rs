//! The JavaScript binding (wasm32 only). Every export has the same shape: check the input,
//! call the pure core, serialize the result with one shared serializer into plain objects (they
//! survive `structuredClone` and `postMessage`). Errors are real JS `Error`s; nothing here unwraps.

use crate::{Analysis, Options};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Panics (bugs) reach the console with their message instead of a bare `unreachable`. Set on
/// the first call rather than by a `start` function, which wasm-bindgen would export to JS.
fn panic_hook() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
}

/// The one serializer: maps as plain objects, `None` as `null` (so `cue` and `speaker` are
/// always present, as in the command line's JSON).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let s = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true).serialize_missing_as_null(true);
    value.serialize(&s).map_err(|e| JsError::new(&format!("marsad: cannot convert the result: {e}")))
}

#[wasm_bindgen(typescript_custom_section)]
const TS_ANALYZE: &'static str = r#"
/**
 * Finds the named entities and the quotes with their speakers in `text`.
 * Offsets are UTF-16 code units: `text.slice(e.start, e.end) === e.text`.
 * `options.date` (`YYYY-MM-DD`) resolves relative dates (اليوم، الشهر الماضي) in `value`.
 * In a browser or a bundle, `await init()` first; in Node the module is ready once imported.
 * @throws {TypeError} when `text` is not a string, `options` is not an object of known fields,
 *   or `options.date` is not a valid `YYYY-MM-DD` date.
 * @throws {Error} in a browser, when called before `init()` has resolved.
 */
export function analyze(text: string, options?: Options): Analysis;
"#;

/// Finds the named entities and the quotes with their speakers in `text`.
///
/// Throws a `TypeError` when `text` is not a string, `options` has unknown fields or wrong types,
/// or `options.date` is not a valid `YYYY-MM-DD` date.
#[wasm_bindgen(js_name = analyze, skip_typescript)]
pub fn analyze_js(text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    panic_hook();
    let Some(text) = text.as_string() else {
        return Err(type_error(&format!("marsad.analyze: text must be a string, got {}", js_type(&text))));
    };
    let options: Options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else if !options.is_object() {
        return Err(type_error(&format!("marsad.analyze: options must be an object, got {}", js_type(&options))));
    } else {
        let known = ["quotes", "date"];
        for key in js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if !known.contains(&key.as_str()) {
                return Err(type_error(&format!("marsad.analyze: unknown option '{key}' (known: {})", known.join(", "))));
            }
        }
        let o: Options = serde_wasm_bindgen::from_value(options).map_err(|e| type_error(&format!("marsad.analyze: bad options: {e}")))?;
        if let Some(d) = o.date.as_deref() {
            if crate::temporal::parse_ymd(d).is_none() {
                return Err(type_error(&format!("marsad.analyze: options.date must be a date YYYY-MM-DD, got '{d}'")));
            }
        }
        o
    };
    let result: Analysis = crate::analyze(&text, &options);
    to_js(&result).map_err(JsValue::from)
}

/// The version of marsad (the crate and npm package version).
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

fn type_error(msg: &str) -> JsValue {
    js_sys::TypeError::new(msg).into()
}

fn js_type(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(v) {
        "array".into()
    } else {
        v.js_typeof().as_string().unwrap_or_else(|| "unknown".into())
    }
}
