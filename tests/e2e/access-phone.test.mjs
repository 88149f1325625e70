// The access form, the text size and the month calendar on a 360x740 phone, in the real app
// window on the embedded demo backend (issue 14): the text-size level is shown after two A+,
// a codice fiscale error goes as soon as the field is right (before "Avanti"), and the
// calendar's Previous / Today / Next stay on one row, with days readable either way.
// axe-core runs on each screen; screenshots go under target/e2e-screenshots/access-phone/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import { assertAxeClean, byTestId, launchApp, screenshot, typeInto, waitForTestId } from './lib/app.mjs';

const SUITE = 'access-phone';
// GIULIA BIANCHI (visit_p), the README's showcase citizen, and her codice fiscale with a
// wrong check character.
const GIULIA = { cf: 'BNCGLI85D52D612X', tessera: '80380000001234560016', nre: '0900A1123456701' };
const WRONG_CF = `${GIULIA.cf.slice(0, 15)}${GIULIA.cf.endsWith('A') ? 'B' : 'A'}`;

let app;
before(async () => {
  app = await launchApp();
  const { driver } = app;
  await waitForTestId(driver, 'home-title', 20000);
  await driver.manage().window().setRect({ width: 360, height: 740 });
  await driver.wait(
    async () => Math.abs((await driver.executeScript('return window.innerWidth')) - 360) <= 16,
    5000,
    'the window becomes 360 px wide',
  );
  await driver.sleep(150); // let the layout settle
});
after(async () => {
  await app?.stop();
});

/** The text-size buttons, opening the phone's "Accessibilità" panel first if they are behind it. */
async function showTextSize(driver) {
  const larger = await driver.findElement(byTestId('a11y-text-larger'));
  if (await larger.isDisplayed()) return;
  const toggles = await driver.findElements(
    By.xpath("//button[@aria-expanded='false'][contains(normalize-space(.), 'Accessibilità')]"),
  );
  assert.ok(toggles.length > 0, 'the text-size buttons are shown, or a closed "Accessibilità" button opens them');
  await toggles[0].click();
  await driver.wait(async () => larger.isDisplayed(), 5000, 'the accessibility settings open');
}

test('after two presses of A+ the text size shown is 140% and A+ is marked', async () => {
  const { driver } = app;
  await showTextSize(driver);
  const value = await driver.findElement(byTestId('a11y-text-value'));
  assert.equal((await value.getText()).trim(), '100%');
  for (let i = 0; i < 2; i += 1) await driver.findElement(byTestId('a11y-text-larger')).click();
  await driver.wait(async () => (await value.getText()).trim() === '140%', 3000, 'the level follows A+');
  assert.equal(await value.isDisplayed(), true, 'the level is in sight');
  assert.equal(await driver.findElement(byTestId('a11y-text-larger')).getAttribute('data-active'), 'true');
  assert.equal(await driver.findElement(byTestId('a11y-text-reset')).getAttribute('aria-pressed'), 'false');
  // Between A- and A+ on screen: left of A+ and right of A- (or below them when wrapped).
  const [smaller, shown, larger] = await Promise.all(
    ['a11y-text-smaller', 'a11y-text-value', 'a11y-text-larger'].map(async (id) => driver.findElement(byTestId(id)).getRect()),
  );
  assert.ok(smaller.x + smaller.width <= shown.x && shown.x + shown.width <= larger.x, `value between the buttons: ${JSON.stringify({ smaller, shown, larger })}`);
  await screenshot(driver, SUITE, '01-text-140');
  await assertAxeClean(driver, 'home with text at 140% on a phone');

  await driver.findElement(byTestId('a11y-text-reset')).click();
  await driver.wait(async () => (await value.getText()).trim() === '100%', 3000, 'back to 100%');
  assert.equal(await driver.findElement(byTestId('a11y-text-reset')).getAttribute('aria-pressed'), 'true');
});

test('a codice fiscale error goes as soon as the citizen corrects it', async () => {
  const { driver } = app;
  await driver.findElement(byTestId('action-book')).click();
  await waitForTestId(driver, 'access-cf');
  await typeInto(driver, 'access-cf', WRONG_CF);
  await typeInto(driver, 'access-tessera', GIULIA.tessera);
  await typeInto(driver, 'access-nre', GIULIA.nre);
  await driver.findElement(byTestId('access-consent')).click();
  await driver.findElement(byTestId('access-submit')).click();
  const error = await waitForTestId(driver, 'field-error-codice_fiscale');
  assert.match(await error.getText(), /carattere \(di controllo\)/);
  await screenshot(driver, SUITE, '02-wrong-cf');

  await typeInto(driver, 'access-cf', GIULIA.cf);
  await driver.wait(
    async () => (await driver.findElements(byTestId('field-error-codice_fiscale'))).length === 0,
    3000,
    'the error goes once the codice fiscale is right',
  );
  assert.equal(await driver.findElement(byTestId('access-cf')).getAttribute('aria-invalid'), null);
  assert.equal((await driver.findElements(byTestId('access-error-summary'))).length, 0, 'no summary of errors left');
  assert.equal((await driver.findElements(byTestId('screen-prescription'))).length, 0, 'nothing was submitted');
  await screenshot(driver, SUITE, '03-cf-fixed');
  await assertAxeClean(driver, 'access with the error fixed');
});

test('the calendar at 360 px: Previous, Today and Next on one row; days readable, free ones marked', async () => {
  const { driver } = app;
  await driver.findElement(byTestId('access-submit')).click();
  await waitForTestId(driver, 'screen-prescription', 20000);
  await driver.findElement(byTestId('prescription-next')).click();
  const calendar = await waitForTestId(driver, 'calendar', 20000);
  const freeDay = By.css('[data-testid^="calendar-day-"]:not([data-unavailable]):not([data-disabled]):not([data-outside-month])');
  await driver.wait(async () => (await driver.findElements(freeDay)).length > 0, 15000, 'a day with places');
  await driver.executeScript('arguments[0].scrollIntoView({ block: "start" })', calendar);

  const tops = await driver.executeScript(`
    return ['calendar-previous', 'calendar-today', 'calendar-next']
      .map((id) => document.querySelector('[data-testid="' + id + '"]').getBoundingClientRect().top);`);
  assert.equal(new Set(tops.map(Math.round)).size, 1, `one row: tops ${JSON.stringify(tops)}`);
  // On a phone the month buttons are arrows; their words stay for screen readers only.
  const words = await driver.executeScript(`
    return [...document.querySelectorAll('.cup-cal__nav-text')]
      .map((el) => ({ text: el.textContent, width: el.getBoundingClientRect().width }));`);
  assert.deepEqual(
    words.map((w) => [w.text, w.width <= 1]),
    [
      ['Mese precedente', true],
      ['Mese successivo', true],
    ],
  );

  // How the days read: sizes, strike-through and the number's contrast on what is behind it.
  const days = await driver.executeScript(`
    const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const behind = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length >= 3 && (c.length < 4 || c[3] > 0)) return c;
      }
      return [255, 255, 255];
    };
    const body = parseFloat(getComputedStyle(document.body).fontSize);
    const read = (el) => {
      const s = getComputedStyle(el);
      const [a, b] = [lum(rgb(s.color)), lum(behind(el))];
      return {
        id: el.dataset.testid,
        fontSize: parseFloat(s.fontSize),
        line: s.textDecorationLine,
        opacity: Number(s.opacity),
        contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
        dot: el.querySelector('.cup-cal__dot') !== null,
      };
    };
    const cells = [...document.querySelectorAll('[data-testid^="calendar-day-"]:not([data-outside-month])')];
    return {
      body,
      free: cells.filter((c) => !c.hasAttribute('data-unavailable') && !c.hasAttribute('data-disabled')).map(read),
      none: cells.filter((c) => c.hasAttribute('data-unavailable') || c.hasAttribute('data-disabled')).map(read),
    };`);
  assert.ok(days.free.length > 0 && days.none.length > 0, 'days of both kinds in the month');
  for (const d of [...days.free, ...days.none]) {
    assert.ok(d.fontSize >= days.body, `${d.id}: the number at least the body size (${d.fontSize} < ${days.body})`);
    assert.equal(d.line, 'none', `${d.id}: not struck through`);
    assert.equal(d.opacity, 1, `${d.id}: not faded`);
    assert.ok(d.contrast >= 4.5, `${d.id}: contrast ${d.contrast.toFixed(2)} >= 4.5`);
  }
  assert.ok(days.free.every((d) => d.dot), 'every day with places has its dot');
  assert.ok(days.none.every((d) => !d.dot), 'no day without places has a dot');
  assert.match(await driver.findElement(byTestId('calendar-legend')).getText(), /posti liberi/);
  const overflow = await driver.executeScript('return document.documentElement.scrollWidth - document.documentElement.clientWidth');
  assert.ok(overflow <= 0, `no horizontal overflow (${overflow} px)`);
  await screenshot(driver, SUITE, '04-calendar');
  await assertAxeClean(driver, 'offer with the calendar on a phone');
});
