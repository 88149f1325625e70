// Smoke test of the real app: the built binary opens its window under Xvfb and shows the
// Italian start page of the seed, with no serious accessibility violation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appProcesses, byTestId, launchApp, processAgeMs, reportMemory, screenshot, seriousA11yViolations, waitForTestId } from './lib/app.mjs';

let app;
before(async () => {
  app = await launchApp();
});
after(async () => {
  await app?.stop();
});

test('the window shows the start page in Italian', async () => {
  const { driver } = app;
  const title = await waitForTestId(driver, 'home-title');
  const sinceSession = Date.now() - app.started;
  const { app: appProcess } = appProcesses(app.driverPid);
  assert.ok(appProcess, 'the cup-toscana process is found under tauri-driver');
  const sinceProcess = processAgeMs(appProcess);
  console.log(`cold start to first screen: ${sinceSession} ms from WebDriver session start; ${sinceProcess} ms from the app process start`);
  reportMemory(app.driverPid, 'at the first screen (debug build, before axe-core)');
  assert.match(await title.getText(), /CUP ONLINE/);
  assert.equal(await driver.executeScript('return document.documentElement.lang'), 'it');
  const labels = [];
  for (const id of ['action-book', 'action-manage', 'action-privacy']) {
    labels.push((await driver.findElement(byTestId(id)).getText()).toUpperCase());
  }
  assert.match(labels[0], /PRENOTA VISITE O ESAMI/);
  assert.match(labels[1], /GESTISCI I TUOI APPUNTAMENTI/);
  assert.match(labels[2], /LEGGI L.INFORMATIVA/);
  assert.ok(await driver.findElement(byTestId('demo-badge')).isDisplayed(), 'the demo badge is shown on the embedded backend');
  await screenshot(driver, 'smoke', '01-home');
});

test('the start page has no serious or critical axe-core violation', async () => {
  const violations = await seriousA11yViolations(app.driver);
  assert.deepEqual(violations, []);
});

test('the app runs its own strict CSP and no remote resource', async () => {
  const { driver } = app;
  const remote = await driver.executeScript(`
    return performance.getEntriesByType('resource')
      .map((e) => e.name)
      .filter((u) => /^https?:/.test(u) && !/^https?:\\/\\/(ipc\\.localhost|tauri\\.localhost)/.test(u));
  `);
  assert.deepEqual(remote, []);
  // An inline script must be refused by the CSP.
  const ran = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    window.__inlineRan = false;
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.appendChild(s);
    setTimeout(() => done(window.__inlineRan), 200);
  `);
  assert.equal(ran, false, 'an inline script ran: the CSP is not in force');
});

test('English can be chosen and the toolbar turns on high contrast', async () => {
  const { driver } = app;
  await driver.findElement(byTestId('lang-en')).click();
  await driver.wait(async () => (await driver.executeScript('return document.documentElement.lang')) === 'en', 5000);
  const bookLabel = (await driver.findElement(byTestId('action-book')).getText()).toUpperCase();
  assert.match(bookLabel, /BOOK/);
  await screenshot(driver, 'smoke', '02-home-en');
  await driver.findElement(byTestId('a11y-contrast')).click();
  const contrast = await driver.executeScript('return document.documentElement.dataset.contrast');
  assert.equal(contrast, 'high');
  await screenshot(driver, 'smoke', '03-home-high-contrast');
  assert.deepEqual(await seriousA11yViolations(driver), []);
  await driver.findElement(byTestId('lang-it')).click();
});
