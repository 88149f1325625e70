// The other cases of the booking flow in the real app window, on the embedded demo backend:
// services that cannot be booked online (laboratory -> ZeroCode, priority U -> call the CUP),
// English, high contrast, the four layouts, and a whole booking by keyboard alone. axe-core
// runs on every screen; screenshots go under target/e2e-screenshots/cases/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By, Key } from 'selenium-webdriver';
import {
  activeTestId,
  assertAxeClean,
  byTestId,
  launchApp,
  loginWith,
  rootAttribute,
  screenshot,
  typeInto,
  waitForTestId,
} from './lib/app.mjs';

const LABORATORY = { cf: 'CNTPLA66B08E625V', tessera: '80380000001234560040', nre: '0900A1123456704' };
const URGENT = { cf: 'LMBSRA90P70I726M', tessera: '80380000001234560057', nre: '0900A1123456705' };
const VISIT = { cf: 'BNCGLI85D52D612X', tessera: '80380000001234560016', nre: '0900A1123456701' };

let app;
before(async () => {
  app = await launchApp();
  await waitForTestId(app.driver, 'home-title', 20000);
});
after(async () => {
  await app?.stop();
});

async function goHomeFromPrescription(driver) {
  await driver.findElement(byTestId('prescription-home')).click();
  await waitForTestId(driver, 'home-title');
}

/** The prescription screen offers no way forward to booking. */
async function assertNoWayToBook(driver) {
  for (const css of [
    '[data-testid="prescription-next"]',
    '[data-testid$="-choose"]',
    '[data-testid="combined"]',
    '[data-bookable="true"]',
  ]) {
    assert.equal((await driver.findElements(By.css(css))).length, 0, `nothing matches ${css}`);
  }
  assert.match(
    await driver.findElement(byTestId('prescription-nothing-bookable')).getText(),
    /Nessuna prestazione di questa ricetta si può prenotare qui/,
  );
}

test('laboratory tests: not bookable here, the reason, and ZeroCode as the next step once, with its link', async () => {
  const { driver } = app;
  await loginWith(driver, LABORATORY);
  assert.match(await driver.findElement(By.css('.lead')).getText(), /PAOLO CONTI/);
  const lines = await driver.findElements(By.css('[data-testid^="prescription-line-"][data-bookable]'));
  assert.equal(lines.length, 3, 'three laboratory tests on the prescription');
  for (let i = 0; i < lines.length; i += 1) {
    const line = await driver.findElement(byTestId(`prescription-line-${i}`));
    assert.equal(await line.getAttribute('data-bookable'), 'false');
    assert.match(await line.getText(), /NON PRENOTABILE QUI/i);
    const why = await driver.findElement(byTestId(`prescription-line-${i}-reason`));
    assert.equal(await why.getAttribute('data-reason'), 'laboratory');
    assert.match(await why.getText(), /Esame di laboratorio analisi/);
  }
  // What to do is said once for the three lines, with the link to ZeroCode and its phone.
  const steps = await driver.findElements(By.css('[data-testid^="prescription-next-step-"]'));
  assert.equal(steps.length, 1, 'one "what to do" for the three laboratory lines');
  const step = await driver.findElement(byTestId('prescription-next-step-zerocoda')).getText();
  assert.match(step, /esame di laboratorio analisi: questi esami non si prenotano al CUP online/);
  assert.match(step, /Cosa fare: prenota il prelievo su ZeroCode/);
  assert.match(step, /800 004477/);
  const link = await driver.findElement(byTestId('prescription-zerocode-link'));
  assert.equal(await link.getAttribute('href'), 'https://zerocode.sanita.toscana.it/');
  assert.match(await link.getAttribute('textContent'), /apre un sito esterno/);
  await assertNoWayToBook(driver);
  await screenshot(driver, 'cases', '01-laboratory-prescription');
  await assertAxeClean(driver, 'laboratory prescription');
  await goHomeFromPrescription(driver);
});

test('priority U: not bookable online, the reason and "call the CUP" as the next step', async () => {
  const { driver } = app;
  await loginWith(driver, URGENT);
  assert.match(await driver.findElement(By.css('.lead')).getText(), /SARA LOMBARDI/);
  assert.match(await driver.findElement(byTestId('prescription-priority')).getText(), /\(U\)/);
  const line = await driver.findElement(byTestId('prescription-line-0'));
  assert.equal(await line.getAttribute('data-bookable'), 'false');
  assert.match(await line.getText(), /PRIMA VISITA NEUROLOGICA/);
  const why = await driver.findElement(byTestId('prescription-line-0-reason'));
  assert.equal(await why.getAttribute('data-reason'), 'urgent_priority');
  assert.match(await why.getText(), /Priorità U \(urgente\)/);
  const text = await driver.findElement(byTestId('prescription-next-step-call_cup')).getText();
  assert.match(text, /priorità U \(urgente, da eseguire entro 72 ore\): non si prenota online/);
  assert.match(text, /Cosa fare: chiama subito il CUP al numero verde 800 004477/);
  await assertNoWayToBook(driver);
  await screenshot(driver, 'cases', '02-urgent-prescription');
  await assertAxeClean(driver, 'urgent prescription');
  await goHomeFromPrescription(driver);
});

test('English: the access form and the prescription are in English', async () => {
  const { driver } = app;
  await driver.findElement(byTestId('lang-en')).click();
  await driver.wait(async () => (await rootAttribute(driver, 'lang')) === 'en', 5000, 'the page language becomes en');
  await screenshot(driver, 'cases', '03-en-home');
  await assertAxeClean(driver, 'home in English');
  await driver.findElement(byTestId('action-book')).click();
  await waitForTestId(driver, 'access-cf');
  assert.equal(await driver.findElement(By.css('h1')).getText(), 'Book visits or tests');
  assert.match(await driver.findElement(byTestId('screen-access')).getText(), /Retrieve your prescription by filling in the fields below/);
  assert.match(await driver.findElement(By.css('label[for="access-cf"]')).getText(), /Tax code \(Codice Fiscale\)/);
  assert.equal((await driver.findElement(byTestId('access-submit')).getText()).trim(), 'Next');
  await screenshot(driver, 'cases', '04-en-access');
  await assertAxeClean(driver, 'access in English');

  // A wrong check character is reported in English too.
  await typeInto(driver, 'access-cf', 'CNTPLA66B08E625X');
  await typeInto(driver, 'access-tessera', LABORATORY.tessera);
  await typeInto(driver, 'access-nre', LABORATORY.nre);
  await driver.findElement(byTestId('access-consent')).click();
  await driver.findElement(byTestId('access-submit')).click();
  const error = await waitForTestId(driver, 'field-error-codice_fiscale');
  assert.doesNotMatch(await error.getText(), /codice fiscale non è/i);
  assert.match(await driver.findElement(byTestId('access-error-summary')).getText(), /Some data is not correct/);
  await screenshot(driver, 'cases', '05-en-access-wrong-cf');
  await assertAxeClean(driver, 'access in English with an error');

  await typeInto(driver, 'access-cf', LABORATORY.cf);
  await driver.findElement(byTestId('access-submit')).click();
  await waitForTestId(driver, 'screen-prescription', 20000);
  assert.equal(await driver.findElement(By.css('h1')).getText(), 'Your prescription');
  assert.match(await driver.findElement(byTestId('prescription-line-0')).getText(), /NOT BOOKABLE HERE/);
  const why = await driver.findElement(byTestId('prescription-next-step-zerocoda')).getText();
  assert.match(why, /This is a laboratory test: these tests are not booked through the online CUP/);
  assert.match(why, /What to do: book the blood sample on ZeroCode/);
  assert.match(
    await driver.findElement(byTestId('prescription-nothing-bookable')).getText(),
    /None of the services on this prescription can be booked here/,
  );
  await screenshot(driver, 'cases', '06-en-prescription');
  await assertAxeClean(driver, 'prescription in English');
  await goHomeFromPrescription(driver);
  await driver.findElement(byTestId('lang-it')).click();
  await driver.wait(async () => (await rootAttribute(driver, 'lang')) === 'it', 5000);
});

test('high contrast on the access screen', async () => {
  const { driver } = app;
  await driver.findElement(byTestId('action-book')).click();
  await waitForTestId(driver, 'access-cf');
  const toggle = await driver.findElement(byTestId('a11y-contrast'));
  await toggle.click();
  assert.equal(await rootAttribute(driver, 'data-contrast'), 'high');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await screenshot(driver, 'cases', '07-high-contrast-access');
  await assertAxeClean(driver, 'access in high contrast');
  await toggle.click();
  assert.notEqual(await rootAttribute(driver, 'data-contrast'), 'high');
  await driver.findElement(byTestId('nav-home')).click();
  await waitForTestId(driver, 'home-title');
});

const LAYOUTS = [
  [360, 740],
  [768, 1024],
  [1280, 800],
  [1920, 1080],
];

async function assertNoHorizontalOverflow(driver, what) {
  const m = await driver.executeScript(`
    const d = document.documentElement;
    return { scrollWidth: d.scrollWidth, clientWidth: d.clientWidth, innerWidth: window.innerWidth, innerHeight: window.innerHeight };
  `);
  assert.ok(m.scrollWidth <= m.clientWidth, `${what}: horizontal overflow (${JSON.stringify(m)})`);
  return m;
}

test('home and access screens at 360x740, 768x1024, 1280x800 and 1920x1080 have no horizontal overflow', async () => {
  const { driver } = app;
  const screens = [
    ['home', async () => waitForTestId(driver, 'home-title')],
    [
      'access',
      async () => {
        await driver.findElement(byTestId('action-book')).click();
        await waitForTestId(driver, 'access-cf');
      },
    ],
  ];
  for (const [name, open] of screens) {
    await open();
    for (const [width, height] of LAYOUTS) {
      await driver.manage().window().setRect({ width, height });
      await driver.wait(
        async () => Math.abs((await driver.executeScript('return window.innerWidth')) - width) <= 16,
        5000,
        `the window becomes ${width} px wide`,
      );
      await driver.sleep(150); // let the layout settle
      const m = await assertNoHorizontalOverflow(driver, `${name} at ${width}x${height}`);
      console.log(`layout ${name} ${width}x${height}: viewport ${m.innerWidth}x${m.innerHeight}, scrollWidth ${m.scrollWidth} <= clientWidth ${m.clientWidth}`);
      await screenshot(driver, 'cases', `08-layout-${name}-${width}x${height}`);
    }
    await assertAxeClean(driver, `${name} at 1920x1080`);
  }
  await driver.manage().window().setRect({ width: 1280, height: 800 });
  await driver.findElement(byTestId('nav-home')).click();
  await waitForTestId(driver, 'home-title');
});

/** Presses Tab until the element with this test id has focus. */
async function tabTo(driver, testId, max = 80) {
  for (let i = 0; i < max; i += 1) {
    if ((await activeTestId(driver)) === testId) return;
    await driver.actions().sendKeys(Key.TAB).perform();
  }
  assert.fail(`${testId} not reached with ${max} Tab presses (focus on ${await activeTestId(driver)})`);
}

async function press(driver, ...keys) {
  await driver.actions().sendKeys(...keys).perform();
}

test('a whole booking by keyboard alone (Tab, Space, Enter)', async () => {
  const { driver } = app;
  await waitForTestId(driver, 'home-title');
  await tabTo(driver, 'action-book');
  await press(driver, Key.ENTER);
  await waitForTestId(driver, 'access-cf');

  await tabTo(driver, 'access-cf');
  await press(driver, VISIT.cf);
  await tabTo(driver, 'access-tessera');
  await press(driver, VISIT.tessera);
  await tabTo(driver, 'access-nre');
  await press(driver, VISIT.nre);
  await tabTo(driver, 'access-consent');
  await press(driver, Key.SPACE);
  assert.equal(await driver.findElement(byTestId('access-consent')).isSelected(), true, 'Space ticks the consent');
  for (const [id, value] of [
    ['access-cf', VISIT.cf],
    ['access-tessera', VISIT.tessera],
    ['access-nre', VISIT.nre],
  ]) {
    assert.equal(await driver.findElement(byTestId(id)).getAttribute('value'), value, `${id} typed by keyboard`);
  }
  await screenshot(driver, 'cases', '09-keyboard-access');
  await tabTo(driver, 'access-submit');
  await press(driver, Key.ENTER);

  await waitForTestId(driver, 'screen-prescription', 20000);
  await screenshot(driver, 'cases', '10-keyboard-prescription');
  await tabTo(driver, 'prescription-next');
  await press(driver, Key.ENTER);

  await waitForTestId(driver, 'offer-first-1', 20000);
  await screenshot(driver, 'cases', '11-keyboard-offer');
  await assertAxeClean(driver, 'offer (keyboard run)');
  await tabTo(driver, 'offer-first-1');
  await press(driver, Key.ENTER);

  await waitForTestId(driver, 'hold-countdown', 20000);
  await screenshot(driver, 'cases', '12-keyboard-summary');
  await tabTo(driver, 'summary-confirm');
  await press(driver, Key.ENTER);

  const cupNumber = await waitForTestId(driver, 'success-cup-number', 20000);
  assert.match(await cupNumber.getText(), /^\d{12}$/);
  await screenshot(driver, 'cases', '13-keyboard-success');
  await assertAxeClean(driver, 'success (keyboard run)');
  await tabTo(driver, 'success-home');
  await press(driver, Key.ENTER);
  await waitForTestId(driver, 'home-title');
});
