// R7.3: besides Chromium, the citizen's smoke journey (book a party of two, open it, cancel
// it) in Firefox ESR and in WebKit, Safari's engine, driven over WebDriver.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { officeDays, startServer } from "../support.mjs";
import { BROWSERS, openSession } from "../webdriver.mjs";

let server;
let day;

before(async () => {
  server = await startServer();
  [day] = await officeDays(server, 12, 1);
});

after(async () => {
  await server?.stop();
});

async function smokeJourney(page, phone) {
  await page.go(server.baseUrl);
  await page.click('[data-testid="start-booking"]');
  await page.click('input[name="location"]');
  await page.click(".step-buttons .primary");

  await page.fill("#member-0-name", "廿日 太郎");
  await page.fill("#member-0-procedure", "1");
  await page.click('[data-testid="add-member"]');
  await page.fill("#member-1-name", "廿日 花子");
  await page.fill("#member-1-procedure", "2");
  await page.click(".step-buttons .primary");

  await page.find('table[role="grid"][aria-busy="false"]');
  for (let i = 0; i < 4 && !(await page.exists(`[data-date="${day}"]`)); i += 1) {
    await page.click('[data-testid="next-month"]');
    await page.find('table[role="grid"][aria-busy="false"]');
  }
  await page.click(`[data-date="${day}"]`);
  await page.click('[data-start="15:00"]');

  await page.fill("#field-name", "廿日 太郎");
  await page.fill("#field-name_kana", "ハツカ タロウ");
  await page.fill("#field-phone", phone);
  await page.fill("#field-email", `${phone.replaceAll("-", "")}@example.jp`);
  await page.fill("#field-birth_date", "1980-04-01");
  await page.click(".step-buttons .primary");

  await page.click('[data-testid="submit-booking"]');
  const number = await page.text('[data-testid="reservation-number"]');
  assert.match(number, /^[34679ACEFGHJKMNPRTWXY]{4}-[34679ACEFGHJKMNPRTWXY]{4}$/, page.name);

  await page.click('[data-testid="open-reservation"]');
  await page.waitForText('[data-testid="members"]', "廿日 花子");
  await page.click('[data-testid="cancel-booking"]');
  await page.click('[data-testid="cancel-yes"]');
  await page.waitForText('[data-testid="status"]', "キャンセル済み");
}

for (const [name, phone] of [["firefox", "090-7000-0001"], ["webkit", "090-7000-0002"]]) {
  test(`R7.3 book a party of two, open it and cancel it in ${name}`, async (t) => {
    if (!BROWSERS[name].available()) {
      // cargo xtask test installs both; only a developer's partial set-up lands here.
      assert.ok(!process.env.CI, `${name} must be installed in CI`);
      t.skip(`${name} is not installed`);
      return;
    }
    const page = await openSession(name);
    try {
      await smokeJourney(page, phone);
    } finally {
      await page.close();
    }
  });
}
