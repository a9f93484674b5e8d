// Shared set-up for the end-to-end tests: Debian's Chromium through playwright-core, a static
// server over dist/, and a record of every request the page makes (none may leave its origin).
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { serve } from "./server.mjs";

export const EXAMPLES = new URL("../../www/examples/", import.meta.url);
export const readExample = (name) => readFileSync(new URL(name, EXAMPLES), "utf8");

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Starts a server and a browser. Returns {server, browser, newPage(opts), requests, close()}. */
export async function setup({ prefix = "/" } = {}) {
  const server = await serve({ prefix });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    timeout: 60000,
  });
  const requests = [];
  const contexts = [];
  async function newPage(opts = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, permissions: ["clipboard-read", "clipboard-write"], ...opts });
    contexts.push(context);
    context.setDefaultTimeout(45000);
    context.on("request", (r) => requests.push(r.url()));
    // Anything that tries to leave the origin is recorded above and refused here.
    await context.route((url) => !url.href.startsWith(server.origin + "/"), (route) => route.abort());
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("dialog", (d) => {
      errors.push(`dialog: ${d.message()}`);
      d.dismiss().catch(() => {});
    });
    await page.goto(server.url);
    await page.waitForSelector("html[data-app=ready]");
    return { page, context, errors };
  }
  return {
    server,
    browser,
    newPage,
    requests,
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

/** Puts `text` in the textarea the way a user pastes it (clipboard + Ctrl+V), waits for the render. */
export async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.locator("#input").focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Control+V");
  await waitRendered(page, text);
}

/** Waits until the article shows exactly `text` (when given) and its rendering is complete. */
export async function waitRendered(page, text, timeout = 45000) {
  await page.waitForFunction(
    (t) => {
      const a = document.getElementById("article");
      return a.dataset.state === "done" && (t === null || a.textContent === t);
    },
    text ?? null,
    { timeout },
  );
}

/** Every request URL must be on the page's origin (blob: and data: URLs it made itself are local). */
export function offOrigin(requests, origin) {
  return requests.filter((u) => !(u.startsWith(origin + "/") || u.startsWith("blob:" + origin + "/") || u.startsWith("data:")));
}

/** Moves the mouse over a highlight: the middle of its first line box (a mark that wraps has its
 * bounding box's middle between the lines), or near its right edge (`at: "right"`, the start of an
 * Arabic expression, outside a name nested at its end). */
export async function hoverMark(page, locator, { at = "middle" } = {}) {
  await locator.scrollIntoViewIfNeeded();
  const p = await locator.evaluate((m, where) => {
    const r = m.getClientRects()[0];
    return { x: where === "right" ? r.right - 3 : r.x + r.width / 2, y: r.y + r.height / 2 };
  }, at);
  // From outside the article first: a pointer that already rests where the mark now is (the
  // article was re-rendered under it) would enter no element, and no mouseover would fire.
  await page.mouse.move(1, 1);
  await page.mouse.move(p.x, p.y, { steps: 2 });
}
