// The citizen's booking journeys in a real browser at 360 px (R7.3): a family of three
// (R7.4-オ, カ, キ, ケ), a band turning × when full (R7.4-ウ), losing the race for the last
// seat, and changing, adding to and cancelling the booking (R7.4-ク). axe-core checks every
// screen for WCAG 2.1 A/AA violations; screenshots go to the artifacts folder.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import {
  accessibilityViolations,
  calendarLoaded,
  launchBrowser,
  newWatchedPage,
  officeDays,
  pickDay,
  screenshot,
  startServer,
} from "../support.mjs";

let server;
let chromium;
/** A different office day for each journey, so their bookings never meet. */
let days;
const PHONE = { viewport: { width: 360, height: 740 }, locale: "ja-JP", hasTouch: true };

before(async () => {
  server = await startServer();
  chromium = await launchBrowser();
  days = await officeDays(server, 7, 4);
});

after(async () => {
  await chromium?.close();
  await server?.stop();
});

async function checkPage(page, name) {
  assert.deepEqual(page.scriptErrors ?? [], [], `${name}: no script errors`);
  assert.deepEqual(await accessibilityViolations(page), [], `${name}: WCAG 2.1 A/AA`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name}: no horizontal scrolling (${overflow} px)`);
  await screenshot(page, `booking-${name}-360`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, `booking-${name}-1280`);
  await page.setViewportSize(PHONE.viewport);
}

async function fillContact(page, phone) {
  await page.getByLabel("氏名").fill("廿日 太郎");
  await page.getByLabel("フリガナ").fill("ハツカ タロウ");
  await page.getByLabel("電話番号").fill(phone);
  await page.getByLabel("メールアドレス").fill(`${phone.replaceAll("-", "")}@example.jp`);
  await page.getByLabel("生年月日").fill("1980-04-01");
}

/** Walks the flow to the confirmation screen for `people` at `date` `start`. */
async function bookUpTo(page, { date, start, people, phone, check = false }) {
  await page.goto(server.baseUrl);
  await page.getByTestId("start-booking").click();
  await page.getByRole("heading", { level: 1, name: "どこの窓口に行きますか" }).waitFor();
  if (check) await checkPage(page, "1-location");
  await page.getByRole("radio", { name: /本庁 市民課/ }).check();
  await page.getByRole("button", { name: "次へ" }).click();

  await page.getByRole("heading", { level: 1, name: "来る人と手続き" }).waitFor();
  const procedures = ["カードの受取り", "電子証明書の更新・新規発行", "カードの申請"];
  for (let i = 0; i < people; i += 1) {
    if (i > 0) await page.getByTestId("add-member").click();
    const member = page.getByTestId(`member-${i}`);
    await member.getByLabel("氏名").fill(i === 0 ? "廿日 太郎" : `廿日 家族${i}`);
    await member.getByLabel("手続き").selectOption({ label: procedures[i % procedures.length] });
  }
  if (check) {
    await checkPage(page, "2-party");
    // A reload keeps what was entered (the draft lives in the tab's session storage).
    await page.reload();
    await page.getByTestId(`member-${people - 1}`).waitFor();
    assert.equal(await page.getByTestId("member-0").getByLabel("氏名").inputValue(), "廿日 太郎");
  }
  await page.getByRole("button", { name: "次へ" }).click();

  await page.getByRole("heading", { level: 1, name: "日にちを選ぶ" }).waitFor();
  await calendarLoaded(page);
  if (check) await checkPage(page, "3-date");
  await pickDay(page, date);

  await page.getByRole("heading", { level: 1, name: "時間を選ぶ" }).waitFor();
  await page.locator(`[data-start="${start}"]`).waitFor();
  if (check) await checkPage(page, "4-time");
  await page.locator(`[data-start="${start}"]`).click();

  await page.getByRole("heading", { level: 1, name: "連絡先を入力する" }).waitFor();
  await page.getByLabel("フリガナ").waitFor();
  if (check) await checkPage(page, "5-contact");
  await fillContact(page, phone);
  await page.getByRole("button", { name: "次へ" }).click();
  await page.getByRole("heading", { level: 1, name: "予約内容の確認" }).waitFor();
  if (check) await checkPage(page, "6-confirm");
}

test("R7.4-オ R7.4-カ R7.4-キ R7.4-ケ a citizen books a family of three on a phone", async () => {
  const context = await chromium.browser.newContext(PHONE);
  const page = await newWatchedPage(context);
  const date = days[0];
  await bookUpTo(page, { date, start: "10:00", people: 3, phone: "090-1000-0001", check: true });
  await page.getByTestId("submit-booking").click();
  const number = await page.getByTestId("reservation-number").innerText();
  assert.match(number, /^[34679ACEFGHJKMNPRTWXY]{4}-[34679ACEFGHJKMNPRTWXY]{4}$/);
  assert.equal(await page.locator(".party > li").count(), 3);
  assert.match(await page.locator(".party").innerText(), /交付通知書/, "what to bring per member");
  assert.match(await page.getByRole("link", { name: /カレンダーに追加/ }).getAttribute("href"), /^data:text\/calendar/);
  await checkPage(page, "7-done");
  await context.close();
});

test("R7.4-ク the validation of the contact form is announced field by field", async () => {
  const context = await chromium.browser.newContext(PHONE);
  const page = await newWatchedPage(context);
  const date = days[1];
  await page.goto(server.baseUrl);
  await page.getByTestId("start-booking").click();
  await page.getByRole("radio", { name: /本庁 市民課/ }).check();
  await page.getByRole("button", { name: "次へ" }).click();
  await page.getByRole("button", { name: "次へ" }).click();
  assert.equal(await page.getByLabel("氏名").getAttribute("aria-invalid"), "true", "an empty name is flagged");
  await page.getByLabel("氏名").fill("廿日 花子");
  await page.getByLabel("手続き").selectOption({ label: "暗証番号の再設定" });
  await page.getByRole("button", { name: "次へ" }).click();
  await pickDay(page, date);
  await page.locator('[data-start="11:00"]').click();
  await page.getByLabel("電話番号").fill("12345");
  await page.getByRole("button", { name: "次へ" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "入力内容に誤りがあります" });
  await summary.waitFor();
  assert.match(await summary.innerText(), /電話番号: 形式が正しくありません/);
  assert.equal(await page.getByLabel("電話番号").getAttribute("aria-invalid"), "true");
  await checkPage(page, "5-contact-errors");
  await context.close();
});

test("R7.4-ウ a band turns × when full, and the loser of the race for the last seat is told kindly", async () => {
  const date = days[2];
  await server.admin("PUT", `/api/v1/locations/1/overrides/${date}`, {
    closed: false,
    label: "e2e",
    bands: [{ start: "09:00", end: "09:30", capacity: 1, phone_quota: 0 }],
  });
  const first = await chromium.browser.newContext(PHONE);
  const second = await chromium.browser.newContext(PHONE);
  const winner = await newWatchedPage(first);
  const loser = await newWatchedPage(second);
  // The other citizen has the day's bands on screen first…
  await loser.goto(server.baseUrl);
  await loser.getByTestId("start-booking").click();
  await loser.getByRole("radio", { name: /本庁 市民課/ }).check();
  await loser.getByRole("button", { name: "次へ" }).click();
  await loser.getByLabel("氏名").fill("宮島 一郎");
  await loser.getByLabel("手続き").selectOption({ label: "カードの受取り" });
  await loser.getByRole("button", { name: "次へ" }).click();
  await pickDay(loser, date);
  await loser.locator('[data-start="09:00"]').waitFor();

  // …but the winner picks the last seat first (and holds it while filling in the form).
  await bookUpTo(winner, { date, start: "09:00", people: 1, phone: "090-2000-0001" });
  await loser.locator('[data-start="09:00"]').click();
  const message = loser.getByTestId("problem");
  await message.waitFor();
  assert.equal(await message.getAttribute("data-code"), "SlotFull");
  assert.match(await message.innerText(), /ほかの方が先に予約しました/);
  await checkPage(loser, "4-time-taken");

  await winner.getByTestId("submit-booking").click();
  await winner.getByTestId("reservation-number").waitFor();

  // The day is now × for everyone, with its text for screen readers.
  await loser.getByRole("button", { name: "戻る" }).click();
  await calendarLoaded(loser);
  assert.equal(await loser.locator(`[data-date="${date}"]`).getAttribute("data-mark"), "full");
  assert.match(await loser.locator(`[data-date="${date}"]`).getAttribute("aria-label"), /満席/);
  await checkPage(loser, "3-date-full");

  // Through the API the race ends the same way.
  const response = await fetch(`${server.baseUrl}/api/v1/reservations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      location_id: 1, date, start: "09:00",
      members: [{ name: "宮島 一郎", procedure_id: 1 }],
      contact: { name: "宮島 一郎", name_kana: "ミヤジマ イチロウ", phone: "090-2000-0002", birth_date: "1980-01-01" },
    }),
  });
  assert.equal(response.status, 409);
  await first.close();
  await second.close();
});

test("R7.4-ク a citizen opens the booking, changes the time, adds a member and cancels", async () => {
  const context = await chromium.browser.newContext(PHONE);
  const page = await newWatchedPage(context);
  const date = days[3];
  await bookUpTo(page, { date, start: "13:00", people: 1, phone: "090-3000-0001" });
  await page.getByTestId("submit-booking").click();
  const number = await page.getByTestId("reservation-number").innerText();

  // Another device: open with the number and the phone number.
  const other = await chromium.browser.newContext(PHONE);
  const manage = await newWatchedPage(other);
  await manage.goto(`${server.baseUrl}/reservations`);
  await manage.getByLabel("予約番号").fill(number.toLowerCase());
  await manage.getByLabel("電話番号またはメールアドレス").fill("09030000001");
  await screenshot(manage, "booking-lookup-360");
  await manage.getByRole("button", { name: "予約を開く" }).click();
  await manage.getByTestId("reservation").waitFor();
  assert.match(await manage.getByTestId("when").innerText(), /13:00/);
  await checkPage(manage, "8-manage");

  await manage.getByTestId("change-time").click();
  await pickDay(manage, date);
  await manage.getByTestId("change-bands").locator('[data-start="14:00"]').click();
  await manage.getByTestId("notice").filter({ hasText: "日時を変更しました" }).waitFor();
  assert.match(await manage.getByTestId("when").innerText(), /14:00/);

  await manage.getByLabel("氏名").fill("廿日 次郎");
  await manage.getByLabel("手続き").selectOption({ label: "カードの申請" });
  await manage.getByRole("button", { name: "家族を追加する" }).click();
  await manage.getByTestId("notice").filter({ hasText: "追加しました" }).waitFor();
  assert.equal(await manage.getByTestId("members").locator("> li").count(), 2);

  await manage.getByTestId("cancel-booking").click();
  await checkPage(manage, "9-cancel-confirm");
  await manage.getByTestId("cancel-yes").click();
  await manage.getByTestId("status").filter({ hasText: "キャンセル済み" }).waitFor();
  await context.close();
  await other.close();
});

test("R7.4-ウ the calendar works with the keyboard alone", async () => {
  const context = await chromium.browser.newContext(PHONE);
  const page = await newWatchedPage(context);
  await page.goto(server.baseUrl);
  await page.getByTestId("start-booking").press("Enter");
  await page.getByRole("radio", { name: /本庁 市民課/ }).press("Space");
  await page.getByRole("button", { name: "次へ" }).press("Enter");
  await page.getByLabel("氏名").fill("廿日 花子");
  await page.getByLabel("手続き").selectOption({ label: "カードの受取り" });
  await page.getByRole("button", { name: "次へ" }).press("Enter");
  await calendarLoaded(page);

  const stop = page.locator('[data-date][tabindex="0"]');
  assert.equal(await stop.count(), 1, "one day is the tab stop (roving tabindex)");
  await stop.focus();
  const from = await stop.getAttribute("data-date");
  const focusedDay = (date) => page.waitForFunction((d) => document.activeElement?.dataset.date === d, date);
  const next = new Date(Date.parse(from) + 86400 * 1000).toISOString().slice(0, 10);
  await page.keyboard.press("ArrowRight");
  await focusedDay(next); // the next day, in the next month if need be
  await page.keyboard.press("ArrowLeft");
  await focusedDay(from);
  await calendarLoaded(page);
  await focusedDay(from); // loading the marks keeps the focus where it was
  // The tab stop is a bookable day: Enter chooses it.
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: "時間を選ぶ" }).waitFor();
  assert.deepEqual(page.scriptErrors, []);
  await context.close();
});
