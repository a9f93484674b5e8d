// The supply-chain check of issue 7 (point 5), offline once the crates are downloaded (a fresh
// machine fetches the other platforms' manifests once, at the pinned versions): every Cargo package in Cargo.lock (all
// targets and platforms, dev and build dependencies included, from `cargo metadata --offline
// --locked`) and every npm package in package-lock.json must carry a license on the allow-list;
// the packages that run code at build or install time (Cargo build scripts, npm install scripts)
// must be ones reviewed here; and the shipped wasm must import nothing that reaches the network.
//
// Why not cargo-deny: it takes minutes of CPU to install on this shared 2-core machine and fetches
// an advisory database (no network here but the registries); its license check is what this does.
// `node scripts/licenses.mjs` prints the report; tests/js/supply-chain.test.mjs runs it in npm test.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Licenses allowed for dependencies: permissive ones only (no copyleft in the shipped bundle). */
export const ALLOWED = new Set([
  "MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "Zlib", "0BSD", "CC0-1.0", "Unlicense",
  "BSL-1.0", "Unicode-3.0", "Unicode-DFS-2016", "NCSA",
]);
const ALLOWED_EXCEPTIONS = new Set(["LLVM-exception"]);

/** Packages whose build scripts (Cargo) or install scripts (npm) were read and do no network I/O. */
export const REVIEWED_BUILD_SCRIPTS = new Set([
  // Cargo build scripts: probes of the rustc version, target and features (proc-macro2, quote,
  // rustversion, serde, serde_core, serde_json, zmij, libc, libm, num-traits, getrandom,
  // wasm-bindgen, wasm-bindgen-shared); minicov (wasm-bindgen-test's coverage) compiles its
  // bundled C profiler runtime with the cc crate. None downloads anything.
  "getrandom", "libc", "libm", "minicov", "num-traits", "proc-macro2", "quote", "rustversion", "serde", "serde_core",
  "serde_json", "wasm-bindgen", "wasm-bindgen-shared", "zmij",
  // The native batch mode's rayon and indicatif: crossbeam-{deque,epoch,utils}, portable-atomic
  // and rayon-core set cfgs from TARGET and the rustc version; nothing runs or downloads.
  "crossbeam-deque", "crossbeam-epoch", "crossbeam-utils", "portable-atomic", "rayon-core",
]);

/**
 * Whether an SPDX expression is satisfied by the allow-list: `A OR B` needs one side, `A AND B`
 * both, `A WITH E` needs A and an allowed exception; the old `A/B` form means OR.
 */
export function allowed(expr) {
  const toks = expr.replace(/\//g, " OR ").replace(/\(/g, " ( ").replace(/\)/g, " ) ").trim().split(/\s+/);
  let i = 0;
  const primary = () => {
    if (toks[i] === "(") {
      i++;
      const v = or();
      i++; // ")"
      return v;
    }
    let id = toks[i++] || "";
    let ok = ALLOWED.has(id.replace(/\+$/, ""));
    if (toks[i] === "WITH") {
      i++;
      ok = ok && ALLOWED_EXCEPTIONS.has(toks[i++]);
    }
    return ok;
  };
  const and = () => {
    let v = primary();
    while (toks[i] === "AND") { i++; v = primary() && v; }
    return v;
  };
  const or = () => {
    let v = and();
    while (toks[i] === "OR") { i++; v = and() || v; }
    return v;
  };
  const v = or();
  return i === toks.length && v;
}

export function cargoPackages() {
  const run = () => execFileSync("cargo", ["metadata", "--format-version", "1", "--offline", "--locked"], {
    cwd: root, encoding: "utf8", maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "pipe"],
  });
  let out;
  try {
    out = run();
  } catch {
    // Only the host's crates are downloaded on a fresh machine; the manifests of the others (other
    // platforms' dependencies) come from the registry once, at the versions Cargo.lock pins.
    execFileSync("cargo", ["fetch", "--locked", "--quiet"], { cwd: root, stdio: "inherit" });
    out = run();
  }
  const meta = JSON.parse(out);
  return meta.packages.map((p) => ({
    name: p.name, version: p.version, license: p.license || (p.license_file ? `file:${p.license_file}` : ""),
    local: p.source == null, buildScript: p.targets.some((t) => t.kind.includes("custom-build")),
  }));
}

export function npmPackages() {
  const lock = JSON.parse(readFileSync(root + "package-lock.json", "utf8"));
  return Object.entries(lock.packages).filter(([k]) => k !== "").map(([k, p]) => ({
    name: k.replace(/^.*node_modules\//, ""), version: p.version, license: p.license || "", installScript: !!p.hasInstallScript,
  }));
}

/** Names the shipped wasm imports from JS: none may reach the network. */
export function wasmImports() {
  const f = root + "pkg/marsad_bg.wasm";
  if (!existsSync(f)) return null;
  return WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(f))).map((i) => `${i.module}.${i.name}`);
}
const NETWORK = /fetch|xmlhttp|websocket|sendbeacon|eventsource|request|navigator|rtcpeer|importscripts|worker/i;

export function check() {
  const problems = [];
  const cargo = cargoPackages();
  for (const p of cargo) {
    if (p.local) continue; // marsad itself (MIT)
    if (!allowed(p.license)) problems.push(`cargo ${p.name} ${p.version}: license '${p.license}' is not on the allow-list`);
    if (p.buildScript && !REVIEWED_BUILD_SCRIPTS.has(p.name)) problems.push(`cargo ${p.name} ${p.version}: has a build script not yet reviewed (scripts/licenses.mjs)`);
  }
  const npm = npmPackages();
  for (const p of npm) {
    if (!allowed(p.license)) problems.push(`npm ${p.name} ${p.version}: license '${p.license}' is not on the allow-list`);
    if (p.installScript && !REVIEWED_BUILD_SCRIPTS.has(p.name)) problems.push(`npm ${p.name} ${p.version}: runs an install script`);
  }
  const imports = wasmImports();
  for (const i of imports || []) if (NETWORK.test(i)) problems.push(`the wasm imports ${i}, which could reach the network`);
  return { cargo, npm, imports, problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = check();
  const count = (xs) => Object.entries(xs.reduce((m, p) => ((m[p.license] = (m[p.license] || 0) + 1), m), {})).map(([l, n]) => `${n} × ${l}`).join(", ");
  console.log(`cargo: ${r.cargo.filter((p) => !p.local).length} packages: ${count(r.cargo.filter((p) => !p.local))}`);
  console.log(`cargo build scripts: ${r.cargo.filter((p) => p.buildScript && !p.local).map((p) => p.name).join(", ")}`);
  console.log(`npm: ${r.npm.length} packages: ${count(r.npm)}`);
  console.log(`wasm imports: ${r.imports ? r.imports.length : "pkg/ not built"}`);
  for (const p of r.problems) console.log(`PROBLEM: ${p}`);
  process.exit(r.problems.length ? 1 : 0);
}
