// Supply chain (issue 7, point 5), offline: the licenses of every Cargo and npm dependency are on
// the allow-list, build and install scripts are reviewed ones, lockfiles are committed and pin
// versions, and the shipped wasm imports nothing that reaches the network. See scripts/licenses.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { allowed, check, checkData, DATA_SOURCES } from "../../scripts/licenses.mjs";

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

test("the model's data sources: each is listed with its license, in NOTICE and in the SPDX expression of package.json and Cargo.toml", () => {
  const r = checkData();
  console.log(`model data sources (${r.reads.length} paths read by train/): ${DATA_SOURCES.map((d) => `${d.name}: ${d.license}`).join("; ")}`);
  console.log(`../shared/data/README.md ${r.readmeChecked ? "agrees" : "not present: not compared"}`);
  assert.deepEqual(r.problems, []);
  const pkg = JSON.parse(readFileSync(root + "package.json", "utf8"));
  assert.match(pkg.license, /^MIT AND /, "the code is MIT, and the data licenses are added with AND");
  assert.ok(pkg.license.includes("CC-BY-SA-4.0"), "the model trained on ANERcorp is CC BY-SA 4.0");
});

test("npm pack ships LICENSE and NOTICE beside the code and the wasm", () => {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const files = JSON.parse(out)[0].files.map((f) => f.path);
  for (const f of ["LICENSE", "NOTICE", "package.json", "README.md", "pkg/marsad_bg.wasm"]) assert.ok(files.includes(f), `${f} in the package (${files.join(", ")})`);
});
