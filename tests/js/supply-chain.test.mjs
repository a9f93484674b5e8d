// Supply chain (issue 7, point 5), offline: the licenses of every Cargo and npm dependency are on
// the allow-list, build and install scripts are reviewed ones, lockfiles are committed and pin
// versions, and the shipped wasm imports nothing that reaches the network. See scripts/licenses.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { allowed, check } from "../../scripts/licenses.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));

test("the SPDX check accepts permissive expressions and refuses copyleft ones", () => {
  for (const e of ["MIT", "MIT OR Apache-2.0", "Apache-2.0/MIT", "(MIT OR Apache-2.0) AND Unicode-3.0", "Apache-2.0 WITH LLVM-exception", "MIT OR Apache-2.0 OR LGPL-2.1-or-later"]) {
    assert.ok(allowed(e), e);
  }
  for (const e of ["", "GPL-3.0", "LGPL-2.1-or-later", "MIT AND GPL-3.0-only", "AGPL-3.0 WITH LLVM-exception", "SSPL-1.0"]) {
    assert.ok(!allowed(e), e);
  }
});

test("every dependency has an allowed license, no unreviewed build or install script, no network import in the wasm", () => {
  const r = check();
  assert.ok(r.cargo.length > 10 && r.npm.length >= 2, "the dependency lists were read");
  console.log(`${r.cargo.length - 1} Cargo packages, ${r.npm.length} npm packages, ${r.imports?.length ?? "no"} wasm imports checked`);
  assert.deepEqual(r.problems, []);
  assert.ok(r.imports, "pkg/marsad_bg.wasm is built (npm run build)");
});

test("Cargo.lock and package-lock.json are committed, and npm versions are pinned exactly", () => {
  const tracked = execFileSync("git", ["ls-files", "Cargo.lock", "package-lock.json"], { cwd: root, encoding: "utf8" }).split("\n").filter(Boolean);
  assert.deepEqual(tracked.sort(), ["Cargo.lock", "package-lock.json"]);
  const pkg = JSON.parse(readFileSync(root + "package.json", "utf8"));
  for (const [name, v] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
    assert.match(v, /^\d+\.\d+\.\d+$/, `${name} is pinned to one version (got ${v})`);
  }
  const lock = JSON.parse(readFileSync(root + "package-lock.json", "utf8"));
  for (const [k, p] of Object.entries(lock.packages)) if (k) assert.ok(p.integrity, `${k} has an integrity hash`);
});
