// A minimal W3C WebDriver (classic, HTTP) client: the few commands the end-to-end tests need to
// drive WebKit through WebKitGTK's WebKitWebDriver (Debian's webkit2gtk-driver), which speaks no
// CDP and no BiDi. Every call is one HTTP request; errors come back as Errors with the driver's
// message. https://www.w3.org/TR/webdriver2/
import { spawn } from "node:child_process";
import { createServer } from "node:net";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

/** The WebDriver key codes of the key names the tests use (Playwright's names). */
export const KEYS = {
  Control: "\uE009", Shift: "\uE008", Alt: "\uE00A", Meta: "\uE03D", Enter: "\uE007", Tab: "\uE004", Escape: "\uE00C",
  Backspace: "\uE003", Delete: "\uE017", Space: " ", ArrowLeft: "\uE012", ArrowUp: "\uE013", ArrowRight: "\uE014", ArrowDown: "\uE015",
  Home: "\uE011", End: "\uE010",
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts a driver binary on a free port; resolves to {url, close()} once /status says ready. */
export async function startDriver(binary, args = [], { env = process.env, timeout = 30000 } = {}) {
  const port = await freePort();
  const proc = spawn(binary, [`--port=${port}`, ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${binary} exited (${proc.exitCode}): ${stderr}`);
    try {
      const r = await (await fetch(`${url}/status`)).json();
      if (r.value?.ready) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - t0 > timeout) {
      proc.kill();
      throw new Error(`${binary} did not become ready in ${timeout} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill();
      }),
  };
}

export class Session {
  constructor(driverUrl, id, capabilities) {
    this.base = `${driverUrl}/session/${id}`;
    this.capabilities = capabilities;
  }

  static async create(driverUrl, capabilities) {
    const v = await call("POST", `${driverUrl}/session`, { capabilities: { alwaysMatch: capabilities } });
    return new Session(driverUrl, v.sessionId, v.capabilities);
  }

  cmd(method, path, body) {
    return call(method, this.base + path, body);
  }

  goto(url) {
    return this.cmd("POST", "/url", { url });
  }

  /**
   * Runs `fn(arg)` in the page (it may be async) and resolves to its JSON-serializable result.
   * Exceptions in the page are rethrown here with their message.
   */
  async evaluate(fn, arg) {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${fn})(arguments[0])).then(
        (v) => done({ ok: v === undefined ? null : v }),
        (e) => done({ err: String(e) + (e && e.stack ? " at " + e.stack : "") }));`;
    const r = await this.cmd("POST", "/execute/async", { script, args: [arg === undefined ? null : arg] });
    if (r && "err" in r) throw new Error(`in the page: ${r.err}`);
    return r?.ok;
  }

  async find(selector) {
    const v = await this.cmd("POST", "/element", { using: "css selector", value: selector });
    return v[ELEMENT];
  }

  async click(selector) {
    const id = await this.find(selector);
    await this.cmd("POST", `/element/${id}/click`, {});
  }

  /** Presses a key or a chord such as "Control+A" (modifiers held while the last key is pressed). */
  async press(chord) {
    const names = chord === "+" ? ["+"] : chord.split("+");
    const codes = names.map((k) => KEYS[k] ?? (k.length === 1 ? k.toLowerCase() : null));
    if (codes.includes(null)) throw new Error(`unknown key in ${chord}`);
    const actions = [...codes.map((value) => ({ type: "keyDown", value })), ...codes.reverse().map((value) => ({ type: "keyUp", value }))];
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
    await this.cmd("DELETE", "/actions");
  }

  setTimeouts(t) {
    return this.cmd("POST", "/timeouts", t);
  }

  close() {
    return this.cmd("DELETE", "").catch(() => {});
  }
}

async function call(method, url, body) {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`WebDriver ${method} ${url}: HTTP ${res.status}: ${text.slice(0, 300)}`);
  }
  if (!res.ok || json.value?.error) {
    const v = json.value || {};
    throw new Error(`WebDriver ${method} ${new URL(url).pathname}: ${v.error || res.status}: ${v.message || text.slice(0, 300)}`);
  }
  return json.value;
}
