// The three browser engines behind one small page interface, for the end-to-end flows that must
// hold everywhere (tests/e2e/engines.test.mjs). Only Debian's browsers are used; nothing is
// downloaded:
//   chromium  /usr/bin/chromium through playwright-core (CDP)
//   firefox   /usr/bin/firefox-esr through puppeteer-core 24 over WebDriver BiDi
//   webkit    WebKitGTK's MiniBrowser through /usr/bin/WebKitWebDriver (W3C WebDriver classic,
//             tests/e2e/webdriver.mjs) on an Xvfb display started here
// Every engine is driven with trusted input (real clicks and key presses, a real Ctrl+V paste from
// the clipboard), so the page sees what a user's browser would send it.
//
// MARSAD_ENGINES=chromium,firefox limits the engines; CHROMIUM, FIREFOX, WEBKIT_DRIVER and
// MINIBROWSER override the binaries.
import { spawn } from "node:child_process";
import { createServer, request as httpRequest } from "node:http";
import { existsSync } from "node:fs";
import { startDriver, Session } from "./webdriver.mjs";
import { CHROMIUM_ARGS } from "./helpers.mjs";

export const ENGINES = ["chromium", "firefox", "webkit"];

export const BINARIES = {
  chromium: process.env.CHROMIUM || "/usr/bin/chromium",
  firefox: process.env.FIREFOX || "/usr/bin/firefox-esr",
  webkit: process.env.WEBKIT_DRIVER || "/usr/bin/WebKitWebDriver",
};
const MINIBROWSER = process.env.MINIBROWSER || "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
/** The Debian packages that provide each engine (scripts/setup.sh installs them). */
export const PACKAGES = { chromium: "chromium", firefox: "firefox-esr", webkit: "webkit2gtk-driver xvfb" };

/** The engines to run: all three unless MARSAD_ENGINES names some. */
export function selectedEngines() {
  const want = (process.env.MARSAD_ENGINES || ENGINES.join(",")).split(",").map((s) => s.trim()).filter(Boolean);
  for (const e of want) if (!ENGINES.includes(e)) throw new Error(`MARSAD_ENGINES: unknown engine ${e} (known: ${ENGINES.join(", ")})`);
  return want;
}

/** Why an engine cannot run here (a missing binary), or null. */
export function missing(engine) {
  const need = engine === "webkit" ? [BINARIES.webkit, MINIBROWSER, "/usr/bin/Xvfb"] : [BINARIES[engine]];
  const absent = need.filter((f) => !existsSync(f));
  return absent.length ? `${absent.join(", ")} not found: apt-get install ${PACKAGES[engine]} (scripts/setup.sh does)` : null;
}

const VIEWPORT = { width: 1280, height: 900 };

/**
 * Starts an engine. Resolves to {engine, version, newPage(), close()}; a page has
 * onRequest(fn) (every request URL of the page and its worker), goto(url), evaluate(fn, arg),
 * waitFor(fn, arg, timeout), click(selector), press(chord), writeClipboard(text),
 * readClipboard() and close().
 */
export async function launch(engine) {
  const why = missing(engine);
  if (why) throw new Error(`${engine}: ${why}`);
  if (engine === "chromium") return launchChromium();
  if (engine === "firefox") return launchFirefox();
  if (engine === "webkit") return launchWebKit();
  throw new Error(`unknown engine ${engine}`);
}

async function launchChromium() {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: BINARIES.chromium, args: CHROMIUM_ARGS, timeout: 60000 });
  return {
    engine: "chromium",
    version: `Chromium ${browser.version()}`,
    async newPage() {
      const context = await browser.newContext({ viewport: VIEWPORT, permissions: ["clipboard-read", "clipboard-write"] });
      context.setDefaultTimeout(45000);
      const page = await context.newPage();
      return {
        onRequest: (fn) => context.on("request", (r) => fn(r.url())),
        goto: (url) => page.goto(url),
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        waitFor: (fn, arg, timeout = 45000) => page.waitForFunction(fn, arg, { timeout }),
        click: (selector) => page.click(selector),
        press: (chord) => page.keyboard.press(chord),
        close: () => context.close(),
        ...clipboard((fn, arg) => page.evaluate(fn, arg)),
      };
    },
    close: () => browser.close(),
  };
}

async function launchFirefox() {
  const { default: puppeteer } = await import("puppeteer-core");
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: BINARIES.firefox,
    headless: true,
    protocol: "webDriverBiDi",
    timeout: 90000,
    protocolTimeout: 120000,
    extraPrefsFirefox: {
      // The async clipboard without a user gesture, as the other engines are configured: the
      // test writes the article to the clipboard, then pastes it with a real Ctrl+V.
      "dom.events.testing.asyncClipboard": true,
      "dom.events.asyncClipboard.readText": true,
      // No traffic of Firefox's own (there is no internet here, and none may be attempted).
      "network.captive-portal-service.enabled": false,
      "network.connectivity-service.enabled": false,
      "browser.safebrowsing.update.enabled": false,
      "extensions.update.enabled": false,
      "app.update.auto": false,
    },
  });
  const version = (await browser.version()).replace(/^firefox\//, "Firefox ");
  return {
    engine: "firefox",
    version,
    async newPage() {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      page.setDefaultTimeout(45000);
      await page.setViewport(VIEWPORT);
      const evaluate = (fn, arg) => page.evaluate(fn, arg);
      return {
        // BiDi network events: the page's requests and its worker's.
        onRequest: (fn) => page.on("request", (r) => fn(r.url())),
        goto: (url) => page.goto(url),
        evaluate,
        waitFor: (fn, arg, timeout = 45000) => page.waitForFunction(fn, { timeout, polling: 50 }, arg),
        async click(selector) {
          await clickable(evaluate, selector);
          await page.click(selector);
        },
        async press(chord) {
          const keys = chord.split("+").map((k) => (k.length === 1 ? k.toLowerCase() : k));
          const last = keys.pop();
          for (const k of keys) await page.keyboard.down(k);
          await page.keyboard.press(last);
          for (const k of keys.reverse()) await page.keyboard.up(k);
        },
        close: () => context.close(),
        ...clipboard(evaluate),
      };
    },
    close: () => browser.close(),
  };
}

/**
 * Scrolls the element to the middle of the viewport and checks that a click at its centre reaches
 * it (what Playwright's actionability checks do for Chromium); throws naming what covers it.
 */
async function clickable(evaluate, selector) {
  let hit = "";
  // A few tries: content-visibility and scroll anchoring can move the element once more after the
  // scroll, while the skipped paragraphs around it get their real size.
  for (let i = 0; i < 10; i++) {
    hit = await evaluate(async (s) => {
      const e = document.querySelector(s);
      if (!e) return `no element matches ${s}`;
      e.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      // The first line box: an inline element that wraps has its bounding box's centre between lines.
      const r = e.getClientRects()[0] || e.getBoundingClientRect();
      const t = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return t && (t === e || e.contains(t) || t.contains(e)) ? "" : `${s} is covered by ${t ? t.outerHTML.slice(0, 160) : "nothing (outside the viewport)"}`;
    }, selector);
    if (!hit) return;
  }
  throw new Error(`click: ${hit}`);
}

/** Starts Xvfb on a free display (-displayfd); resolves to {display, close()}. */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const proc = spawn("/usr/bin/Xvfb", ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], { stdio: ["ignore", "ignore", "pipe", "pipe"] });
    let err = "";
    proc.stderr.on("data", (d) => (err = (err + d).slice(-2000)));
    proc.on("error", reject);
    proc.on("exit", (code) => reject(new Error(`Xvfb exited (${code}): ${err}`)));
    let out = "";
    proc.stdio[3].on("data", (d) => {
      out += d;
      if (out.includes("\n")) {
        const display = `:${out.trim()}`;
        resolve({
          display,
          close: () =>
            new Promise((done) => {
              if (proc.exitCode !== null) return done();
              proc.removeAllListeners("exit");
              proc.once("exit", () => done());
              proc.kill();
            }),
        });
      }
    });
  });
}

/**
 * WebKitWebDriver has no request events, so WebKit gets an HTTP proxy that records every request
 * and forwards only those for the loopback test servers (the rest get 502). WebKitGTK sends
 * loopback requests through it too.
 */
async function recordingProxy() {
  const listeners = new Set();
  const server = createServer((req, res) => {
    const url = req.url;
    for (const fn of listeners) fn(url);
    let target;
    try {
      target = new URL(url);
    } catch {
      return res.writeHead(400).end();
    }
    if (target.protocol !== "http:" || target.hostname !== "127.0.0.1") return res.writeHead(502).end();
    const up = httpRequest(target, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    up.on("error", () => res.writeHead(502).end());
    req.pipe(up);
  });
  server.on("connect", (req, socket) => {
    for (const fn of listeners) fn(`https://${req.url}/`);
    socket.end("HTTP/1.1 502 Bad Gateway\r\n\r\n");
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    address: `127.0.0.1:${server.address().port}`,
    listeners,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}

async function launchWebKit() {
  const proxy = await recordingProxy();
  const x = await startXvfb();
  const env = { ...process.env, DISPLAY: x.display };
  delete env.WAYLAND_DISPLAY;
  let driver;
  try {
    driver = await startDriver(BINARIES.webkit, [], { env });
  } catch (e) {
    await x.close();
    await proxy.close();
    throw e;
  }
  const sessions = [];
  const capabilities = {
    proxy: { proxyType: "manual", httpProxy: proxy.address, sslProxy: proxy.address, noProxy: [] },
    "webkitgtk:browserOptions": {
      binary: MINIBROWSER,
      // The clipboard setting lets the test write the article to the clipboard from a script; the
      // paste itself is a real Ctrl+V.
      args: ["--automation", "--javascript-can-access-clipboard=true"],
    },
  };
  const probe = await Session.create(driver.url, capabilities);
  const version = `WebKitGTK ${probe.capabilities.browserVersion} (MiniBrowser)`;
  await probe.close();
  return {
    engine: "webkit",
    version,
    async newPage() {
      // One session is one browser process with a fresh profile: the closest to a new context.
      const s = await Session.create(driver.url, capabilities);
      sessions.push(s);
      await s.setTimeouts({ script: 120000, pageLoad: 60000, implicit: 5000 });
      await s.cmd("POST", "/window/rect", { ...VIEWPORT, x: 0, y: 0 }).catch(() => {});
      const evaluate = (fn, arg) => s.evaluate(fn, arg);
      return {
        onRequest: (fn) => proxy.listeners.add(fn),
        goto: (url) => s.goto(url),
        evaluate,
        // Polls inside the page, so one WebDriver call waits for the condition.
        waitFor: (fn, arg, timeout = 45000) =>
          s.evaluate(
            `async (a) => { const f = ${fn}; const t0 = Date.now();
              for (;;) { const v = await f(a.arg); if (v) return v;
                if (Date.now() - t0 > a.timeout) throw new Error("waitFor timed out after " + a.timeout + " ms: " + ${JSON.stringify(String(fn).slice(0, 200))});
                await new Promise((r) => setTimeout(r, 50)); } }`,
            { arg: arg ?? null, timeout },
          ),
        async click(selector) {
          await clickable(evaluate, selector);
          await s.click(selector);
        },
        press: (chord) => s.press(chord),
        close: () => s.close(),
        ...clipboard(evaluate),
      };
    },
    async close() {
      for (const s of sessions) await s.close();
      await driver.close();
      await x.close();
      await proxy.close();
    },
  };
}

function clipboard(evaluate) {
  return {
    writeClipboard: (text) => evaluate((t) => navigator.clipboard.writeText(t), text),
    readClipboard: () => evaluate(() => navigator.clipboard.readText()),
  };
}
