// Two more booking cases in the real app window, on the embedded demo backend:
// - a prescription with three radiology exams booked through ONE combined offer (ELENA
//   MARTINI, multi_radiology): three holds, three confirmations, three CUP numbers;
// - the whole flow with the text at 200% (WCAG 1.4.4) and then also the page zoomed to 200%
//   (WCAG 1.4.10 reflow: 1280 px at 200% zoom leaves 640 CSS px): every screen reflows with no
//   horizontal scrolling and stays free of serious axe-core violations.
// Screenshots go under target/e2e-screenshots/combined-reflow/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import { assertAxeClean, byTestId, launchApp, loginWith, rootAttribute, screenshot, showA11yTools, waitForTestId } from './lib/app.mjs';

const MULTI = { cf: 'MRTLNE72H61G713B', tessera: '80380000001234560032', nre: '0900A1123456703' };
const DIAGNOSTIC = { cf: 'GROMRC58S03G999G', tessera: '80380000001234560024', nre: '0900A1123456702' };
const EXEMPT = { cf: 'RCCGPP50L04E715W', tessera: '80380000001234560081', nre: '0900A1123456708' };
const SUITE = 'combined-reflow';

let app;
before(async () => {
  app = await launchApp();
  await waitForTestId(app.driver, 'home-title', 20000);
  await app.driver.manage().window().setRect({ width: 1280, height: 800 });
});
after(async () => {
  await app?.stop();
});

test('three exams on one prescription are booked through one combined offer', async () => {
  const { driver } = app;
  await loginWith(driver, MULTI);
  const lines = await driver.findElements(By.css('[data-testid^="prescription-line-"][data-bookable="true"]'));
  assert.equal(lines.length, 3, 'three bookable radiology exams');
  await screenshot(driver, SUITE, '01-prescription');

  await driver.findElement(byTestId('combined-search')).click();
  const option = await waitForTestId(driver, 'combined-1', 20000);
  const offered = await option.findElements(By.css('li'));
  assert.equal(offered.length, 3, 'the first combination places all three exams');
  await screenshot(driver, SUITE, '02-combined-offer');
  await assertAxeClean(driver, 'combined offer');
  await driver.findElement(byTestId('combined-choose-1')).click();

  const cupNumbers = [];
  for (let i = 1; i <= 3; i += 1) {
    await waitForTestId(driver, 'hold-countdown', 20000);
    assert.match(await driver.findElement(byTestId('hold-reserved')).getText(), /RISERVATO/);
    await screenshot(driver, SUITE, `03-summary-${i}`);
    await driver.findElement(byTestId('summary-confirm')).click();
    const number = await waitForTestId(driver, 'success-cup-number', 20000);
    // Wait for this confirmation's own number (the success screen is re-rendered per exam).
    await driver.wait(async () => !cupNumbers.includes(await number.getText()), 10000, `a new CUP number for exam ${i}`);
    cupNumbers.push(await number.getText());
    assert.match(await driver.findElement(byTestId('success-status')).getText(), /PRENOTATO/);
    await screenshot(driver, SUITE, `04-success-${i}`);
    if (i < 3) {
      const next = await driver.findElement(byTestId('success-next'));
      assert.match(await next.getText(), /\S/, 'the next exam is named');
      await next.click();
    } else {
      assert.equal((await driver.findElements(byTestId('success-next'))).length, 0, 'nothing left to book');
    }
  }
  assert.equal(new Set(cupNumbers).size, 3, `three distinct CUP numbers: ${cupNumbers.join(', ')}`);
  for (const n of cupNumbers) assert.match(n, /^\d{12}$/);
  await assertAxeClean(driver, 'success of the last exam');
  await driver.findElement(byTestId('success-home')).click();
  await waitForTestId(driver, 'home-title');
});

async function overflow(driver) {
  return driver.executeScript(`
    const d = document.documentElement;
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > d.clientWidth + 1)
      .slice(0, 3)
      .map((e) => e.tagName + (e.dataset.testid ? '[' + e.dataset.testid + ']' : '') + '.' + e.className);
    return { scrollWidth: d.scrollWidth, clientWidth: d.clientWidth, wide };
  `);
}

async function assertReflows(driver, step) {
  await screenshot(driver, SUITE, step);
  const m = await overflow(driver);
  assert.ok(m.scrollWidth <= m.clientWidth, `${step}: horizontal scrolling (${JSON.stringify(m)})`);
}

/**
 * Clicks through the DOM: under the webview's page zoom WebKitWebDriver's pointer coordinates
 * do not match the zoomed page (a person's click is hit-tested by the engine and works), so the
 * zoomed run clicks and types through the DOM, without pointer coordinates.
 */
async function tap(driver, testId) {
  if (testId.startsWith('a11y-')) await showA11yTools(driver);
  const element = await waitForTestId(driver, testId, 20000);
  await driver.executeScript('arguments[0].scrollIntoView({ block: "center" }); arguments[0].click();', element);
}

async function typeByKeyboard(driver, testId, value) {
  const input = await waitForTestId(driver, testId);
  await driver.executeScript('arguments[0].focus(); arguments[0].select();', input);
  await driver.actions().sendKeys(value).perform();
  assert.equal(await input.getAttribute('value'), value, `${testId} holds what was typed`);
}

async function clickUntil(driver, testId, done, max = 10) {
  for (let i = 0; i < max && !(await done()); i += 1) {
    await tap(driver, testId);
  }
  assert.ok(await done(), `${testId} reached its target`);
}

for (const [label, zoom, citizen] of [
  ['text 200%', false, DIAGNOSTIC],
  ['text 200% and zoom 200%', true, EXEMPT],
]) {
  test(`the whole booking reflows with ${label} at 1280x800`, async () => {
    const { driver } = app;
    await waitForTestId(driver, 'home-title');
    const fontScale = () => driver.executeScript("return getComputedStyle(document.documentElement).getPropertyValue('--cup-font-scale').trim()");
    const pageZoom = () => driver.executeScript("return String(JSON.parse(localStorage.getItem('cup.a11y') ?? '{}').zoom / 100)");
    await clickUntil(driver, 'a11y-text-larger', async () => (await fontScale()) === '2');
    if (zoom) {
      await clickUntil(driver, 'a11y-zoom-in', async () => (await pageZoom()) === '2');
      // The webview's own page zoom: the layout viewport is half as wide (640 CSS px).
      await driver.wait(async () => (await driver.executeScript('return window.innerWidth')) <= 660, 5000, 'the viewport shrinks to 640 CSS px');
      assert.equal(await driver.executeScript("return getComputedStyle(document.documentElement).getPropertyValue('--cup-zoom').trim()"), '1', 'no CSS zoom on top');
    }
    const tag = zoom ? 'zoom' : 'text';
    await assertReflows(driver, `10-${tag}-home`);

    await tap(driver, 'action-book');
    await typeByKeyboard(driver, 'access-cf', citizen.cf);
    await typeByKeyboard(driver, 'access-tessera', citizen.tessera);
    await typeByKeyboard(driver, 'access-nre', citizen.nre);
    await tap(driver, 'access-consent');
    await assertReflows(driver, `11-${tag}-access`);
    await tap(driver, 'access-submit');
    await waitForTestId(driver, 'screen-prescription', 20000);
    await assertReflows(driver, `12-${tag}-prescription`);
    await assertAxeClean(driver, `prescription with ${label}`);
    await tap(driver, 'prescription-next');
    await waitForTestId(driver, 'offer-first-1', 20000);
    await waitForTestId(driver, 'calendar');
    await assertReflows(driver, `13-${tag}-offer`);
    await assertAxeClean(driver, `offer with ${label}`);
    await tap(driver, 'offer-first-1');
    await waitForTestId(driver, 'hold-countdown', 20000);
    await assertReflows(driver, `14-${tag}-summary`);
    await assertAxeClean(driver, `summary with ${label}`);
    await tap(driver, 'summary-confirm');
    await waitForTestId(driver, 'success-cup-number', 20000);
    await assertReflows(driver, `15-${tag}-success`);
    await tap(driver, 'success-home');
    await waitForTestId(driver, 'home-title');

    // Back to normal: the reset buttons restore the defaults (and they are remembered).
    await tap(driver, 'a11y-text-reset');
    if (zoom) await clickUntil(driver, 'a11y-zoom-out', async () => (await pageZoom()) === '1');
    assert.equal(await fontScale(), '1');
    assert.notEqual(await rootAttribute(driver, 'data-contrast'), 'high');
  });
}
