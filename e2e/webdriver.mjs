// A small W3C WebDriver client (fetch only) and the drivers of Firefox ESR (geckodriver) and
// WebKit (WebKitWebDriver under xvfb), for the cross-browser smoke journey (R7.3). No driver
// or browser is downloaded: both come from Debian's packages and crates.io.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const GECKODRIVER = process.env.GECKODRIVER ?? join(process.env.CARGO_HOME ?? join(homedir(), ".cargo"), "bin/geckodriver");
const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/** The browsers this machine can drive over WebDriver, with how to start each. */
export const BROWSERS = {
  firefox: {
    available: () => existsSync(GECKODRIVER) && existsSync("/usr/bin/firefox-esr"),
    command: (port) => [GECKODRIVER, ["--port", String(port), "--host", "127.0.0.1"]],
    capabilities: {
      browserName: "firefox",
      "moz:firefoxOptions": { binary: "/usr/bin/firefox-esr", args: ["-headless"], prefs: { "intl.accept_languages": "ja" } },
    },
  },
  webkit: {
    available: () => existsSync("/usr/bin/WebKitWebDriver") && existsSync(MINIBROWSER) && existsSync("/usr/bin/xvfb-run"),
    command: (port) => ["xvfb-run", ["-a", "/usr/bin/WebKitWebDriver", `--port=${port}`]],
    capabilities: { "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] } },
  },
};

/** Starts a driver and a browser session; `close()` ends both. */
export async function openSession(name) {
  const browser = BROWSERS[name];
  const port = await freePort();
  const [program, args] = browser.command(port);
  const driver = spawn(program, args, { stdio: ["ignore", "ignore", "inherit"], detached: true });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/status`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} driver did not start`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const call = async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
    return json.value;
  };
  const created = await call("POST", "/session", { capabilities: { alwaysMatch: browser.capabilities } });
  const session = `/session/${created.sessionId}`;

  const find = async (css, timeout = 20_000) => {
    const until = Date.now() + timeout;
    for (;;) {
      try {
        const found = await call("POST", `${session}/element`, { using: "css selector", value: css });
        return found[ELEMENT];
      } catch (error) {
        if (Date.now() > until) throw new Error(`${name}: no element ${css}: ${error.message}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  };
  const page = {
    name,
    go: (url) => call("POST", `${session}/url`, { url }),
    find,
    exists: async (css) => (await call("POST", `${session}/elements`, { using: "css selector", value: css })).length > 0,
    click: async (css) => call("POST", `${session}/element/${await find(css)}/click`, {}),
    text: async (css) => call("GET", `${session}/element/${await find(css)}/text`),
    /** Sets a form control's value the way typing would, so the app's input handlers run. */
    fill: async (css, value) => {
      await find(css);
      await call("POST", `${session}/execute/sync`, {
        script: `const el = document.querySelector(arguments[0]);
                 el.value = arguments[1];
                 el.dispatchEvent(new Event(el.tagName === "SELECT" ? "change" : "input", { bubbles: true }));`,
        args: [css, value],
      });
    },
    /** Waits until `css` matches an element whose text contains `expected`. */
    waitForText: async (css, expected, timeout = 20_000) => {
      const until = Date.now() + timeout;
      for (;;) {
        try {
          if ((await page.text(css)).includes(expected)) return;
        } catch {
          // not there yet
        }
        if (Date.now() > until) throw new Error(`${name}: ${css} never said ${expected}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async close() {
      try {
        await call("DELETE", session);
      } finally {
        try {
          process.kill(-driver.pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
    },
  };
  return page;
}
