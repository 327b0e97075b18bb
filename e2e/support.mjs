// Shared set-up of the browser tests: a real madoguchi server on a fresh SQLite database,
// Debian's Chromium driven by playwright-core, axe-core checks and screenshots.

import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const ADMIN_LOGIN = "e2e-admin";
const ADMIN_PASSWORD = "e2e admin password";

export const artifactsDir = process.env.MADOGUCHI_E2E_ARTIFACTS ?? join(here, "artifacts");

/** The instant every test server's clock starts at (MADOGUCHI_CLOCK_START; it runs on from
 *  there), so that each run sees the same days and draws the same screenshots: Monday 5 July
 *  2027, 10:00 in Japan, a plain office day in a month with a holiday (海の日, 19 July).
 *  MADOGUCHI_E2E_NOW overrides it to try the journeys on another day. */
export const CLOCK_START = process.env.MADOGUCHI_E2E_NOW ?? "2027-07-05T10:00:00+09:00";

/** `date` (YYYY-MM-DD) moved by `days` days. */
export function addDays(date, days) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400 * 1000).toISOString().slice(0, 10);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts `madoguchi serve` on a free port with a fresh database and the demo catalog. */
export async function startServer() {
  const binary = process.env.MADOGUCHI_BIN ?? join(root, "target/debug/madoguchi");
  const dataDir = mkdtempSync(join(tmpdir(), "madoguchi-e2e-"));
  const port = await freePort();
  const child = spawn(binary, ["serve", "--seed-demo"], {
    cwd: root,
    env: {
      ...process.env,
      MADOGUCHI_ENV: "development",
      DATABASE_URL: `sqlite://${join(dataDir, "e2e.db")}?mode=rwc`,
      MADOGUCHI_BIND: `127.0.0.1:${port}`,
      MADOGUCHI_STATIC_DIR: process.env.MADOGUCHI_SPA_DIR ?? join(root, "frontend/dist"),
      MADOGUCHI_INITIAL_ADMIN_LOGIN: ADMIN_LOGIN,
      MADOGUCHI_INITIAL_ADMIN_PASSWORD: ADMIN_PASSWORD,
      MADOGUCHI_CLOCK_START: CLOCK_START,
      // No role must use two-factor sign-in, so the journeys sign in with a password alone;
      // staff_security.test.mjs sets it up for one member. Every test signs in from
      // 127.0.0.1, so the per-client allowance of sign-ins is raised.
      MADOGUCHI_TWO_FACTOR_ROLES: "none",
      MADOGUCHI_SIGN_INS_PER_CLIENT: "1000",
      RUST_LOG: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`madoguchi exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("madoguchi did not become ready in 30 s");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const signInAdmin = async () => {
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login_id: ADMIN_LOGIN, password: ADMIN_PASSWORD }),
    });
    if (!login.ok) throw new Error(`admin sign-in: ${login.status} ${await login.text()}`);
    return (await login.json()).access_token;
  };
  let adminToken = await signInAdmin();
  const time = await (await fetch(`${baseUrl}/api/v1/time`)).json();
  return {
    baseUrl,
    /** The server's now (its pinned clock), as a Date. */
    now: new Date(time.now),
    /** The server's today in Japan, YYYY-MM-DD. */
    today: time.today,
    /** Calls the API as the city administrator. A session ended meanwhile (a sign-out in
     *  the browser ends them all) is started again; an action that needs a re-authentication
     *  (`step_up_required`) gets one with the administrator's password, then runs again. */
    async admin(method, path, body) {
      const call = () =>
        fetch(`${baseUrl}${path}`, {
          method,
          headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      let response = await call();
      if (response.status === 401) {
        adminToken = await signInAdmin();
        response = await call();
      }
      if (response.status === 403) {
        const problem = await response.clone().json().catch(() => ({}));
        if (problem.code === "step_up_required") {
          const stepUp = await fetch(`${baseUrl}/api/v1/auth/step-up`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
            body: JSON.stringify({ password: ADMIN_PASSWORD }),
          });
          if (!stepUp.ok) throw new Error(`admin step-up: ${stepUp.status} ${await stepUp.text()}`);
          response = await call();
        }
      }
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.status === 204 ? null : response.json();
    },
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Launches Debian's Chromium headless; Playwright gives it a fresh throwaway profile. */
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

const axeSource = readFileSync(join(here, "node_modules/axe-core/axe.min.js"), "utf8");

/** Runs axe-core with the WCAG 2.1 A and AA rules; returns the violations. */
export async function accessibilityViolations(page) {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy (no
  // inline scripts) does not govern; the app itself runs under the real policy.
  if (!(await page.evaluate(() => Boolean(globalThis.axe)))) await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    globalThis.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** Where screenshots go: the manuals in docs/manual show them (issue 7), so every run of
 *  the suite redraws the manuals' pictures from the current UI. */
export const screenshotsDir = join(root, "docs/manual/screenshots");

/** Saves a full-page screenshot for the manuals and notes that this run produced it; the
 *  test command then checks that every picture a manual shows was produced. */
export async function screenshot(page, name) {
  mkdirSync(screenshotsDir, { recursive: true });
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });
  appendFileSync(join(artifactsDir, "produced-screenshots.txt"), `${name}.png\n`);
}

/** `count` distinct office days (weekdays, not holidays), the first at least `daysAhead`
 *  days from today in Japan time, as the server's calendar says. */
export async function officeDays(server, daysAhead, count) {
  const from = addDays(server.today, daysAhead);
  const to = addDays(from, 40);
  const days = await (await fetch(`${server.baseUrl}/api/v1/calendar?from=${from}&to=${to}`)).json();
  return days.filter((day) => day.office_open).slice(0, count).map((day) => day.date);
}

/** Shows the month of `date` on the calendar, then clicks the day. */
export async function pickDay(page, date) {
  await calendarLoaded(page);
  for (let i = 0; i < 4 && (await page.locator(`[data-date="${date}"]`).count()) === 0; i += 1) {
    await page.getByTestId("next-month").click();
    await calendarLoaded(page);
  }
  await page.locator(`[data-date="${date}"]`).click();
}

/** Waits until the calendar shows the month's availability, not its loading state. */
export async function calendarLoaded(page) {
  await page.locator('table[role="grid"][aria-busy="false"]').waitFor();
}

/** A new page that remembers every uncaught script error (a WASM panic shows up here). */
export async function newWatchedPage(context) {
  const page = await context.newPage();
  page.scriptErrors = [];
  page.on("pageerror", (error) => page.scriptErrors.push(error.message));
  return page;
}

/** Creates a staff account through the administrator's API; returns its login and password. */
export async function createStaff(server, { login_id, display_name, role, password = `${login_id} password 1` }) {
  await server.admin("POST", "/api/v1/staff", { login_id, display_name, role, password });
  return { login_id, password };
}

/** A staff member's bearer token, through the API. */
export async function staffToken(server, login_id, password) {
  const response = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login_id, password }),
  });
  if (!response.ok) throw new Error(`login ${login_id}: ${response.status} ${await response.text()}`);
  return (await response.json()).access_token;
}

/** Signs in on /staff/login (the page the browser is on, or a fresh one) and waits to leave it. */
export async function staffLogin(page, server, login_id, password) {
  if (!page.url().includes("/staff/login")) await page.goto(`${server.baseUrl}/staff/login`);
  await page.getByLabel("ログインID").fill(login_id);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "サインイン" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/staff/login"));
}

/** Answers the "本人確認" (step-up) dialog with `password` if the page opens it, then waits
 *  for `done`, the locator that shows the action went through. The server asks for a
 *  re-authentication only if the member has not given one in the last five minutes, so a
 *  journey that runs several sensitive actions sees the dialog once. */
export async function passStepUpIfAsked(page, password, done) {
  const dialog = page.getByRole("dialog", { name: "本人確認" });
  await dialog.or(done).first().waitFor();
  if (await dialog.isVisible()) {
    await dialog.getByLabel("パスワード").fill(password);
    await dialog.getByRole("button", { name: "確認して続ける" }).click();
    await dialog.waitFor({ state: "hidden" });
  }
  await done.first().waitFor();
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** The bytes of a base32 text (RFC 4648; spaces, padding and case do not matter). */
function base32Bytes(text) {
  const bytes = [];
  let buffer = 0;
  let bits = 0;
  for (const letter of text.replace(/[\s=]/g, "").toUpperCase()) {
    const value = BASE32.indexOf(letter);
    if (value < 0) throw new Error(`not base32: ${letter}`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
      buffer &= (1 << bits) - 1;
    }
  }
  return Buffer.from(bytes);
}

/** The 30-second step of an instant, in seconds since the epoch. */
export function totpStep(seconds) {
  return Math.floor(seconds / 30);
}

/** The six-digit code an authenticator app shows for `secret` (base32) in 30-second `step`
 *  (RFC 6238 with HMAC-SHA1, as the server checks it). */
export function totpCode(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", base32Bytes(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(number).padStart(6, "0");
}

/** The server's now, in seconds since the epoch: its clock runs from MADOGUCHI_CLOCK_START,
 *  not from this machine's time. */
export async function serverSeconds(server) {
  const time = await (await fetch(`${server.baseUrl}/api/v1/time`)).json();
  return Date.parse(time.now) / 1000;
}

/** Waits until the server's clock is in a 30-second step after `after` (a code is accepted
 *  once: a sign-in needs a later step than the last one used) and early enough in it that a
 *  code typed now is checked within the same step; returns that step. */
export async function freshTotpStep(server, after = -1) {
  for (;;) {
    const now = await serverSeconds(server);
    if (totpStep(now) > after && now % 30 <= 20) return totpStep(now);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
