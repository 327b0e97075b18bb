// The citizen top page in a real browser: the WASM app starts, shows the five procedures
// of R5.1 with what to bring (R5.4), switches to English, fits a 360 px phone (R7.3),
// and has no WCAG 2.1 A/AA violations.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { accessibilityViolations, launchBrowser, screenshot, startServer } from "../support.mjs";

let server;
let chromium;

before(async () => {
  server = await startServer();
  chromium = await launchBrowser();
});

after(async () => {
  await chromium?.close();
  await server?.stop();
});

for (const viewport of [
  { name: "phone", width: 360, height: 740 },
  { name: "desktop", width: 1280, height: 800 },
]) {
  test(`R5.1 R7.3 the top page lists the five procedures on a ${viewport.width} px screen`, async () => {
    const context = await chromium.browser.newContext({ viewport, locale: "ja-JP" });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(server.baseUrl);

    await page.getByRole("heading", { level: 1, name: "マイナンバーカードの窓口予約" }).waitFor();
    const procedures = page.getByTestId("procedures").getByRole("listitem");
    await procedures.first().waitFor();
    assert.equal(await procedures.count(), 5);
    await page.getByRole("heading", { level: 3, name: "カードの受取り" }).waitFor();
    assert.match(await procedures.first().innerText(), /交付通知書/, "what to bring is shown (R5.4)");

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow} px)`);
    assert.deepEqual(await accessibilityViolations(page), []);
    await screenshot(page, `home-${viewport.width}`);
    assert.deepEqual(errors, [], "no script errors");
    await context.close();
  });
}

test("the language switch turns the page into English and back", async () => {
  const context = await chromium.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(server.baseUrl);
  await page.getByRole("heading", { level: 1, name: "マイナンバーカードの窓口予約" }).waitFor();

  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("heading", { level: 1, name: "Book a visit to the My Number Card counter" }).waitFor();
  await page.getByRole("heading", { level: 3, name: "Card pickup" }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshot(page, "home-360-en");

  await page.getByRole("button", { name: "日本語" }).click();
  await page.getByRole("heading", { level: 1, name: "マイナンバーカードの窓口予約" }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "ja");
  await context.close();
});

test("R7.5 an announced maintenance window is shown on the top page in both languages", async () => {
  const starts = new Date(server.now.getTime() + 3 * 86400 * 1000);
  const ends = new Date(starts.getTime() + 2 * 3600 * 1000);
  await server.admin("POST", "/api/v1/notices", {
    kind: "maintenance",
    title_ja: "システムメンテナンスのお知らせ",
    title_en: "Planned maintenance",
    body_ja: "この間はWeb予約をご利用いただけません。",
    body_en: "Web booking is unavailable during this time.",
    publish_from: new Date(server.now.getTime() - 60_000).toISOString(),
    starts_at: starts.toISOString(),
    ends_at: ends.toISOString(),
  });
  const context = await chromium.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(server.baseUrl);
  const notice = page.getByTestId("maintenance");
  await notice.waitFor();
  assert.match(await notice.innerText(), /メンテナンスのお知らせ[\s\S]*停止する時間/);
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshot(page, "home-maintenance-360");
  await page.getByRole("button", { name: "English" }).click();
  await page.getByText("Web booking is unavailable during this time.").waitFor();
  await context.close();
});
