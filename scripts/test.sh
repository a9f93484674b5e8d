#!/usr/bin/env bash
# Every test layer, in order of cost. Assumes scripts/setup.sh and scripts/build.sh have run
# (`npm test` does both first).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s\n' "$*"; }

step "native: cargo test (unit, golden, properties, CLI)"
cargo test --release --quiet --workspace

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
step "wasm boundary tests under Node"
cargo test --release --target wasm32-unknown-unknown --test wasm

step "wasm boundary tests in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --release --target wasm32-unknown-unknown --test wasm

step "npm package in Node: native and wasm agree, size budget"
cargo build --release --quiet --bin marsad
node --test tests/js/

step "consumers: the packed tarball in fresh Vite, esbuild and Node TypeScript projects (npm registry)"
node --test --test-concurrency=1 tests/consumers/

if [ -d tests/e2e ]; then
  step "the page end to end: core flows in Chromium, Firefox and WebKit, the rest in Chromium"
  node --test --test-concurrency=1 tests/e2e/
fi
