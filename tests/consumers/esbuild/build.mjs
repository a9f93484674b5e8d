// The esbuild consumer's build: bundle each entry as an ES module, the .wasm as a file (emitted
// next to the bundle, hashed), and an index.html per entry.
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";

for (const entry of ["main", "naive"]) {
  await build({
    entryPoints: [`src/${entry}.js`],
    bundle: true,
    format: "esm",
    outdir: `dist/${entry}`,
    loader: { ".wasm": "file" },
    logLevel: "warning",
  });
  writeFileSync(`dist/${entry}/index.html`, readFileSync("index.html", "utf8").replace("ENTRY", entry));
}
