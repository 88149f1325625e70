// GESTISCI in the real app window, on a standalone cup-server (CUP_BACKEND_URL) that the test
// stops for the offline view:
// - GIULIA BIANCHI books a visit next month, then logs in with codice fiscale + card ("remember
//   me" on: the OS keyring of the test session) and retrieves it by PIN, CUP number, NRE and
//   "all my bookings"; a wrong PIN check digit is caught on its field;
// - she moves it (spostamento): offer, the new slot RISERVATO with its countdown, old and new
//   side by side, one atomic move: the old booking SPOSTATO, the new one PRENOTATO;
// - FRANCESCA BARONI (booked at a counter) cancels hers (disdetta) after a confirmation step;
// - the backend stops: the bookings kept on this device are shown, marked with when they were
//   last brought up to date, and their documents open; at login, "the bookings saved on this
//   device" are offered.
// axe-core on every screen; screenshots under target/e2e-screenshots/manage/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import { assertAxeClean, byTestId, chooseFirstSite, launchApp, loginWith, screenshot, startServer, typeInto, waitForTestId } from './lib/app.mjs';

const SUITE = 'manage';
const GIULIA = { cf: 'BNCGLI85D52D612X', tessera: '80380000001234560016', nre: '0900A1123456701' };
const FRANCESCA = { cf: 'BRNFNC68T53D403C', tessera: '80380000001234560099' };

let server;
let app;
/** GIULIA's booking, as the success screen showed it. */
const booked = {};
/** The CUP number of the booking it was moved to. */
let movedTo = null;

before(async () => {
  server = await startServer();
  app = await launchApp({ env: { CUP_BACKEND_URL: server.base } });
  await waitForTestId(app.driver, 'home-title', 20000);
});
after(async () => {
  await app?.stop();
  await server?.stop();
});

async function text(driver, testId) {
  return (await waitForTestId(driver, testId, 20000)).getText();
}

async function openManage(driver) {
  await driver.findElement(byTestId('nav-home')).click();
  await waitForTestId(driver, 'action-manage');
  await driver.findElement(byTestId('action-manage')).click();
  await waitForTestId(driver, 'screen-manage-login', 20000);
}

async function cardLogin(driver, citizen, { remember }) {
  await typeInto(driver, 'manage-cf', citizen.cf);
  await typeInto(driver, 'manage-tessera', citizen.tessera);
  const box = await driver.findElement(byTestId('manage-remember'));
  if ((await box.isSelected()) !== remember) await box.click();
  await driver.findElement(byTestId('manage-login')).click();
}

async function search(driver, modeTestId, value) {
  await waitForTestId(driver, 'screen-manage-search', 20000);
  await driver.findElement(byTestId(modeTestId)).click();
  if (value !== undefined) await typeInto(driver, 'manage-value', value);
  await driver.findElement(byTestId('manage-search')).click();
}

function card(driver, cupNumber) {
  return driver.findElement(By.css(`[data-testid="booking-card"][data-cup-number="${cupNumber}"]`));
}

async function statusOf(driver, cupNumber) {
  return (await card(driver, cupNumber)).findElement(By.css('[data-testid="booking-status"]')).getAttribute('data-status');
}

test('GIULIA books a visit next month and retrieves it by PIN, CUP number, NRE and the list', async () => {
  const { driver } = app;
  await loginWith(driver, GIULIA);
  await driver.findElement(byTestId('prescription-next')).click();
  await waitForTestId(driver, 'calendar', 20000);
  await driver.findElement(byTestId('calendar-next')).click();
  const availableDay = By.css(
    '[data-testid^="calendar-day-"]:not([data-unavailable]):not([data-disabled]):not([data-outside-month])',
  );
  await driver.wait(async () => (await driver.findElements(availableDay)).length > 0, 15000, 'a day with availability next month');
  await driver.findElement(availableDay).click();
  await chooseFirstSite(driver);
  const time = await driver.wait(async () => (await driver.findElements(By.css('[data-testid^="time-"]')))[0], 15000);
  await time.click();
  await waitForTestId(driver, 'hold-countdown', 20000);
  await driver.findElement(byTestId('summary-confirm')).click();
  booked.cup = await text(driver, 'success-cup-number');
  booked.pin = await text(driver, 'success-pin');
  assert.match(booked.cup, /^\d{12}$/);
  assert.match(booked.pin, /^\d{8}$/);
  await driver.findElement(byTestId('success-home')).click();

  await openManage(driver);
  await screenshot(driver, SUITE, '01-login');
  await assertAxeClean(driver, 'card login');
  assert.equal(await driver.findElement(byTestId('manage-remember')).isEnabled(), true, 'the keyring can remember');
  await cardLogin(driver, GIULIA, { remember: true });

  const modes = [
    ['manage-mode-pin', booked.pin, 'pin'],
    ['manage-mode-cup', booked.cup, 'cup'],
    ['manage-mode-nre', GIULIA.nre, 'nre'],
    ['manage-mode-all', undefined, 'all'],
  ];
  for (const [mode, value, name] of modes) {
    await search(driver, mode, value);
    await waitForTestId(driver, 'screen-manage-results', 20000);
    const found = await card(driver, booked.cup);
    assert.equal(await statusOf(driver, booked.cup), 'booked', `found by ${name}`);
    assert.match(await found.getText(), /PRENOTATO/);
    assert.match(await found.getText(), new RegExp(GIULIA.nre));
    assert.equal(await (await waitForTestId(driver, 'screen-manage-results')).getAttribute('data-source'), 'backend');
    await screenshot(driver, SUITE, `02-found-by-${name}`);
    await driver.findElement(byTestId('manage-new-search')).click();
  }
  await assertAxeClean(driver, 'retrieval form');

  // A PIN with a wrong check digit: caught on its field, nothing searched.
  const wrongPin = booked.pin.slice(0, 7) + String((Number(booked.pin[7]) + 1) % 10);
  await search(driver, 'manage-mode-pin', wrongPin);
  const error = await waitForTestId(driver, 'field-error-value');
  assert.match(await error.getText(), /PIN/i);
  assert.equal((await driver.findElements(byTestId('screen-manage-results'))).length, 0);
  await screenshot(driver, SUITE, '03-wrong-pin');

  // Remembered: the login form comes back filled in.
  await openManage(driver);
  assert.equal(await driver.findElement(byTestId('manage-cf')).getAttribute('value'), GIULIA.cf);
  assert.equal(await driver.findElement(byTestId('manage-tessera')).getAttribute('value'), GIULIA.tessera);
  assert.equal(await driver.findElement(byTestId('manage-remember')).isSelected(), true);
  await screenshot(driver, SUITE, '04-remembered');
});

test('GIULIA moves her visit: the new slot held, then one move; the old booking is SPOSTATO', async () => {
  const { driver } = app;
  await driver.findElement(byTestId('manage-login')).click();
  await search(driver, 'manage-mode-cup', booked.cup);
  await waitForTestId(driver, 'screen-manage-results', 20000);
  await (await card(driver, booked.cup)).findElement(By.css('[data-testid="booking-reschedule"]')).click();

  await waitForTestId(driver, 'reschedule-intro', 20000);
  await waitForTestId(driver, 'offer-first-1', 20000);
  await screenshot(driver, SUITE, '05-move-offer');
  await assertAxeClean(driver, 'move: offer');
  await driver.findElement(byTestId('offer-first-1')).click();

  await waitForTestId(driver, 'screen-manage-confirm', 20000);
  assert.match(await text(driver, 'hold-reserved'), /RISERVATO/);
  assert.match(await text(driver, 'hold-countdown'), /^\d\d:\d\d$/);
  assert.match(await text(driver, 'reschedule-old'), new RegExp(booked.cup));
  await screenshot(driver, SUITE, '06-move-confirm');
  await assertAxeClean(driver, 'move: confirm');
  await driver.findElement(byTestId('reschedule-confirm')).click();

  movedTo = await text(driver, 'reschedule-new-cup-number');
  assert.match(movedTo, /^\d{12}$/);
  assert.notEqual(movedTo, booked.cup);
  assert.match(await text(driver, 'reschedule-previous'), new RegExp(booked.cup));
  await screenshot(driver, SUITE, '07-moved');
  await assertAxeClean(driver, 'moved');

  // The whole list: exactly one live booking, the old one moved to it.
  await driver.findElement(byTestId('moved-back')).click();
  await waitForTestId(driver, 'screen-manage-results', 20000);
  await driver.findElement(byTestId('manage-new-search')).click();
  await search(driver, 'manage-mode-all');
  await waitForTestId(driver, 'screen-manage-results', 20000);
  assert.equal(await statusOf(driver, booked.cup), 'moved');
  assert.match(await (await card(driver, booked.cup)).getText(), new RegExp(`SPOSTAT.*|${movedTo}`));
  assert.equal(await statusOf(driver, movedTo), 'booked');
  const live = await driver.findElements(By.css('[data-testid="booking-card"][data-status="booked"]'));
  assert.equal(live.length, 1, 'one appointment, never none or two');
  await screenshot(driver, SUITE, '08-list-after-move');
});

test('FRANCESCA cancels the visit booked for her at a counter, after a confirmation', async () => {
  const { driver } = app;
  await driver.findElement(byTestId('manage-logout')).click();
  await waitForTestId(driver, 'screen-manage-login', 20000);
  assert.equal(await driver.findElement(byTestId('manage-cf')).getAttribute('value'), '', 'Esci forgets the card');
  await cardLogin(driver, FRANCESCA, { remember: false });
  await search(driver, 'manage-mode-all');
  await waitForTestId(driver, 'screen-manage-results', 20000);
  const cards = await driver.findElements(By.css('[data-testid="booking-card"][data-status="booked"]'));
  assert.equal(cards.length, 1, 'her pre-booked visit');
  const cup = await cards[0].getAttribute('data-cup-number');
  await cards[0].findElement(By.css('[data-testid="booking-cancel"]')).click();

  const deadline = await waitForTestId(driver, 'cancel-deadline', 20000);
  const late = (await deadline.getAttribute('data-late')) === 'true';
  assert.match(await deadline.getText(), late ? /malum|ticket/i : /senza costi entro/i);
  await screenshot(driver, SUITE, '09-cancel-confirm');
  await assertAxeClean(driver, 'cancel: confirm');
  // Nothing happens before the confirmation.
  await driver.findElement(byTestId('cancel-back')).click();
  await waitForTestId(driver, 'screen-manage-results', 20000);
  assert.equal(await statusOf(driver, cup), 'booked');
  await (await card(driver, cup)).findElement(By.css('[data-testid="booking-cancel"]')).click();
  await driver.findElement(byTestId('cancel-confirm')).click();

  await waitForTestId(driver, 'screen-manage-cancelled', 20000);
  assert.match(await text(driver, 'cancelled-booking'), /DISDETT/);
  assert.match(await text(driver, 'cancel-freed'), /tornato disponibile/);
  assert.equal(await driver.findElement(byTestId('cancel-malum')).getAttribute('data-owed'), String(late));
  await screenshot(driver, SUITE, '10-cancelled');
  await assertAxeClean(driver, 'cancelled');
  await driver.findElement(byTestId('cancel-done-back')).click();
  await waitForTestId(driver, 'screen-manage-results', 20000);
  assert.equal(await statusOf(driver, cup), 'cancelled');
  await driver.findElement(byTestId('manage-logout')).click();
  await waitForTestId(driver, 'screen-manage-login', 20000);
});

test('without the backend: the bookings kept on this device, dated, with their documents', async () => {
  const { driver } = app;
  await cardLogin(driver, GIULIA, { remember: false });
  await search(driver, 'manage-mode-all');
  await waitForTestId(driver, 'screen-manage-results', 20000);
  await driver.findElement(byTestId('manage-new-search')).click();

  await server.stop();
  await search(driver, 'manage-mode-all');
  const results = await waitForTestId(driver, 'screen-manage-results', 30000);
  assert.equal(await results.getAttribute('data-source'), 'device');
  const notice = await waitForTestId(driver, 'manage-offline-notice');
  assert.match(await notice.getText(), /Non è possibile raggiungere il CUP/);
  assert.match(await notice.getText(), /aggiornat[ei] al .*\d{4}/);
  assert.equal(await statusOf(driver, movedTo), 'booked');
  assert.equal(await statusOf(driver, booked.cup), 'moved');
  assert.equal((await driver.findElements(byTestId('booking-cancel'))).length, 0, 'no change without the backend');
  await screenshot(driver, SUITE, '11-offline-list');
  await assertAxeClean(driver, 'offline list');

  await (await card(driver, movedTo)).findElement(By.css('[data-testid="booking-documents"]')).click();
  await waitForTestId(driver, 'screen-manage-documents', 20000);
  assert.match(await text(driver, 'documents-cup-number'), new RegExp(movedTo));
  assert.match(await text(driver, 'documents-notice-number'), /^\d{4}( \d{4}){3} \d{2}$/);
  await screenshot(driver, SUITE, '12-offline-documents');

  // Logged out, the login cannot reach the CUP: the bookings saved here are offered.
  await driver.findElement(byTestId('manage-logout')).click();
  await waitForTestId(driver, 'screen-manage-login', 20000);
  await cardLogin(driver, GIULIA, { remember: false });
  const saved = await waitForTestId(driver, 'manage-saved-bookings', 30000);
  await screenshot(driver, SUITE, '13-login-unreachable');
  await saved.click();
  const kept = await waitForTestId(driver, 'screen-manage-results', 20000);
  assert.equal(await kept.getAttribute('data-source'), 'device');
  assert.equal(await statusOf(driver, movedTo), 'booked');
  await (await card(driver, movedTo)).findElement(By.css('[data-testid="booking-documents"]')).click();
  await waitForTestId(driver, 'screen-manage-documents', 20000);
  assert.match(await text(driver, 'documents-cup-number'), new RegExp(movedTo));
  await screenshot(driver, SUITE, '14-saved-documents');
});
