// Takes the page's screenshots (not a test): light and dark desktop, phone width, English.
//   node tests/e2e/screenshots.mjs [outdir] [--docs]   (default /tmp/shots; run after npm run build)
// With --docs it also writes docs/screenshot.png (the README's picture, kept under 250 KB).
import { mkdirSync, statSync } from "node:fs";
import { setup, paste, readExample } from "./helpers.mjs";

const out = process.argv.slice(2).find((a) => !a.startsWith("--")) || "/tmp/shots";
const docs = process.argv.includes("--docs");
mkdirSync(out, { recursive: true });
const SEED = readExample("seed-sana-moscow.txt");
const DEV = readExample("AL-sport-2256-20180706.txt");

const env = await setup();
try {
  const shots = [
    { name: "desktop-light", opts: { colorScheme: "light" }, text: SEED },
    { name: "desktop-dark", opts: { colorScheme: "dark" }, text: SEED },
    { name: "desktop-dev-light", opts: { colorScheme: "light" }, text: DEV },
    { name: "phone-light", opts: { colorScheme: "light", viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true }, text: SEED },
    { name: "phone-dark", opts: { colorScheme: "dark", viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true }, text: DEV },
  ];
  for (const s of shots) {
    const { page } = await env.newPage(s.opts);
    await paste(page, s.text);
    await page.screenshot({ path: `${out}/${s.name}.png` });
    if (s.name.startsWith("phone")) {
      // The top of the page, then the article and the panels further down.
      await page.locator("#output-h").evaluate((e) => e.scrollIntoView({ block: "start", behavior: "instant" }));
      await page.screenshot({ path: `${out}/${s.name}-article.png` });
      await page.locator("#panels-h").evaluate((e) => e.scrollIntoView({ block: "start", behavior: "instant" }));
      await page.screenshot({ path: `${out}/${s.name}-panels.png` });
    }
    if (s.name === "desktop-light") {
      // A selected cluster with its tooltip, and the English interface.
      await page.locator('[data-panel="PER"] button.item-btn').first().click();
      await page.screenshot({ path: `${out}/desktop-selected.png` });
      await page.locator("#lang").click();
      await page.screenshot({ path: `${out}/desktop-english.png` });
    }
    console.log(`${out}/${s.name}.png`);
    if (docs && s.name === "desktop-light") {
      await page.locator("#lang").click(); // back to Arabic
      await page.locator("#sel-clear").click();
      await page.setViewportSize({ width: 1200, height: 740 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator("#input").evaluate((t) => t.setSelectionRange(0, 0));
      await page.locator("#input").evaluate((t) => (t.scrollTop = 0));
      await page.mouse.move(0, 0);
      await page.evaluate(() => document.activeElement.blur());
      const file = new URL("../../docs/screenshot.png", import.meta.url);
      await page.screenshot({ path: file.pathname });
      console.log(`${file.pathname} ${statSync(file).size} bytes`);
    }
  }
} finally {
  await env.close();
}
