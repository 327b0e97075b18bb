// Staff security in a real browser: a member sets up two-factor sign-in with an authenticator
// app (the codes computed here from the secret on the page, by the server's clock), keeps the
// recovery codes, signs out (which ends the session on the server) and signs in with a code;
// a city administrator reads those sign-ins, a refused one included, in the audit log,
// filters them and downloads them as CSV; and a password reset asks the administrator to
// confirm it is them (the step-up dialog) before it goes through. axe-core checks every view
// at 360 and 1280 px; screenshots go to the manuals.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";

import {
  accessibilityViolations,
  createStaff,
  freshTotpStep,
  launchBrowser,
  newWatchedPage,
  screenshot,
  staffLogin,
  staffToken,
  startServer,
  totpCode,
} from "../support.mjs";

let server;
let chromium;
const DESK = { viewport: { width: 1280, height: 900 }, locale: "ja-JP" };
const ADMIN = { login: "e2e-admin", password: "e2e admin password" };
/** The city staff member who sets up two-factor sign-in. */
const MEMBER = {
  login_id: "sec-staff-e2e",
  display_name: "認証 花子",
  role: "city_staff",
  password: "sec-staff-e2e password 1",
};

before(async () => {
  server = await startServer();
  chromium = await launchBrowser();
});

after(async () => {
  await chromium?.close();
  await server?.stop();
});

/** A fresh browser context signed in as `login` on /staff/login, landing on `path`. */
async function signedInPage(login, password, path) {
  const context = await chromium.browser.newContext(DESK);
  const page = await newWatchedPage(context);
  await page.goto(`${server.baseUrl}/staff/login?next=${encodeURIComponent(path)}`);
  await staffLogin(page, server, login, password);
  await page.waitForURL((url) => url.pathname === path);
  return { context, page };
}

/** No script error, no WCAG 2.1 A/AA violation and no sideways scrolling, on a 360 px phone
 *  and at 1280 px (where the page is left, for the screenshot). */
async function checkAtBothWidths(page, name) {
  assert.deepEqual(page.scriptErrors, [], `${name}: no script errors`);
  for (const [width, height] of [[360, 740], [1280, 900]]) {
    await page.setViewportSize({ width, height });
    assert.deepEqual(await accessibilityViolations(page), [], `${name} at ${width} px: WCAG 2.1 A/AA`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name} at ${width} px: no horizontal scrolling (${overflow} px)`);
  }
}

/** The 30-second step whose code confirmed the set-up: a sign-in needs a later one. */
let confirmedStep;

test("R13.2 a member sets up two-factor sign-in with an authenticator app, keeps the recovery codes, signs out and signs in with a code", async () => {
  await createStaff(server, MEMBER);
  const context = await chromium.browser.newContext(DESK);
  const page = await newWatchedPage(context);
  await page.goto(`${server.baseUrl}/staff/login?next=${encodeURIComponent("/staff/two-factor")}`);

  // A wrong password first: refused with a plain message (and kept in the audit log).
  await page.getByLabel("ログインID").fill(MEMBER.login_id);
  await page.getByLabel("パスワード").fill("not the password at all");
  await page.getByRole("button", { name: "サインイン" }).click();
  const refused = page.getByTestId("problem");
  await refused.waitFor();
  assert.equal(await refused.getAttribute("data-code"), "InvalidCredentials");
  assert.match(await refused.innerText(), /ログインIDまたはパスワードが違います/);

  await staffLogin(page, server, MEMBER.login_id, MEMBER.password);
  await page.waitForURL((url) => url.pathname === "/staff/two-factor");
  await page.getByRole("heading", { level: 1, name: "2段階認証" }).waitFor();
  const status = page.getByTestId("two-factor-status");
  await status.filter({ hasText: "未設定" }).waitFor();
  assert.equal(await page.getByTestId("help-link").getAttribute("href"), "/help/ja/staff-manual#two-factor");

  // Set-up: the QR code and the key to type by hand.
  await page.getByTestId("start-two-factor").click();
  const secretText = page.getByTestId("two-factor-secret");
  await secretText.waitFor();
  const secret = (await secretText.innerText()).replace(/\s/g, "");
  assert.match(secret, /^[A-Z2-7]{16,}$/, "a base32 secret");
  await page.getByRole("img", { name: /QRコード/ }).locator("svg").waitFor();
  await checkAtBothWidths(page, "two-factor set-up");
  await screenshot(page, "staff-two-factor-setup");

  // Something that is not six digits is caught next to the field, before any call.
  await page.getByLabel("確認コード").fill("12 34");
  await page.getByTestId("confirm-two-factor").click();
  await page.locator("#two-factor-code-error").filter({ hasText: "6桁" }).waitFor();
  assert.equal(await page.getByLabel("確認コード").getAttribute("aria-invalid"), "true");

  // The app's code, by the server's clock.
  confirmedStep = await freshTotpStep(server);
  await page.getByLabel("確認コード").fill(totpCode(secret, confirmedStep));
  await page.getByTestId("confirm-two-factor").click();
  const codeList = page.getByTestId("recovery-codes");
  await codeList.waitFor();
  const codes = (await codeList.locator("li").allInnerTexts()).map((code) => code.trim());
  assert.equal(codes.length, 10, "ten recovery codes");
  for (const code of codes) assert.match(code, /^[0-9a-z]+-[0-9a-z]+$/);
  assert.equal(new Set(codes).size, 10, "all different");
  await page.getByTestId("two-factor-enabled").waitFor();
  await checkAtBothWidths(page, "recovery codes");
  await screenshot(page, "staff-two-factor-recovery-codes");

  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("save-recovery-codes").click()]);
  assert.equal(file.suggestedFilename(), "madoguchi-recovery-codes.txt");
  const saved = readFileSync(await file.path(), "utf8");
  for (const code of codes) assert.ok(saved.includes(code), `${code} is in the saved file`);

  await page.getByTestId("recovery-codes-stored").click();
  await codeList.waitFor({ state: "detached" });
  await status.filter({ hasText: "有効" }).waitFor();

  // The set-up ended the earlier session; the page took the new one, so the console goes on.
  await page.getByRole("navigation", { name: "職員メニュー" }).getByRole("link", { name: "操作履歴" }).click();
  await page.getByRole("heading", { level: 1, name: "操作履歴" }).waitFor();
  assert.equal(new URL(page.url()).pathname, "/staff/history");

  // Signing out ends the session on the server too.
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("madoguchi.staff")).token);
  await page.getByTestId("sign-out").click();
  await page.waitForURL((url) => url.pathname === "/staff/login");
  await page.getByTestId("signed-out").waitFor();
  const me = await fetch(`${server.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(me.status, 401, "the signed-out token is refused");

  // Password, then the code step.
  await page.getByLabel("ログインID").fill(MEMBER.login_id);
  await page.getByLabel("パスワード").fill(MEMBER.password);
  await page.getByRole("button", { name: "サインイン" }).click();
  const codeField = page.getByLabel("確認コード");
  await codeField.waitFor();
  await page.getByTestId("second-factor-needed").waitFor();
  assert.equal(new URL(page.url()).pathname, "/staff/login", "not signed in on the password alone");
  await checkAtBothWidths(page, "sign-in code step");
  await screenshot(page, "staff-sign-in-code");

  // A code of a later step than the one used to confirm (a used step is refused as a replay).
  const step = await freshTotpStep(server, confirmedStep);
  await codeField.fill(totpCode(secret, step));
  await page.getByRole("button", { name: "サインイン" }).click();
  await page.waitForURL((url) => url.pathname === "/staff");
  await page.getByTestId("staff-who").filter({ hasText: MEMBER.display_name }).waitFor();
  await page.getByRole("heading", { level: 1, name: "職員メニュー" }).waitFor();
  assert.deepEqual(page.scriptErrors, []);
  await context.close();
});

test("R13.1 a city administrator finds the member's sign-ins, the refused one too, in the audit log, filters them and downloads them as CSV", async () => {
  const { context, page } = await signedInPage(ADMIN.login, ADMIN.password, "/staff/audit");
  await page.getByRole("heading", { level: 1, name: "監査ログ" }).waitFor();
  await page.locator('[data-testid="audit-table"][aria-busy="false"]').waitFor();
  const memberSignIns = (outcome) =>
    page.locator(`[data-testid="audit-row"][data-action="sign_in"][data-outcome="${outcome}"]`).filter({ hasText: MEMBER.login_id });
  await memberSignIns("refused").first().waitFor();
  assert.ok((await memberSignIns("ok").count()) >= 2, "both of the member's sign-ins");
  assert.match(await memberSignIns("refused").first().innerText(), /拒否/);

  // Only the member.
  await page.getByLabel("ログインID").fill(MEMBER.login_id);
  await page.getByTestId("audit-search").click();
  await page.waitForURL((url) => url.searchParams.get("login_id") === MEMBER.login_id);
  await page.waitForFunction((login) => {
    const cells = [...document.querySelectorAll('[data-testid="audit-row-login"]')];
    return cells.length > 0 && cells.every((cell) => cell.textContent.trim() === login);
  }, MEMBER.login_id);
  const rows = await page.getByTestId("audit-row").count();
  assert.ok(rows >= 3, `the member's events (${rows})`);
  await checkAtBothWidths(page, "audit log");
  await screenshot(page, "staff-audit");

  // The CSV has the same rows.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-download").click()]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const lines = readFileSync(await download.path(), "utf8")
    .split(/\r?\n/)
    .filter((line) => line.includes(MEMBER.login_id));
  assert.equal(lines.length, rows, "one CSV line per event shown");
  assert.ok(lines.some((line) => /refused/.test(line)), "the refused sign-in is in the CSV");

  // Refusals only.
  await page.getByLabel("拒否された操作だけ").check();
  await page.getByTestId("audit-search").click();
  await page.waitForURL((url) => url.searchParams.get("refused_only") === "true");
  await page.waitForFunction(() => {
    const shown = [...document.querySelectorAll('[data-testid="audit-row"]')];
    return shown.length > 0 && shown.every((row) => row.dataset.outcome === "refused");
  });
  assert.equal(await memberSignIns("refused").count(), await page.getByTestId("audit-row").count());
  assert.deepEqual(page.scriptErrors, []);
  await context.close();
});

test("R13.2 a password reset asks the administrator to confirm it is them, then goes through; within five minutes a two-factor reset does not ask again", async () => {
  const second = { login: "sec-admin-e2e", password: "sec-admin-e2e password 1" };
  await server.admin("POST", "/api/v1/staff", { login_id: second.login, display_name: "管理 次郎", role: "city_admin", password: second.password });
  await createStaff(server, { login_id: "sec-op-e2e", display_name: "電話 三郎", role: "operator" });
  const { context, page } = await signedInPage(second.login, second.password, "/staff/accounts");
  const memberRow = page.getByTestId(`account-${MEMBER.login_id}`);
  await memberRow.waitFor();
  assert.match(await memberRow.getByTestId("account-two-factor").innerText(), /有効/);
  assert.match(await page.getByTestId("account-sec-op-e2e").getByTestId("account-two-factor").innerText(), /未設定/);
  assert.equal(await page.getByTestId("reset-two-factor-sec-op-e2e").count(), 0, "no two-factor reset where there is none");

  const dialog = page.getByRole("dialog", { name: "本人確認" });
  // Escape closes the dialog: nothing is reset, the page says why, the focus is back.
  page.once("dialog", (confirm) => confirm.accept());
  await page.getByTestId("reset-sec-op-e2e").click();
  await dialog.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "step-up-password");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  await page.getByTestId("problem").filter({ hasText: "本人確認" }).waitFor();
  assert.equal(await page.getByTestId("temporary-password").count(), 0, "nothing was reset");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "reset-sec-op-e2e");

  // Again: a wrong password is refused in the dialog, the right one lets the reset through.
  page.once("dialog", (confirm) => confirm.accept());
  await page.getByTestId("reset-sec-op-e2e").click();
  await dialog.waitFor();
  await checkAtBothWidths(page, "step-up dialog");
  await screenshot(page, "staff-step-up");
  await dialog.getByLabel("パスワード").fill("not my password");
  await dialog.getByRole("button", { name: "確認して続ける" }).click();
  await dialog.locator("#step-up-password-error").filter({ hasText: "パスワードが違います" }).waitFor();
  assert.equal(await page.getByTestId("temporary-password").count(), 0, "still nothing reset");
  await dialog.getByLabel("パスワード").fill(second.password);
  await dialog.getByRole("button", { name: "確認して続ける" }).click();
  await dialog.waitFor({ state: "hidden" });
  const temporary = (await page.getByTestId("temporary-password-value").innerText()).trim();
  await staffToken(server, "sec-op-e2e", temporary);

  // The member's two-factor sign-in is reset (a lost phone) without a second confirmation.
  page.once("dialog", (confirm) => confirm.accept());
  await page.getByTestId(`reset-two-factor-${MEMBER.login_id}`).click();
  await page.getByTestId("accounts-status").filter({ hasText: "2段階認証をリセットしました" }).waitFor();
  assert.equal(await dialog.isVisible(), false, "the step-up of a minute ago still holds");
  assert.match(await memberRow.getByTestId("account-two-factor").innerText(), /未設定/);
  await staffToken(server, MEMBER.login_id, MEMBER.password);
  assert.deepEqual(page.scriptErrors, []);
  await context.close();
});
