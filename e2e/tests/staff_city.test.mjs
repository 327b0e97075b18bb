// The city's side of the staff console in a real browser: slot settings with the month
// preview (R7.4-ア) and a Saturday special opening citizens can book, a refused capacity cut
// listing the reservations concerned, staff accounts, procedures and notices (R5.1, R7.5),
// job runs and reports. axe-core checks every page for WCAG 2.1 A/AA violations;
// screenshots go to the artifacts folder.

import assert from "node:assert/strict";
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import {
  accessibilityViolations,
  addDays,
  artifactsDir,
  calendarLoaded,
  createStaff,
  launchBrowser,
  newWatchedPage,
  passStepUpIfAsked,
  pickDay,
  screenshot,
  screenshotsDir,
  staffLogin,
  staffToken,
  startServer,
} from "../support.mjs";

let server;
let chromium;
const ADMIN = { login: "e2e-admin", password: "e2e admin password" };
const DESK = { viewport: { width: 1280, height: 900 }, locale: "ja-JP" };
const PHONE = { viewport: { width: 360, height: 740 }, locale: "ja-JP", hasTouch: true };

before(async () => {
  server = await startServer();
  chromium = await launchBrowser();
});

after(async () => {
  await chromium?.close();
  await server?.stop();
});

/** The server's calendar from `daysAhead` days on, for 60 days. */
async function calendar(daysAhead) {
  const from = addDays(server.today, daysAhead);
  const to = addDays(from, 60);
  return (await fetch(`${server.baseUrl}/api/v1/calendar?from=${from}&to=${to}`)).json();
}

/** The first Saturday at least `daysAhead` days away that is not a holiday. */
async function plainSaturday(daysAhead) {
  const days = await calendar(daysAhead);
  const saturday = days.find((day) => new Date(`${day.date}T00:00:00Z`).getUTCDay() === 6 && !day.holiday_name_ja && !day.year_end_closure);
  assert.ok(saturday, "a plain Saturday in the next two months");
  return saturday.date;
}

/** Office days at least `daysAhead` days away. */
async function officeDaysFrom(daysAhead, count) {
  return (await calendar(daysAhead)).filter((day) => day.office_open).slice(0, count).map((day) => day.date);
}

/** Opens a staff page signed in as the administrator (in a fresh context). */
async function adminPage(path, options = DESK) {
  const context = await chromium.browser.newContext(options);
  const page = await newWatchedPage(context);
  await page.goto(`${server.baseUrl}/staff/login?next=${encodeURIComponent(path)}`);
  await staffLogin(page, server, ADMIN.login, ADMIN.password);
  await page.waitForURL((url) => url.pathname === path);
  return { context, page };
}

/** A screenshot of one part of the page, for the manuals. */
async function elementScreenshot(locator, name) {
  mkdirSync(screenshotsDir, { recursive: true });
  mkdirSync(artifactsDir, { recursive: true });
  await locator.scrollIntoViewIfNeeded();
  await locator.screenshot({ path: join(screenshotsDir, `${name}.png`) });
  appendFileSync(join(artifactsDir, "produced-screenshots.txt"), `${name}.png\n`);
}

async function checkPage(page, name, { shot = true } = {}) {
  assert.deepEqual(page.scriptErrors ?? [], [], `${name}: no script errors`);
  assert.deepEqual(await accessibilityViolations(page), [], `${name}: WCAG 2.1 A/AA`);
  if (shot) await screenshot(page, name);
}

async function noOverflowAt360(page, name) {
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name}: no horizontal scrolling at 360 px (${overflow} px)`);
  assert.deepEqual(await accessibilityViolations(page), [], `${name} at 360 px: WCAG 2.1 A/AA`);
  await page.setViewportSize(DESK.viewport);
}

let booked = 0;
const PEOPLE = [["宮島 一郎", "ミヤジマ イチロウ"], ["厳島 二郎", "イツクシマ ジロウ"], ["宮内 三郎", "ミヤウチ サブロウ"], ["廿日 四郎", "ハツカ シロウ"]];

/** Books `people` at `date` `start` at the main office through the API; returns the number. */
async function bookThroughApi(date, start, people, phone) {
  booked += 1;
  const [name, kana] = PEOPLE[booked % PEOPLE.length];
  const members = Array.from({ length: people }, (_, i) => ({ name: i === 0 ? name : `${name.split(" ")[0]} 家族${i}`, procedure_id: 1 }));
  const response = await fetch(`${server.baseUrl}/api/v1/reservations`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": `e2e-${date}-${start}-${phone}` },
    body: JSON.stringify({
      location_id: 1, date, start, members,
      contact: { name, name_kana: kana, phone, email: `b${booked}@example.jp`, birth_date: `1980-01-${String(booked).padStart(2, "0")}` },
    }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()).reservation.number;
}

test("R7.4-ア a city admin opens a Saturday special session, previews it, saves it, and a citizen books it", async () => {
  const saturday = await plainSaturday(7);
  const { context, page } = await adminPage("/staff/slots");
  await page.getByRole("heading", { level: 1, name: "予約枠の設定" }).waitFor();
  await page.getByTestId("slot-preview").waitFor();
  await checkPage(page, "staff-slots", { shot: false });

  // Before: the Saturday offers nothing.
  await page.getByTestId("override-date").fill(saturday);
  const cell = page.getByTestId(`preview-${saturday}`);
  await cell.waitFor();
  assert.equal(await cell.getAttribute("data-capacity"), "0");

  await page.getByTestId("override-label").fill("休日臨時開庁");
  await page.getByTestId("override-add-band").click();
  await page.getByTestId("override-add-band").click();
  await page.getByTestId("override-band-0-start").fill("09:00");
  await page.getByTestId("override-band-0-end").fill("10:00");
  await page.getByTestId("override-band-0-capacity").fill("3");
  await page.getByTestId("override-band-1-start").fill("10:00");
  await page.getByTestId("override-band-1-end").fill("11:00");
  await page.getByTestId("override-band-1-capacity").fill("5");
  await page.getByTestId("override-band-1-phone_quota").fill("1");

  // The preview shows the day before anything is saved.
  assert.equal(await cell.getAttribute("data-capacity"), "8");
  assert.equal(await cell.getAttribute("data-changed"), "true");
  assert.match(await cell.innerText(), /定員 8/);
  assert.match(await cell.innerText(), /休日臨時開庁/);
  assert.match(await page.getByTestId("preview-changed-count").innerText(), /1 日が変わります/);
  await checkPage(page, "staff-slot-editor");
  await page.getByTestId("slot-preview").scrollIntoViewIfNeeded();
  await elementScreenshot(page.getByTestId("slot-preview"), "staff-slot-preview");

  // A band that ends before it starts is caught next to the field, before any call.
  await page.getByTestId("override-band-1-end").fill("09:30");
  await page.getByTestId("save-override").click();
  assert.equal(await page.getByTestId("override-band-1-end").getAttribute("aria-invalid"), "true");
  assert.match(await page.locator("#override-band-1-end-error").innerText(), /終了は開始より後/);
  await page.getByTestId("override-band-1-end").fill("11:00");

  await page.getByTestId("save-override").click();
  await page.getByTestId(`override-${saturday}`).waitFor();
  assert.match(await page.getByTestId("slots-status").innerText(), /保存しました/);
  assert.equal(await cell.getAttribute("data-changed"), "false");
  assert.equal(await cell.getAttribute("data-capacity"), "8");
  await noOverflowAt360(page, "staff-slots");
  await context.close();

  // A citizen books that Saturday through the usual flow.
  const citizen = await chromium.browser.newContext(PHONE);
  const booking = await newWatchedPage(citizen);
  await booking.goto(server.baseUrl);
  await booking.getByTestId("start-booking").click();
  await booking.getByRole("radio", { name: /本庁 市民課/ }).check();
  await booking.getByRole("button", { name: "次へ" }).click();
  await booking.getByLabel("氏名").fill("土曜 花子");
  await booking.getByLabel("手続き").selectOption({ label: "カードの受取り" });
  await booking.getByRole("button", { name: "次へ" }).click();
  await calendarLoaded(booking);
  await pickDay(booking, saturday);
  await booking.locator('[data-start="10:00"]').click();
  await booking.getByLabel("フリガナ").waitFor();
  await booking.getByLabel("氏名").fill("土曜 花子");
  await booking.getByLabel("フリガナ").fill("ドヨウ ハナコ");
  await booking.getByLabel("電話番号").fill("090-3000-0001");
  await booking.getByLabel("メールアドレス").fill("doyou@example.jp");
  await booking.getByLabel("生年月日").fill("1985-06-01");
  await booking.getByRole("button", { name: "次へ" }).click();
  await booking.getByRole("heading", { level: 1, name: "予約内容の確認" }).waitFor();
  await booking.getByTestId("submit-booking").click();
  const number = await booking.getByTestId("reservation-number").innerText();
  assert.match(number, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  assert.deepEqual(booking.scriptErrors, []);
  await citizen.close();
});

test("R7.4-ア lowering a band below its bookings is refused and the reservations concerned are listed", async () => {
  const [day] = await officeDaysFrom(10, 1);
  await server.admin("PUT", `/api/v1/locations/1/overrides/${day}`, {
    closed: false,
    label: "e2e",
    bands: [{ start: "13:00", end: "13:30", capacity: 4, phone_quota: 0 }],
  });
  const number = await bookThroughApi(day, "13:00", 2, "090-4000-0001");

  const { context, page } = await adminPage("/staff/slots");
  await page.getByTestId(`override-${day}`).waitFor();
  await page.getByTestId(`override-${day}`).getByRole("button", { name: /編集/ }).click();
  assert.equal(await page.getByTestId("override-band-0-capacity").inputValue(), "4");
  await page.getByTestId("override-band-0-capacity").fill("1");
  assert.equal(await page.getByTestId(`preview-${day}`).getAttribute("data-capacity"), "1");
  await page.getByTestId("save-override").click();

  const affected = page.getByTestId("affected-reservations");
  await affected.waitFor();
  assert.equal(await page.getByTestId("problem").first().getAttribute("data-code"), "SlotRuleConflict");
  assert.match(await page.getByTestId("problem").first().innerText(), /予約済みの人の席がなくなります/);
  assert.deepEqual(await affected.getByTestId("affected-number").allInnerTexts(), [number]);
  assert.match(await affected.innerText(), /13:00/);
  await checkPage(page, "staff-slot-conflict");

  // Nothing changed on the server.
  const overrides = await server.admin("GET", `/api/v1/locations/1/overrides?from=${day}&to=${day}`);
  assert.equal(overrides[0].bands[0].capacity, 4);
  await context.close();
});

test("R7.4-ア a new weekly template shows in the preview before saving, saves, and is deleted; the booking window saves", async () => {
  const [from] = await officeDaysFrom(21, 1);
  const { context, page } = await adminPage("/staff/slots");
  await page.getByTestId("new-template").click();
  await page.getByTestId("template-name").fill("e2e 夏季の窓口");
  await page.getByTestId("template-from").fill(from);
  await page.getByTestId("template-day-0-add-band").click();
  await page.getByTestId("template-day-0-band-0-start").fill("09:00");
  await page.getByTestId("template-day-0-band-0-end").fill("12:00");
  await page.getByTestId("template-day-0-band-0-capacity").fill("10");
  for (const day of ["火曜日", "水曜日", "木曜日", "金曜日"]) {
    await page.getByRole("button", { name: `${day}に月曜日と同じ時間帯を写す` }).click();
  }
  for (let i = 0; i < 3 && (await page.getByTestId(`preview-${from}`).count()) === 0; i += 1) {
    await page.getByTestId("preview-next").click();
  }
  const cell = page.getByTestId(`preview-${from}`);
  assert.equal(await cell.getAttribute("data-capacity"), "10");
  assert.equal(await cell.getAttribute("data-changed"), "true");
  await noOverflowAt360(page, "staff-slots-template-editor");
  await page.getByTestId("save-template").click();
  await page.getByTestId("slots-status").filter({ hasText: "週間パターンを保存しました" }).waitFor();
  const row = page.getByRole("row", { name: /e2e 夏季の窓口/ });
  await row.waitFor();
  assert.equal(await cell.getAttribute("data-changed"), "false");
  assert.equal(await cell.getAttribute("data-capacity"), "10");

  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: /削除/ }).click();
  await page.getByTestId("slots-status").filter({ hasText: "削除しました" }).waitFor();
  await row.waitFor({ state: "detached" });

  await page.getByTestId("window-opens").fill("90");
  await page.getByTestId("window-party").fill("");
  await page.getByTestId("save-window").click();
  assert.equal(await page.getByTestId("window-party").getAttribute("aria-invalid"), "true");
  await page.getByTestId("window-party").fill("5");
  await page.getByTestId("save-window").click();
  await page.getByTestId("slots-status").filter({ hasText: "受付期間を保存しました" }).waitFor();
  assert.equal((await server.admin("GET", "/api/v1/locations/1/booking-window")).opens_days_ahead, 90);
  await checkPage(page, "staff-slots-window", { shot: false });

  // The same page in English.
  await page.getByTestId("lang-switch").click();
  await page.getByRole("heading", { level: 1, name: "Slot settings" }).waitFor();
  await page.getByRole("heading", { level: 2, name: "Month preview (before saving)" }).waitFor();
  await checkPage(page, "staff-slots-en", { shot: false });
  await context.close();
});

test("R7.0 a city admin creates an operator, resets its password, disables it, and cannot change their own role", async () => {
  const { context, page } = await adminPage("/staff/accounts");
  const own = page.getByTestId(`account-${ADMIN.login}`);
  await own.waitFor();
  assert.equal(await own.locator("select").count(), 0, "no role choice on one's own row");
  assert.equal(await own.getByRole("button").count(), 0, "no disable or reset on one's own row");

  await page.getByTestId("new-login-id").fill("op-city-e2e");
  await page.getByTestId("new-display-name").fill("窓口 太郎");
  await page.getByTestId("new-role").selectOption("operator");
  await page.getByTestId("new-password").fill("short");
  await page.getByTestId("create-account").click();
  assert.equal(await page.getByTestId("new-password").getAttribute("aria-invalid"), "true", "a short password is flagged");
  await page.getByTestId("new-password").fill("operator password 1");
  await page.getByTestId("create-account").click();
  const row = page.getByTestId("account-op-city-e2e");
  await row.waitFor();
  assert.match(await row.innerText(), /オペレーター/);
  await checkPage(page, "staff-accounts");
  await noOverflowAt360(page, "staff-accounts");

  // Role: the operator becomes a supervisor.
  await page.getByTestId(`role-${(await server.admin("GET", "/api/v1/staff")).find((a) => a.login_id === "op-city-e2e").id}`).selectOption("call_center_supervisor");
  await row.getByRole("button", { name: /役割を変更/ }).click();
  await page.getByTestId("accounts-status").filter({ hasText: "コールセンター責任者" }).waitFor();

  // Reset (after confirming it is them): the temporary password is shown once and works;
  // the old one does not.
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByTestId("reset-op-city-e2e").click();
  await passStepUpIfAsked(page, ADMIN.password, page.getByTestId("temporary-password-value"));
  const temporary = (await page.getByTestId("temporary-password-value").innerText()).trim();
  assert.ok(temporary.length >= 12, "a long temporary password");
  await staffToken(server, "op-city-e2e", temporary);
  await assert.rejects(staffToken(server, "op-city-e2e", "operator password 1"));
  await screenshot(page, "staff-accounts-reset");

  // Disable: the account cannot sign in any more.
  await page.getByTestId("toggle-op-city-e2e").click();
  await row.getByTestId("account-state").filter({ hasText: "停止中" }).waitFor();
  const other = await chromium.browser.newContext(DESK);
  const login = await newWatchedPage(other);
  await login.goto(`${server.baseUrl}/staff/login`);
  await login.getByLabel("ログインID").fill("op-city-e2e");
  await login.getByLabel("パスワード").fill(temporary);
  await login.getByRole("button", { name: "サインイン" }).click();
  await login.getByTestId("problem").waitFor();
  // A disabled account gets the same answer as a wrong password: nothing tells which ids exist.
  assert.equal(await login.getByTestId("problem").getAttribute("data-code"), "InvalidCredentials");
  assert.match(login.url(), /\/staff\/login/);
  await other.close();

  // The server refuses a change of one's own role too.
  const token = await staffToken(server, ADMIN.login, ADMIN.password);
  const me = await (await fetch(`${server.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } })).json();
  const refused = await fetch(`${server.baseUrl}/api/v1/staff/${me.id}`, {
    method: "PATCH",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ role: "operator" }),
  });
  assert.ok(refused.status >= 400 && refused.status < 500, `own role change refused (${refused.status})`);
  await context.close();
});

test("R5.1 R7.4-ケ R7.5 a procedure's 持参物 and a posted notice show on the citizen top page; form fields reorder by keyboard, are required, dropped and added", async () => {
  const { context, page } = await adminPage("/staff/catalog");
  const row = page.getByTestId("procedure-pin_reset");
  await row.waitFor();
  await page.getByTestId("form-field-name").waitFor();
  await checkPage(page, "staff-catalog");
  await noOverflowAt360(page, "staff-catalog");

  await row.getByRole("button", { name: /編集/ }).click();
  const bring = "本人確認書類（e2e で追加: 印鑑は不要です）";
  await page.getByTestId("procedure-bring-ja").fill(bring);
  await page.getByTestId("procedure-units").fill("0");
  await page.getByTestId("save-procedure").click();
  assert.equal(await page.getByTestId("procedure-units").getAttribute("aria-invalid"), "true", "seats per person 1-10, checked before sending");
  await page.getByTestId("procedure-units").fill("1");
  await page.getByTestId("save-procedure").click();
  await page.getByTestId("catalog-status").filter({ hasText: "保存しました" }).waitFor();
  await checkPage(page, "staff-catalog-saved", { shot: false });

  // Form fields: move the first one down with the keyboard; focus stays on the moved field's buttons.
  const before = (await (await fetch(`${server.baseUrl}/api/v1/form-fields`)).json()).map((f) => f.key);
  const down = page.getByTestId(`form-field-${before[0]}`).getByRole("button", { name: /^下へ/ });
  await down.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id?.startsWith("field-"));
  await page.getByTestId("save-form-fields").click();
  await page.getByTestId("catalog-status").filter({ hasText: "入力項目を保存しました" }).waitFor();
  const after = (await (await fetch(`${server.baseUrl}/api/v1/form-fields`)).json()).map((f) => f.key);
  assert.deepEqual(after, [before[1], before[0], ...before.slice(2)]);

  // Drop the address, require the email, and add a field; a new field without labels is refused next to it.
  await page.getByTestId("form-field-address").getByRole("button", { name: /この項目を削除/ }).click();
  await page.getByTestId("form-field-email").getByLabel("必須にする").check();
  await page.getByTestId("add-form-field").click();
  const added = page.getByTestId("form-field-");
  await added.getByLabel(/^キー/).fill("postal_code");
  await page.getByTestId("save-form-fields").click();
  await page.getByTestId("problem").filter({ hasText: "入力内容を確かめてください" }).waitFor();
  assert.equal(await added.getByLabel("項目名（日本語）").getAttribute("aria-invalid"), "true");
  await added.getByLabel("項目名（日本語）").fill("郵便番号");
  await added.getByLabel("項目名（英語）").fill("Postal code");
  await added.getByLabel("種類").selectOption("postal_code");
  await page.getByTestId("save-form-fields").click();
  await page.getByTestId("form-field-postal_code").waitFor();
  await page.getByTestId("catalog-status").filter({ hasText: "入力項目を保存しました" }).waitFor();
  const fields = await (await fetch(`${server.baseUrl}/api/v1/form-fields`)).json();
  assert.ok(!fields.some((f) => f.key === "address"), "address dropped");
  assert.equal(fields.find((f) => f.key === "email").required, true, "email required");
  assert.deepEqual(fields.at(-1), { key: "postal_code", label_ja: "郵便番号", label_en: "Postal code", kind: "postal_code", required: false });

  // A notice and an announced maintenance.
  await page.goto(`${server.baseUrl}/staff/notices`);
  await page.getByTestId("new-notice").click();
  await page.getByTestId("notice-title-ja").fill("年末年始の窓口について（e2e）");
  await page.getByTestId("notice-body-ja").fill("12月29日から1月3日までは窓口を休止します。");
  await page.getByTestId("save-notice").click();
  await page.getByTestId("notices-status").filter({ hasText: "保存しました" }).waitFor();
  await page.getByTestId("new-maintenance").click();
  const inDays = (days, hour) => {
    return `${addDays(server.today, days)}T${String(hour).padStart(2, "0")}:00`;
  };
  await page.getByTestId("notice-starts-at").fill(inDays(5, 22));
  await page.getByTestId("notice-ends-at").fill(inDays(5, 20));
  await page.getByTestId("save-notice").click();
  assert.equal(await page.getByTestId("notice-ends-at").getAttribute("aria-invalid"), "true", "a window ending before it starts");
  await page.getByTestId("notice-ends-at").fill(inDays(6, 6));
  await page.getByTestId("save-notice").click();
  await page.getByTestId("notices").getByRole("rowheader", { name: "システムメンテナンスのお知らせ" }).waitFor();
  await checkPage(page, "staff-notices");
  await noOverflowAt360(page, "staff-notices");
  await context.close();

  const citizen = await chromium.browser.newContext(PHONE);
  const home = await newWatchedPage(citizen);
  await home.goto(server.baseUrl);
  await home.getByText("年末年始の窓口について（e2e）").waitFor();
  await home.getByTestId("maintenance").waitFor();
  await home.getByText(bring).waitFor();
  assert.deepEqual(home.scriptErrors, []);
  await citizen.close();
});

test("R7.0 the job runs page lists runs and passes the accessibility checks", async () => {
  const { context, page } = await adminPage("/staff/jobs");
  await page.locator('[data-testid="job-runs"][aria-busy="false"]').waitFor();
  await checkPage(page, "staff-jobs");
  await noOverflowAt360(page, "staff-jobs");
  await context.close();
});

test("R7.3 every city page in English has no WCAG 2.1 A/AA violation and fits 360 px", async () => {
  const { context, page } = await adminPage("/staff/jobs", PHONE);
  await page.getByTestId("lang-switch").click();
  const pages = [
    ["slots", "Slot settings"],
    ["catalog", "Procedures & form"],
    ["notices", "Notices & maintenance"],
    ["accounts", "Staff accounts"],
    ["jobs", "Job runs"],
    ["reports", "Reports"],
    ["contract-end", "Contract end"],
    ["audit", "Audit log"],
    ["two-factor", "Two-factor sign-in"],
  ];
  for (const [segment, heading] of pages) {
    await page.getByRole("navigation", { name: "Staff menu" }).getByRole("link", { name: heading }).click();
    await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    await page.waitForLoadState("networkidle");
    assert.deepEqual(await accessibilityViolations(page), [], `${segment} in English: WCAG 2.1 A/AA`);
    // Every element of the page itself, then the whole document with the header.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll(".staff *")]
        .filter((e) => !e.parentElement?.closest(".table-scroll") && e.getBoundingClientRect().right > window.innerWidth + 1)
        .map((e) => `${e.tagName}.${e.className}`),
    );
    assert.deepEqual(wide, [], `${segment} in English: nothing wider than 360 px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${segment} in English, header included: no horizontal scrolling (${overflow} px)`);
  }
  assert.deepEqual(page.scriptErrors, []);
  await context.close();
});

test("R9.1 R9.2 R4.5 reports show charts with their tables, import call records and download CSV and XLSX", async () => {
  const [day] = await officeDaysFrom(3, 1);
  await bookThroughApi(day, "11:00", 1, "090-5000-0001");
  const month = server.today.slice(0, 7);
  const first = `${month}-01`;
  const today = server.today;
  const csv = [
    "started_at,answered,wait_seconds,talk_seconds",
    `${first} 09:00:00,1,10,120`,
    `${first} 09:05:00,1,20,200`,
    `${first} 09:10:00,0,90,0`,
    `${today} 10:00:00,1,5,60`,
    `${today} 10:05:00,true,15,90`,
  ].join("\n");

  const { context, page } = await adminPage("/staff/reports");
  await page.getByTestId("report").locator("h2").first().waitFor();
  await page.getByTestId("call-records-file").setInputFiles({ name: "calls.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByTestId("import-calls").click();
  await page.getByTestId("import-summary").filter({ hasText: /件を取り込みました/ }).waitFor();
  // The same file again: every row is a duplicate.
  await page.getByTestId("import-calls").click();
  await page.getByTestId("import-summary").filter({ hasText: /0件を取り込みました（重複5件は除外）/ }).waitFor();

  await page.getByLabel("月報").check();
  await page.getByTestId("report-month").fill(month);
  await page.getByTestId("report-location").selectOption({ label: "本庁 市民課" });
  await page.getByTestId("show-report").click();
  await page.getByRole("heading", { level: 2, name: /の月報/ }).waitFor();
  const bars = page.getByRole("img", { name: /日ごとの予約・人数・来庁/ });
  await bars.waitFor();
  assert.ok((await bars.locator("rect").count()) > 0, "bars drawn");
  const rate = page.getByRole("img", { name: /日ごとの応答率/ });
  if (first !== today) {
    await rate.waitFor();
    assert.equal(await rate.getByTestId("target-line").getAttribute("class"), "target-line");
  }
  assert.match(await page.getByTestId("answer-rate").innerText(), /80\.0%/);
  await checkPage(page, "staff-reports");
  await noOverflowAt360(page, "staff-reports");

  for (const format of ["csv", "xlsx"]) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(`download-${format}`).click()]);
    assert.match(download.suggestedFilename(), new RegExp(`\\.${format}$`));
  }
  await context.close();
});

test("R9.1 R4.5 a call-center supervisor opens the reports and imports call records, but not the city's settings", async () => {
  await createStaff(server, { login_id: "sv-city-e2e", display_name: "責任者 花子", role: "call_center_supervisor" });
  const context = await chromium.browser.newContext(DESK);
  const page = await newWatchedPage(context);
  await page.goto(`${server.baseUrl}/staff/login?next=${encodeURIComponent("/staff/reports")}`);
  await staffLogin(page, server, "sv-city-e2e", "sv-city-e2e password 1");
  await page.getByRole("heading", { level: 1, name: "日報・月報" }).waitFor();
  await page.getByTestId("report").locator("h2").first().waitFor();
  const day = addDays(server.today, -1);
  const csv = `started_at,answered,wait_seconds,talk_seconds\n${day}T09:30:00+09:00,0,45,0\n`;
  await page.getByTestId("call-records-file").setInputFiles({ name: "calls.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByTestId("import-calls").click();
  await page.getByTestId("import-summary").filter({ hasText: "1件を取り込みました" }).waitFor();
  assert.equal(await page.getByRole("link", { name: "予約枠の設定" }).count(), 0, "no slot settings in a supervisor's menu");
  await page.goto(`${server.baseUrl}/staff/slots`);
  await page.getByTestId("forbidden").waitFor();
  assert.deepEqual(page.scriptErrors, []);
  await context.close();
});

test("R13.3 contract end: export, then purge with the typed confirmation, and the report says nothing is left", async () => {
  const { context, page } = await adminPage("/staff/contract-end");
  assert.equal(await page.getByTestId("purge").isDisabled(), true, "no purge before the export and the confirmation");
  // Both steps need a recent re-authentication: the dialog asks for it unless given lately.
  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-archive").click();
  await passStepUpIfAsked(page, ADMIN.password, page.getByTestId("export-status").filter({ hasText: "ダウンロードしました" }));
  const download = await downloading;
  assert.match(download.suggestedFilename(), /\.zip$/);
  assert.match(await page.getByTestId("purge-sha").inputValue(), /^[0-9a-f]{64}$/);
  await page.getByTestId("purge-confirmation").fill("削除");
  assert.equal(await page.getByTestId("purge").isDisabled(), true, "a wrong confirmation does not enable the purge");
  await page.getByTestId("purge-confirmation").fill("全件削除");
  await checkPage(page, "staff-contract-end");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByTestId("purge").click();
  await passStepUpIfAsked(page, ADMIN.password, page.getByTestId("purge-report"));
  assert.equal(await page.getByTestId("purge-remaining").innerText(), "0");
  assert.match(await page.getByTestId("purge-verified").innerText(), /確認済み/);
  await checkPage(page, "staff-contract-end-done", { shot: false });
  await noOverflowAt360(page, "staff-contract-end");
  await context.close();
});
