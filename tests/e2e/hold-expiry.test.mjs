// The hold expiring, in the real app window on the embedded backend started with a short hold
// time (CUP_HOLD_TTL_SECS, passed through tauri-driver to the app): GIULIA BIANCHI chooses a
// day, a site and a time; the slot is RISERVATO for a few seconds; when the time runs out the
// app goes back to the offer with a clear message and her choice (day, site) kept, and the same
// time can be held again. Screenshots under target/e2e-screenshots/hold-expiry/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import { appEnvironment, assertAxeClean, byTestId, chooseFirstSite, launchApp, loginWith, screenshot, waitForTestId } from './lib/app.mjs';

const TTL_SECS = 15;
const VISIT = { cf: 'BNCGLI85D52D612X', tessera: '80380000001234560016', nre: '0900A1123456701' };

let app;
before(async () => {
  app = await launchApp({ env: { CUP_HOLD_TTL_SECS: String(TTL_SECS) } });
  await waitForTestId(app.driver, 'home-title', 20000);
});
after(async () => {
  await app?.stop();
});

test('the short hold time reaches the app through tauri-driver', () => {
  assert.equal(appEnvironment(app.driverPid).CUP_HOLD_TTL_SECS, String(TTL_SECS));
});

test('when the hold expires the app goes back to the offer, says so and keeps the choice', async () => {
  const { driver } = app;
  await loginWith(driver, VISIT);
  await driver.findElement(byTestId('prescription-next')).click();
  await waitForTestId(driver, 'offer-first-1', 20000);
  const availableDay = By.css(
    '[data-testid^="calendar-day-"]:not([data-unavailable]):not([data-disabled]):not([data-outside-month])',
  );
  await driver.wait(async () => (await driver.findElements(availableDay)).length > 0, 15000, 'a day with availability');
  const day = await driver.findElement(availableDay);
  const dayId = await day.getAttribute('data-testid');
  await day.click();
  const siteId = await chooseFirstSite(driver);
  const time = await driver.wait(async () => (await driver.findElements(By.css('[data-testid^="time-"]')))[0], 15000);
  const timeId = await time.getAttribute('data-testid');
  await screenshot(driver, 'hold-expiry', '01-offer-choice');
  await assertAxeClean(driver, 'offer with a day and site chosen');
  await time.click();

  // The slot is held for TTL_SECS: the countdown starts from the server's expiry.
  const countdown = await waitForTestId(driver, 'hold-countdown', 20000);
  const [mm, ss] = (await countdown.getText()).split(':').map(Number);
  assert.ok(mm === 0 && ss <= TTL_SECS, `the countdown starts at most at 00:${TTL_SECS}`);
  assert.match(await driver.findElement(byTestId('hold-reserved')).getText(), /RISERVATO/);
  // Less than two minutes are left from the start: the warning is there.
  assert.match(await waitForTestId(driver, 'hold-warning').then((w) => w.getText()), /.+/);
  await screenshot(driver, 'hold-expiry', '02-summary-held');
  await assertAxeClean(driver, 'summary with a short hold');

  // Past the expiry: back to the offer, with the message and the choice kept.
  const notice = await waitForTestId(driver, 'offer-notice', (TTL_SECS + 10) * 1000);
  assert.equal(await notice.getAttribute('data-code'), 'hold_expired');
  assert.match(
    await notice.getText(),
    /Il tempo per confermare è scaduto e l'appuntamento non è più riservato\. Abbiamo tenuto la tua scelta/,
  );
  assert.equal(await driver.findElement(By.css('[data-testid="screen-book"]')).getAttribute('data-step'), 'offer');
  assert.equal((await driver.findElements(byTestId('screen-summary'))).length, 0, 'the summary is gone');
  const keptDay = await driver.findElement(byTestId(dayId));
  assert.equal(await keptDay.getAttribute('data-selected'), 'true', 'the chosen day is still selected');
  if (siteId === null) {
    await waitForTestId(driver, 'single-site');
  } else {
    const keptSite = await waitForTestId(driver, siteId);
    assert.equal(await keptSite.getAttribute('aria-pressed'), 'true', 'the chosen site is still selected');
  }
  const again = await waitForTestId(driver, timeId);
  await screenshot(driver, 'hold-expiry', '03-offer-after-expiry');
  await assertAxeClean(driver, 'offer after the hold expired');

  // The slot was released: the same time can be held again.
  await again.click();
  await waitForTestId(driver, 'hold-countdown', 20000);
  await screenshot(driver, 'hold-expiry', '04-held-again');
  await driver.findElement(byTestId('summary-change')).click();
  await waitForTestId(driver, 'screen-offer');
});
