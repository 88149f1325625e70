// A demo visit booked as a citizen would, in the real app window at 360x740 (a phone) and at
// 1280x800, counting what it costs: clicks, keystrokes and scroll gestures. Each step opens from
// its top; its main action must be in view there without scrolling (100 % text), and on the
// summary the hold's countdown is beside "Sì, prenoto!" wherever the page is scrolled. Leaving a
// held slot asks first: "No, resta" keeps it, "Sì, lascia" gives it back (it is offered again).
// Also reported: the time from the app's process start to the fully drawn home screen.
// Screenshots under target/e2e-screenshots/phone/.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Key } from 'selenium-webdriver';
import { VISIBLE_BOTTOM_JS, appProcesses, assertAxeClean, byTestId, demoCitizens, launchApp, processAgeMs, screenshot, waitForTestId } from './lib/app.mjs';

// The README's showcase visit; each test opens the app anew, on a fresh demo database.
const GIULIA = demoCitizens().find((c) => c.case === 'visit_p');

// CUP_E2E_MEASURE_ONLY=1: count the booking's cost on any version of the UI (e.g. an older
// one, for a before/after figure) without asserting what it lacks.
const MEASURE_ONLY = process.env.CUP_E2E_MEASURE_ONLY === '1';

let app;
after(async () => {
  await app?.stop();
});

/** Where an element is, against the window: fully in view or not. */
async function placement(driver, testId) {
  return driver.executeScript(
    `const el = document.querySelector('[data-testid="' + arguments[0] + '"]');
     if (!el) return null;
     const r = el.getBoundingClientRect();
     // Under the bar stuck to the bottom of the window is not in view.
     const limit = (${VISIBLE_BOTTOM_JS})(el);
     return { top: r.top, bottom: r.bottom, height: limit, scrollY: window.scrollY,
              inView: r.top >= 0 && r.bottom <= limit && r.height > 0 };`,
    testId,
  );
}

/** Counts what the citizen does; a target out of view costs the scroll gestures to reach it. */
function counter(driver) {
  const counts = { clicks: 0, keystrokes: 0, scrolls: 0, outOfView: [] };
  const reach = async (testId) => {
    const where = await placement(driver, testId);
    assert.ok(where !== null, `${testId} is on screen`);
    if (!where.inView) {
      // One gesture moves about two thirds of the window.
      const distance = where.bottom > where.height ? where.bottom - where.height : -where.top;
      counts.scrolls += Math.max(1, Math.ceil(Math.abs(distance) / (where.height * 0.66)));
      counts.outOfView.push(testId);
      await driver.executeScript(
        'document.querySelector(\'[data-testid="\' + arguments[0] + \'"]\').scrollIntoView({ block: "center" })',
        testId,
      );
    }
    return where;
  };
  return {
    counts,
    async click(testId, { timeout = 20000 } = {}) {
      const element = await waitForTestId(driver, testId, timeout);
      await reach(testId);
      await element.click();
      counts.clicks += 1;
    },
    /**
     * Types into a field: tapped (a click) or, with `tab`, reached from the previous field with
     * the keyboard's Tab / "next" key (a keystroke; the window follows the focus by itself).
     */
    async type(testId, value, { tab = false } = {}) {
      const input = await waitForTestId(driver, testId);
      if (tab) {
        await this.tab(testId);
      } else {
        await reach(testId);
        await input.click();
        counts.clicks += 1;
      }
      await driver.executeScript('arguments[0].select();', input);
      await input.sendKeys(value);
      counts.keystrokes += value.length;
      assert.equal(await input.getAttribute('value'), value);
    },
    /** Counts a click on `testId` (reaching it first) without making it: e.g. a download. */
    async wouldClick(testId) {
      await waitForTestId(driver, testId, 20000);
      await reach(testId);
      counts.clicks += 1;
    },
    /** Tab to the next control, which must be `testId`. */
    async tab(testId) {
      await driver.switchTo().activeElement().sendKeys(Key.TAB);
      counts.keystrokes += 1;
      assert.equal(await driver.executeScript('return document.activeElement.dataset.testid'), testId, `Tab reaches ${testId}`);
    },
    /** Space on the focused control (a checkbox). */
    async space() {
      await driver.switchTo().activeElement().sendKeys(Key.SPACE);
      counts.keystrokes += 1;
    },
    /** The step's main action, asserted in view as the step opens (no scroll). */
    async mainAction(testId) {
      await waitForTestId(driver, testId, 20000);
      const where = await placement(driver, testId);
      if (MEASURE_ONLY) return;
      assert.ok(where.inView, `${testId} is in view as its step opens at 100 % text: ${JSON.stringify(where)}`);
    },
  };
}

async function setSize(driver, width, height) {
  await driver.manage().window().setRect({ width, height });
  await driver.wait(
    async () => Math.abs((await driver.executeScript('return window.innerWidth')) - width) <= 16,
    5000,
    `the viewport is about ${width} px wide`,
  );
}

/** Opens the app; reports the time from its process start to the fully drawn home screen. */
async function open(width, height, label) {
  app = await launchApp();
  const { driver } = app;
  await waitForTestId(driver, 'home-title', 20000);
  // Fully drawn: the home's title and actions in place, nothing still loading, the fonts
  // loaded; timed inside the page (a poll every 10 ms), then put on the process's clock (an
  // upper bound: the page is first looked at once its title is found).
  const seen = await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
    const drawn = () => document.querySelector('[data-testid="home-title"]') !== null
      && document.querySelector('[data-testid="action-privacy"]') !== null
      && document.querySelector('.cup-loading') === null
      && document.fonts.status === 'loaded';
    const poll = () => (drawn() ? done({ at: performance.now(), now: performance.now() }) : setTimeout(poll, 10));
    poll();`);
  const since = await driver.executeScript('return performance.now()');
  const process = appProcesses(app.driverPid).app;
  assert.ok(process, 'the app process is found');
  const drawnMs = processAgeMs(process) - Math.round(since - seen.at);
  console.log(`${label}: home fully drawn ${drawnMs} ms after the app process started (debug build)`);
  await setSize(driver, width, height);
  return driver;
}

async function book(width, height) {
  const label = `${width}x${height}`;
  const driver = await open(width, height, label);
  const user = counter(driver);
  await user.mainAction('action-book');
  await user.click('action-book');

  await waitForTestId(driver, 'access-cf');
  await screenshot(driver, 'phone', `${label}-01-access`);
  await user.mainAction('access-cf');
  await user.mainAction('access-submit');
  await user.type('access-cf', GIULIA.cf);
  await user.type('access-tessera', GIULIA.tessera, { tab: true });
  await user.type('access-nre', GIULIA.nre, { tab: true });
  await user.tab('access-consent');
  await user.space();
  await screenshot(driver, 'phone', `${label}-01-access-filled`);
  await user.click('access-submit');

  await waitForTestId(driver, 'prescription-next', 20000);
  await screenshot(driver, 'phone', `${label}-02-prescription`);
  await user.mainAction('prescription-next');
  await user.click('prescription-next');

  await waitForTestId(driver, 'offer-first-1', 20000);
  await screenshot(driver, 'phone', `${label}-03-offer`);
  await user.mainAction('offer-first-1');
  await user.click('offer-first-1');

  await waitForTestId(driver, 'summary-confirm', 20000);
  await screenshot(driver, 'phone', `${label}-04-summary-top`);
  await user.mainAction('summary-confirm');
  if (MEASURE_ONLY) {
    await user.click('summary-confirm');
    await waitForTestId(driver, 'success-cup-number', 20000);
    await user.wouldClick('doc-promemoria');
    console.log(`booking at ${label} (measure only): ${JSON.stringify(user.counts)}`);
    await app.stop();
    app = undefined;
    return { ...user.counts, scrolls: 0 };
  }
  const countdown = await placement(driver, 'hold-countdown');
  assert.ok(countdown.inView, `the countdown is in view on the summary: ${JSON.stringify(countdown)}`);
  await screenshot(driver, 'phone', `${label}-04-summary`);
  await assertAxeClean(driver, `summary at ${label}`);
  // Halfway down the summary the countdown and "Sì, prenoto!" are still in view.
  await driver.executeScript('window.scrollTo(0, (document.documentElement.scrollHeight - window.innerHeight) / 2)');
  for (const id of ['hold-countdown', 'summary-confirm']) {
    const where = await placement(driver, id);
    assert.ok(where.inView, `${id} stays in view while the summary scrolls: ${JSON.stringify(where)}`);
  }
  await driver.executeScript('window.scrollTo(0, 0)');

  // Leaving asks first; "No, resta" keeps the hold and the summary.
  if (width < 768) await user.click('header-menu-toggle');
  await user.click('nav-home');
  await waitForTestId(driver, 'leave-dialog');
  assert.equal(await driver.executeScript('return document.activeElement.dataset.testid'), 'leave-stay', 'the safe answer has the focus');
  await screenshot(driver, 'phone', `${label}-05-leave-question`);
  await assertAxeClean(driver, `leave question at ${label}`);
  await user.click('leave-stay');
  await driver.wait(async () => (await driver.findElements(byTestId('leave-dialog'))).length === 0, 5000, 'the question closes');
  assert.equal((await driver.findElements(byTestId('screen-summary'))).length, 1, 'still on the summary');

  await user.click('summary-confirm');
  await waitForTestId(driver, 'success-cup-number', 20000);
  await screenshot(driver, 'phone', `${label}-06-success`);
  await user.mainAction('doc-promemoria');
  await user.wouldClick('doc-promemoria');
  // The leave test's own clicks are not part of the booking's cost.
  const { clicks, keystrokes, scrolls, outOfView } = user.counts;
  const booking = { clicks: clicks - (width < 768 ? 3 : 2), keystrokes, scrolls };
  console.log(`booking at ${label}: ${JSON.stringify(booking)} (reached by scrolling: ${JSON.stringify(outOfView)})`);
  await app.stop();
  app = undefined;
  return booking;
}

test('at 360x740 the booking of a demo visit needs no scroll to reach each step main action', async () => {
  const cost = await book(360, 740);
  assert.equal(cost.scrolls, 0, 'no scroll gesture');
});

test('at 1280x800 the same booking needs no scroll either', async () => {
  const cost = await book(1280, 800);
  assert.equal(cost.scrolls, 0, 'no scroll gesture');
});

/** PRENOTA, GIULIA's three factors and the consent, "Avanti" twice: her offer. */
async function toTheOffer(user) {
  await user.click('action-book');
  await user.type('access-cf', GIULIA.cf);
  await user.type('access-tessera', GIULIA.tessera);
  await user.type('access-nre', GIULIA.nre);
  await user.click('access-consent');
  await user.click('access-submit');
  await user.click('prescription-next');
}

test('leaving a held slot asks first; on yes the slot is given back and offered again', { skip: MEASURE_ONLY }, async () => {
  const driver = await open(360, 740, 'leave');
  const user = counter(driver);
  await toTheOffer(user);
  const first = await waitForTestId(driver, 'offer-first-1', 20000);
  const offered = await first.getAttribute('aria-label');
  await user.click('offer-first-1');
  await waitForTestId(driver, 'summary-confirm', 20000);

  await user.click('header-menu-toggle');
  await user.click('nav-home');
  await user.click('leave-confirm');
  await waitForTestId(driver, 'home-title');
  assert.equal((await driver.findElements(byTestId('leave-dialog'))).length, 0);

  // Back to PRENOTA: the same first offer is there again (the hold was given back).
  await toTheOffer(user);
  const again = await waitForTestId(driver, 'offer-first-1', 20000);
  assert.equal(await again.getAttribute('aria-label'), offered, 'the slot left is offered again');
});
