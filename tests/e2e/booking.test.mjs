// End-to-end booking in the real app window, on the embedded demo backend: the demo citizen
// visit_p (GIULIA BIANCHI) goes from the three-factor form to the CUP number; a wrong check
// character of the codice fiscale is caught inline first. axe-core runs on every screen and a
// screenshot of every step is written under target/e2e-screenshots/booking/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import { byTestId, chooseFirstSite, launchApp, reportMemory, screenshot, seriousA11yViolations, waitForTestId } from './lib/app.mjs';

const CITIZEN = {
  cf: 'BNCGLI85D52D612X',
  wrongCf: 'BNCGLI85D52D612Y',
  tessera: '80380000001234560016',
  nre: '0900A1123456701',
};

let app;
before(async () => {
  app = await launchApp();
});
after(async () => {
  await app?.stop();
});

async function noSeriousViolations(driver, step) {
  const violations = await seriousA11yViolations(driver);
  assert.deepEqual(violations, [], `axe-core violations on ${step}`);
}

/** Replaces an input's value by typing (so React sees real input events). */
async function typeInto(driver, testId, value) {
  const input = await waitForTestId(driver, testId);
  await driver.executeScript('arguments[0].focus(); arguments[0].select();', input);
  await input.sendKeys(value);
  assert.equal(await input.getAttribute('value'), value, `${testId} holds what was typed`);
  return input;
}

async function activeTestId(driver) {
  return driver.executeScript('return document.activeElement && document.activeElement.dataset.testid');
}

test('a wrong codice fiscale check character is caught inline, naming the field', async () => {
  const { driver } = app;
  await waitForTestId(driver, 'home-title');
  await driver.findElement(byTestId('action-book')).click();
  await waitForTestId(driver, 'access-cf');
  const heading = await driver.findElement(By.css('h1'));
  assert.match(await heading.getText(), /Prenota/i);
  await screenshot(driver, 'booking', '01-access');
  await noSeriousViolations(driver, 'access');

  await typeInto(driver, 'access-cf', CITIZEN.wrongCf);
  await typeInto(driver, 'access-tessera', CITIZEN.tessera);
  await typeInto(driver, 'access-nre', CITIZEN.nre);
  await driver.findElement(byTestId('access-consent')).click();
  await driver.findElement(byTestId('access-submit')).click();

  const error = await waitForTestId(driver, 'field-error-codice_fiscale');
  assert.match(await error.getText(), /Codice Fiscale/);
  const cf = await driver.findElement(byTestId('access-cf'));
  assert.equal(await cf.getAttribute('aria-invalid'), 'true');
  assert.match(await cf.getAttribute('aria-describedby'), /field-error-codice_fiscale/);
  await driver.wait(async () => (await activeTestId(driver)) === 'access-cf', 3000, 'focus moves to the wrong field');
  assert.equal((await driver.findElements(byTestId('screen-prescription'))).length, 0, 'no login happened');
  await screenshot(driver, 'booking', '02-wrong-cf');
  await noSeriousViolations(driver, 'access with an error');
});

test('GIULIA BIANCHI books a visit from the form to the CUP number', async () => {
  const { driver } = app;
  await typeInto(driver, 'access-cf', CITIZEN.cf);
  await driver.findElement(byTestId('access-submit')).click();

  // Prescription
  await waitForTestId(driver, 'screen-prescription', 20000);
  const line = await waitForTestId(driver, 'prescription-line-0');
  assert.equal(await line.getAttribute('data-bookable'), 'true');
  assert.match(await driver.findElement(byTestId('prescription-priority')).getText(), /Programmata \(P\)/);
  await screenshot(driver, 'booking', '03-prescription');
  await noSeriousViolations(driver, 'prescription');
  await driver.findElement(byTestId('prescription-next')).click();

  // Offer: first available list and calendar
  await waitForTestId(driver, 'offer-first-1', 20000);
  assert.match(await driver.findElement(byTestId('offer-found')).getText(), /Ho trovato alcuni appuntamenti/);
  await waitForTestId(driver, 'calendar');
  const availableDay = By.css(
    '[data-testid^="calendar-day-"]:not([data-unavailable]):not([data-disabled]):not([data-outside-month])',
  );
  await driver.wait(async () => (await driver.findElements(availableDay)).length > 0, 15000, 'a day with availability');
  await screenshot(driver, 'booking', '04-offer');
  await noSeriousViolations(driver, 'offer');

  // Day -> site -> time
  // A day -> its sites (a single site is chosen for the citizen: its times follow at once)
  // -> a time. What the choice reveals gets the focus.
  await driver.findElement(availableDay).click();
  const focusedId = () => driver.executeScript('return document.activeElement && document.activeElement.id');
  const site = await chooseFirstSite(driver, {
    beforeChoosing: () => driver.wait(async () => (await focusedId()) === 'offer-sites-title', 5000, 'focus on the sites of the day'),
  });
  if (site === null) {
    assert.match(await driver.findElement(byTestId('single-site')).getText(), /Una sola sede/);
    await driver.wait(async () => (await focusedId()) === 'offer-times-title', 5000, 'focus on the times of the single site');
  }
  const time = await driver.wait(async () => (await driver.findElements(By.css('[data-testid^="time-"]')))[0], 15000);
  await screenshot(driver, 'booking', '05-site-time');
  await noSeriousViolations(driver, 'site and time');
  await time.click();

  // Hold + summary
  const countdown = await waitForTestId(driver, 'hold-countdown', 20000);
  assert.match(await countdown.getText(), /^\d\d:\d\d$/);
  assert.match(await driver.findElement(byTestId('hold')).getText(), /Tempo residuo per ultimare la prenotazione/);
  assert.match(await driver.findElement(byTestId('hold-reserved')).getText(), /RISERVATO/);
  assert.match(await driver.findElement(By.css('h1')).getText(), /Riepilogo e conferma/);
  await screenshot(driver, 'booking', '06-summary');
  await noSeriousViolations(driver, 'summary');
  await driver.findElement(byTestId('summary-confirm')).click();

  // Success
  const cupNumber = await waitForTestId(driver, 'success-cup-number', 20000);
  assert.match(await cupNumber.getText(), /^\d{12}$/);
  assert.match(await driver.findElement(By.css('h1')).getText(), /Operazione conclusa con successo/);
  assert.match(await driver.findElement(byTestId('success-status')).getText(), /PRENOTATO/);
  assert.match(await driver.findElement(byTestId('success-cost')).getText(), /\d+,\d\d\s€/);
  await screenshot(driver, 'booking', '07-success');
  await noSeriousViolations(driver, 'success');
  const memory = reportMemory(app.driverPid, 'after a booking (debug build)');
  assert.ok(memory.app > 0 && memory.web > 0, 'the app and its WebKit web process are found');

  await driver.findElement(byTestId('success-home')).click();
  await waitForTestId(driver, 'home-title');
});
