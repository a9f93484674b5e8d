//! The JS boundary, tested in wasm under Node and in headless Chromium (the same file, run twice
//! by scripts/test.sh): result shape, UTF-16 offsets with astral characters, errors as TypeErrors.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JSON, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("property read")
}

fn analyze(text: &str) -> JsValue {
    marsad_analyze(JsValue::from_str(text), JsValue::UNDEFINED).expect("analyze succeeds")
}

use marsad::wasm::analyze_js as marsad_analyze;

/// JS `text.slice(start, end)` on the UTF-16 code units.
fn js_slice(text: &str, start: &JsValue, end: &JsValue) -> String {
    let s = JsValue::from_str(text).unchecked_into::<js_sys::JsString>();
    s.slice(start.as_f64().unwrap() as u32, end.as_f64().unwrap() as u32).into()
}

const SENTENCE: &str = "😀👍🏽 وقال وزير الخارجية الروسي سيرغي لافروف في موسكو: «نحن مستعدون للتعاون مع سورية».";

#[wasm_bindgen_test]
fn result_has_the_documented_shape() {
    let r = analyze(SENTENCE);
    let keys: Vec<String> = Object::keys(r.unchecked_ref::<Object>()).iter().map(|k| k.as_string().unwrap()).collect();
    assert_eq!(keys, ["entities", "quotes", "clusters"]);
    let ents: Array = get(&r, "entities").unchecked_into();
    assert!(ents.length() >= 2, "expected entities, got {:?}", JSON::stringify(&r));
    for e in ents.iter() {
        for k in ["start", "end", "text", "label", "cluster"] {
            assert!(!get(&e, k).is_undefined(), "entity lacks {k}");
        }
    }
    let quotes: Array = get(&r, "quotes").unchecked_into();
    assert_eq!(quotes.length(), 1);
    let q = quotes.get(0);
    assert_eq!(get(&q, "kind").as_string().unwrap(), "direct");
    // Missing values are null, not undefined, as in the CLI's JSON.
    let speaker = get(&q, "speaker");
    assert!(speaker.is_object());
    assert!(get(&speaker, "canonical").as_string().unwrap().contains("لافروف"));
    // Plain objects: they survive a JSON round trip unchanged (and so postMessage).
    let json = JSON::stringify(&r).unwrap();
    assert_eq!(JSON::stringify(&JSON::parse(&json.as_string().unwrap()).unwrap()).unwrap(), json);
}

#[wasm_bindgen_test]
fn offsets_are_utf16_code_units_even_after_emoji() {
    let r = analyze(SENTENCE);
    let mut spans: Vec<JsValue> = Array::from(&get(&r, "entities")).iter().collect();
    for q in Array::from(&get(&r, "quotes")).iter() {
        spans.push(q.clone());
        for k in ["cue", "speaker"] {
            let v = get(&q, k);
            if v.is_object() {
                spans.push(v);
            }
        }
    }
    assert!(spans.len() >= 4);
    for s in spans {
        let text = get(&s, "text").as_string().unwrap();
        assert_eq!(js_slice(SENTENCE, &get(&s, "start"), &get(&s, "end")), text);
    }
    let ents = Array::from(&get(&r, "entities"));
    let first = ents.get(0);
    assert_eq!(get(&first, "text").as_string().unwrap(), "سيرغي لافروف");
    // 😀 and 👍 are 2 code units each, 🏽 too: the name starts at 30 in JS, 27 in code points.
    assert_eq!(get(&first, "start").as_f64().unwrap() as usize, SENTENCE[..SENTENCE.find("سيرغي").unwrap()].encode_utf16().count());
}

#[wasm_bindgen_test]
fn bad_input_throws_type_errors_not_traps() {
    for bad in [JsValue::from_f64(5.0), JsValue::NULL, JsValue::UNDEFINED, Object::new().into(), Array::new().into()] {
        let err = marsad_analyze(bad, JsValue::UNDEFINED).expect_err("non-string text must throw");
        assert!(err.is_instance_of::<js_sys::TypeError>(), "not a TypeError: {err:?}");
        let msg = get(&err, "message").as_string().unwrap();
        assert!(msg.contains("text must be a string"), "{msg}");
    }
    let opts = Object::new();
    Reflect::set(&opts, &"colour".into(), &JsValue::TRUE).unwrap();
    let err = marsad_analyze(JsValue::from_str("نص"), opts.into()).expect_err("unknown option must throw");
    assert!(err.is_instance_of::<js_sys::TypeError>());
    let err = marsad_analyze(JsValue::from_str("نص"), JsValue::from_str("fast")).expect_err("string options must throw");
    assert!(err.is_instance_of::<js_sys::TypeError>());
    // After errors the module still works.
    assert!(Array::from(&get(&analyze("سورية"), "entities")).length() <= 1);
}

#[wasm_bindgen_test]
fn options_turn_quotes_off() {
    let opts = Object::new();
    Reflect::set(&opts, &"quotes".into(), &JsValue::FALSE).unwrap();
    let r = marsad_analyze(JsValue::from_str(SENTENCE), opts.into()).unwrap();
    assert_eq!(Array::from(&get(&r, "quotes")).length(), 0);
}

#[wasm_bindgen_test]
fn empty_and_hostile_text_give_graceful_results() {
    for t in ["", " \n\t", "ب", "\u{064E}\u{0650}\u{0651}", "«««", "”", "\u{202B}\u{200F}", "\u{0640}\u{0640}"] {
        let r = analyze(t);
        assert!(Array::from(&get(&r, "entities")).length() <= 1, "{t:?}");
    }
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(marsad::wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn options_date_resolves_relative_dates_and_a_bad_date_throws() {
    let text = "أكد الوزير قبل يومين أن بلاده أنفقت 5 مليارات دولار.";
    let opts = Object::new();
    Reflect::set(&opts, &"date".into(), &"2015-12-23".into()).unwrap();
    let r = marsad_analyze(JsValue::from_str(text), opts.into()).unwrap();
    let entities = Array::from(&get(&r, "entities"));
    let find = |label: &str| entities.iter().find(|e| get(e, "label").as_string().as_deref() == Some(label)).expect(label);
    let date = find("DATE");
    assert_eq!(get(&date, "text").as_string().unwrap(), "قبل يومين");
    assert_eq!(get(&date, "value").as_string().unwrap(), "2015-12-21");
    assert!(get(&date, "cluster").is_null());
    let money = find("MONEY");
    assert_eq!(JSON::stringify(&get(&money, "value")).unwrap().as_string().unwrap(), r#"{"amount":5000000000,"currency":"USD"}"#);
    // Without a date the relative date has no value (the key is absent).
    let r = analyze(text);
    let date = Array::from(&get(&r, "entities")).iter().find(|e| get(e, "label").as_string().as_deref() == Some("DATE")).unwrap();
    assert!(!Reflect::has(&date, &"value".into()).unwrap());
    for bad in ["2015-02-30", "yesterday", ""] {
        let opts = Object::new();
        Reflect::set(&opts, &"date".into(), &bad.into()).unwrap();
        let err = marsad_analyze(JsValue::from_str(text), opts.into()).expect_err("a bad date must throw");
        assert!(err.is_instance_of::<js_sys::TypeError>(), "{bad}: {err:?}");
        assert!(get(&err, "message").as_string().unwrap().contains("options.date"), "{bad}");
    }
}
