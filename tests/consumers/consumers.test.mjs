// Consumers: the package as a new user gets it. `npm pack` makes the tarball once; each project is
// a fresh directory under the system temp dir that installs that tarball and its own tools from the
// npm registry (exact versions below), builds, and checks the result where it runs:
//   vite      Vite, no configuration: `vite build` served statically, and the dev server, each
//             loaded in Chromium
//   esbuild   esbuild with the README's recipe (the .wasm as a file, its URL passed to init()),
//             loaded in Chromium; and the naive bundle (plain init()), which must fail with the
//             package's Error that names the remedy
//   node-ts   tsc --strict (TypeScript 7 and 5.9) under node16, nodenext and bundler resolution,
//             with and without the DOM library, the output run in Node; require() from CommonJS
// Every browser result must equal analyze() run here on the same text. Set MARSAD_KEEP=1 to keep
// the temp projects. Needs pkg/ built (npm run build) and network access to the npm registry.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyze } from "../../js/node.js";
import { serve } from "../e2e/server.mjs";
import { freePort } from "../e2e/webdriver.mjs";
import { CHROMIUM_ARGS } from "../e2e/helpers.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const here = fileURLToPath(new URL(".", import.meta.url));
const TEXT = "وقال وزير الخارجية الروسي سيرغي لافروف في موسكو: «نحن مستعدون للتعاون مع سورية».";
const EXPECTED = JSON.parse(JSON.stringify(analyze(TEXT)));
const VERSION = JSON.parse(readFileSync(root + "package.json", "utf8")).version;

/** The tools each project installs, pinned. */
const TOOLS = {
  vite: { vite: "8.4.0" },
  esbuild: { esbuild: "0.28.2" },
  "node-ts": { typescript: "7.0.2", ts59: "npm:typescript@5.9.3", "@types/node": "20.19.43" },
};

let work;
let tarball;
let browser;

function sh(cmd, args, cwd, opts = {}) {
  try {
    return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 26, ...opts });
  } catch (e) {
    throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) failed:\n${e.stdout || ""}\n${e.stderr || ""}`);
  }
}

/** A fresh project: the fixture's files, a package.json with the tarball and the tools, npm install. */
function project(name, files) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [to, from] of Object.entries(files)) cpSync(join(here, from), join(dir, to), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `consumer-${name}`, private: true, type: "module", dependencies: { marsad: `file:${tarball}`, ...TOOLS[name] } }, null, 2));
  sh("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--no-package-lock"], dir);
  return dir;
}

async function openInChromium(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  const failed = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  await page.goto(url);
  await page.waitForFunction(() => window.__marsad, null, { timeout: 60000 });
  const out = await page.evaluate(() => window.__marsad);
  await context.close();
  return { out, errors, failed };
}

function assertWorks({ out, errors }) {
  assert.equal(out.error, undefined, `no error in the page: ${out.error}`);
  assert.deepEqual(errors, []);
  assert.match(out.before, /^Error: marsad: the wasm is not loaded yet: `await init\(\)`/, "analyze() before init() says what to do");
  assert.equal(out.init, "undefined", "init() resolves to nothing");
  assert.equal(out.version, VERSION);
  assert.deepEqual(out.result, EXPECTED, "the browser's analysis equals analyze() in Node");
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), "marsad-consumers-"));
  const packed = JSON.parse(sh("npm", ["pack", "--json", "--pack-destination", work], root))[0];
  tarball = join(work, packed.filename);
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS, timeout: 60000 });
});

after(async () => {
  await browser?.close();
  if (work && process.env.MARSAD_KEEP !== "1") rmSync(work, { recursive: true, force: true });
  else if (work) console.log(`consumer projects kept in ${work}`);
});

describe("vite", { concurrency: false }, () => {
  let dir;
  before(() => {
    dir = project("vite", { "index.html": "vite/index.html", "src/main.js": "vite/main.js", "src/app.js": "app.js" });
  });

  test("vite build, no configuration: the page works from the built files", { timeout: 240000 }, async (t) => {
    sh("node_modules/.bin/vite", ["build", "--logLevel", "warn"], dir);
    const assets = readdirSync(join(dir, "dist/assets"));
    t.diagnostic(`dist/assets: ${assets.join(", ")}`);
    assert.ok(assets.some((f) => /^marsad_bg-.*\.wasm$/.test(f)), "Vite emitted the wasm");
    const site = await serve({ root: join(dir, "dist") + "/" });
    try {
      const r = await openInChromium(site.url);
      assertWorks(r);
      assert.deepEqual(r.failed, []);
    } finally {
      await site.close();
    }
  });

  test("vite dev server, no configuration: the page works", { timeout: 240000 }, async () => {
    const port = await freePort();
    const proc = spawn("node_modules/.bin/vite", ["--port", String(port), "--strictPort", "--host", "127.0.0.1"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    proc.stdout.on("data", (d) => (log += d));
    proc.stderr.on("data", (d) => (log += d));
    try {
      const url = `http://127.0.0.1:${port}/`;
      for (let i = 0; ; i++) {
        try {
          if ((await fetch(url)).ok) break;
        } catch {
          /* starting */
        }
        if (i > 600 || proc.exitCode !== null) throw new Error(`vite dev did not start:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const r = await openInChromium(url);
      assertWorks(r);
      assert.deepEqual(r.failed, []);
    } finally {
      proc.kill();
    }
  });
});

describe("esbuild", { concurrency: false }, () => {
  let dir;
  before(() => {
    dir = project("esbuild", { "index.html": "esbuild/index.html", "build.mjs": "esbuild/build.mjs", "src/main.js": "esbuild/main.js", "src/naive.js": "esbuild/naive.js", "src/app.js": "app.js" });
    sh("node", ["build.mjs"], dir);
  });

  test("esbuild with the .wasm as a file and its URL passed to init(): the page works", { timeout: 120000 }, async (t) => {
    const files = readdirSync(join(dir, "dist/main"));
    t.diagnostic(`dist/main: ${files.join(", ")}`);
    assert.ok(files.some((f) => /^marsad_bg-.*\.wasm$/.test(f)), "esbuild emitted the wasm");
    const site = await serve({ root: join(dir, "dist/main") + "/" });
    try {
      const r = await openInChromium(site.url);
      assertWorks(r);
      assert.deepEqual(r.failed, []);
    } finally {
      await site.close();
    }
  });

  test("esbuild with a plain init(): the package's Error names the file and the remedy", { timeout: 120000 }, async () => {
    const site = await serve({ root: join(dir, "dist/naive") + "/" });
    try {
      const { out, failed } = await openInChromium(site.url);
      assert.match(out.error, /^Error: marsad: cannot load the wasm from .*marsad_bg\.wasm.*404/);
      assert.match(out.error, /import wasmUrl from "marsad\/marsad_bg\.wasm"/);
      assert.ok(failed.some((f) => f.startsWith("404") && f.endsWith("marsad_bg.wasm")), failed.join(", "));
    } finally {
      await site.close();
    }
  });
});

describe("node-ts", { concurrency: false }, () => {
  let dir;
  // name → compiler options; `run`: emit and run the output in Node (bundler ones are type-checked).
  const CONFIGS = {
    node16: { run: true, options: { module: "node16", moduleResolution: "node16", lib: ["es2022"], types: ["node"] } },
    nodenext: { run: true, options: { module: "nodenext", moduleResolution: "nodenext", lib: ["es2022"], types: ["node"] } },
    "node16 + DOM": { run: true, options: { module: "node16", moduleResolution: "node16", lib: ["es2022", "dom"], types: ["node"] } },
    bundler: { run: false, options: { module: "esnext", moduleResolution: "bundler", lib: ["es2022"], types: ["node"] } },
    "bundler + DOM, no Node types": { run: false, options: { module: "esnext", moduleResolution: "bundler", lib: ["es2022", "dom"], types: [] } },
  };
  const COMPILERS = { "TypeScript 7.0.2": "node_modules/typescript/bin/tsc", "TypeScript 5.9.3": "node_modules/ts59/bin/tsc" };

  before(() => {
    dir = project("node-ts", { src: "node-ts/src" });
  });

  for (const [tsName, tsc] of Object.entries(COMPILERS)) {
    for (const [name, { run, options }] of Object.entries(CONFIGS)) {
      test(`${tsName}, tsc --strict, ${name}${run ? ", then run in Node" : " (type check)"}`, { timeout: 120000 }, () => {
        const id = `${tsName}-${name}`.replace(/\W+/g, "-");
        const config = {
          compilerOptions: { strict: true, target: "es2022", skipLibCheck: false, rootDir: "src", outDir: `out/${id}`, noEmit: !run, ...options },
          files: run ? ["src/main.ts"] : ["src/main.ts", "src/bundler.ts"],
        };
        writeFileSync(join(dir, `tsconfig.${id}.json`), JSON.stringify(config, null, 2));
        sh("node", [tsc, "-p", `tsconfig.${id}.json`], dir);
        if (!run) return;
        const out = JSON.parse(sh("node", [`out/${id}/main.js`], dir));
        assert.equal(out.version, VERSION);
        assert.deepEqual(out.result, EXPECTED);
        assert.deepEqual(out.labels, EXPECTED.entities.map((e) => e.label));
      });
    }
  }

  test("require() from CommonJS", { timeout: 60000 }, () => {
    const out = JSON.parse(sh("node", ["src/require.cjs"], dir));
    assert.equal(out.version, VERSION);
    assert.deepEqual(out.result, EXPECTED);
  });

  test("the installed package ships its types, LICENSE and NOTICE, and no wasm-bindgen internals", () => {
    const pkgDir = join(dir, "node_modules/marsad");
    for (const f of ["LICENSE", "NOTICE", "js/node.d.ts", "js/web.d.ts", "js/wasm-url.d.ts", "pkg/types.d.ts", "pkg/marsad_bg.wasm"]) assert.ok(existsSync(join(pkgDir, f)), f);
    assert.ok(!existsSync(join(pkgDir, "pkg/marsad.d.ts")), "wasm-bindgen's own declarations are not shipped");
  });
});
