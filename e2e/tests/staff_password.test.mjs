// A member replaces the temporary password an administrator gave after a reset (which signs
// them out everywhere, so they sign in again with it), and the help link of a staff page
// opens its section of the manual.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import {
  accessibilityViolations,
  launchBrowser,
  newWatchedPage,
  screenshot,
  staffLogin,
  startServer,
} from "../support.mjs";

let server;
let chromium;
const DESKTOP = { viewport: { width: 1280, height: 800 }, locale: "ja-JP" };

before(async () => {
  server = await startServer();
  chromium = await launchBrowser();
});

after(async () => {
  await chromium?.close();
  await server?.stop();
});

test("a member replaces a temporary password with their own, told field by field what is wrong, and signs in again with it", async () => {
  const account = await server.admin("POST", "/api/v1/staff", {
    login_id: "op-new",
    display_name: "新人 一郎",
    role: "operator",
    password: "first password 1234",
  });
  const { temporary_password: temporary } = await server.admin("POST", `/api/v1/staff/${account.id}/password-reset`);
  const context = await chromium.browser.newContext(DESKTOP);
  const page = await newWatchedPage(context);
  await page.goto(`${server.baseUrl}/staff/login?next=%2Fstaff%2Fpassword`);
  await staffLogin(page, server, "op-new", temporary);
  await page.waitForURL((url) => url.pathname === "/staff/password");
  await page.getByRole("heading", { level: 1, name: "パスワードの変更" }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), [], "password page: WCAG 2.1 A/AA");
  await screenshot(page, "staff-password");

  await page.getByLabel("今のパスワード").fill("not the password");
  await page.getByLabel("新しいパスワード(12文字以上)").fill("short");
  await page.getByLabel("新しいパスワード(確認のためもう一度)").fill("short");
  await page.getByRole("button", { name: "変更する" }).click();
  await page.locator("#new_password-error").filter({ hasText: "12文字以上" }).waitFor();

  await page.getByLabel("新しいパスワード(12文字以上)").fill("my own long passphrase");
  await page.getByLabel("新しいパスワード(確認のためもう一度)").fill("my own long passphrase");
  await page.getByRole("button", { name: "変更する" }).click();
  await page.locator("#current_password-error").filter({ hasText: "今のパスワードが違います" }).waitFor();
  assert.equal(page.url(), `${server.baseUrl}/staff/password`, "a wrong current password keeps the session");

  await page.getByLabel("今のパスワード").fill(temporary);
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("madoguchi.staff")).token);
  await page.getByRole("button", { name: "変更する" }).click();
  // Every session ended, this one too: the sign-in page says why.
  await page.waitForURL((url) => url.pathname === "/staff/login");
  await page.getByTestId("password-changed").filter({ hasText: "新しいパスワードでサインインしてください" }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem("madoguchi.staff")), null, "the session is forgotten");
  const me = await fetch(`${server.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(me.status, 401, "the old token is refused");
  assert.deepEqual(await accessibilityViolations(page), [], "sign-in page after the change: WCAG 2.1 A/AA");
  await staffLogin(page, server, "op-new", "my own long passphrase");
  assert.deepEqual(page.scriptErrors, []);

  const signIn = async (password) =>
    (
      await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ login_id: "op-new", password }),
      })
    ).status;
  assert.equal(await signIn(temporary), 401);
  assert.equal(await signIn("my own long passphrase"), 200);
  await context.close();
});

test("R8.5 the help link of a staff page opens that page's section of the manual", async () => {
  const context = await chromium.browser.newContext(DESKTOP);
  const page = await newWatchedPage(context);
  await page.goto(`${server.baseUrl}/staff/login?next=%2Fstaff%2Fslots`);
  await staffLogin(page, server, "e2e-admin", "e2e admin password");
  await page.waitForURL((url) => url.pathname === "/staff/slots");
  const help = page.getByTestId("help-link");
  assert.equal(await help.getAttribute("href"), "/help/ja/staff-manual#slots");
  const [manual] = await Promise.all([context.waitForEvent("page"), help.click()]);
  await manual.waitForLoadState();
  assert.equal(new URL(manual.url()).pathname, "/help/ja/staff-manual");
  await manual.locator("h2#slots").waitFor();
  assert.deepEqual(await accessibilityViolations(manual), [], "manual page: WCAG 2.1 A/AA");
  for (const image of await manual.locator("img").all()) {
    const loaded = await image.evaluate((element) => element.complete && element.naturalWidth > 0);
    assert.ok(loaded, `${await image.getAttribute("src")} loads`);
  }

  const citizen = await newWatchedPage(context);
  await citizen.goto(server.baseUrl);
  assert.equal(await citizen.getByTestId("help-link").getAttribute("href"), "/help/ja/citizen-guide");
  await context.close();
});
