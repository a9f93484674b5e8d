// Takes the page's screenshots (not a test): light and dark desktop, phone width, English.
//   node tests/e2e/screenshots.mjs [outdir]      (default /tmp/shots; run after npm run build)
import { mkdirSync } from "node:fs";
import { setup, paste, readExample } from "./helpers.mjs";

const out = process.argv[2] || "/tmp/shots";
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
  }
} finally {
  await env.close();
}
