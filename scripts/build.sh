#!/usr/bin/env bash
# Builds the wasm package into pkg/ (wasm-bindgen --target web, shrunk with npm's binaryen
# wasm-opt; pkg/types.d.ts from wasm-bindgen's declarations) and the deployable static site into
# dist/ (relative paths: works from any sub-path).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --lib --release --target wasm32-unknown-unknown --quiet
rm -rf pkg && mkdir -p pkg
wasm-bindgen --target web --out-dir pkg --out-name marsad target/wasm32-unknown-unknown/release/marsad.wasm
node_modules/.bin/wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-simd \
  --strip-debug --strip-producers --strip-target-features pkg/marsad_bg.wasm -o pkg/marsad_bg.wasm
rm -f pkg/.gitignore pkg/package.json
node scripts/types.mjs
rm -rf dist && mkdir -p dist/pkg
cp -r www/. dist/
cp pkg/marsad.js pkg/marsad_bg.wasm dist/pkg/
# The model's licenses travel with the wasm: a site serving it must carry the attribution.
cp LICENSE NOTICE dist/
printf '[build] pkg/marsad_bg.wasm %s bytes (gzip %s)\n' "$(wc -c < pkg/marsad_bg.wasm)" "$(gzip -9c pkg/marsad_bg.wasm | wc -c)" >&2
