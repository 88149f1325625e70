// Test harness: starts tauri-driver, opens the real app window over WebDriver, takes
// screenshots and runs axe-core inside the webview.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Builder, By, WebElement, until } from 'selenium-webdriver';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const APP = process.env.CUP_APP_BINARY;
const DRIVER = process.env.CUP_TAURI_DRIVER;
const SHOTS = process.env.CUP_SCREENSHOTS ?? path.resolve('target/e2e-screenshots');
const LOGS = process.env.CUP_E2E_LOGS ?? path.resolve('target/e2e-logs');
const SERVER = process.env.CUP_SERVER_BINARY ?? path.join(path.dirname(APP ?? ''), 'cup-server');
let launches = 0;

// The app keeps each step's main action in a bar stuck to the bottom of the window. WebDriver
// scrolls an element only when it is outside the window, so a control the bar covers (a
// checkbox just above it) would take the bar's click. A citizen moves the page a little first:
// so does every click of these tests, bringing the element to the middle of the window.
/**
 * In-page source of `(el) => bottom`: how far down the window `el` can be seen, i.e. the top of
 * the app's bar stuck to the bottom (unless `el` is in that bar), else the window's height.
 */
export const VISIBLE_BOTTOM_JS = `(el) => {
  const bar = [...document.querySelectorAll('.cup-sticky-actions')].find((b) => !b.contains(el));
  return bar ? Math.min(window.innerHeight, bar.getBoundingClientRect().top) : window.innerHeight;
}`;

const plainClick = WebElement.prototype.click;
WebElement.prototype.click = async function clickInView() {
  await this.getDriver().executeScript(
    `const el = arguments[0];
     const r = el.getBoundingClientRect();
     if (r.top < 0 || r.bottom > (${VISIBLE_BOTTOM_JS})(el)) el.scrollIntoView({ block: 'center' });`,
    this,
  );
  return plainClick.call(this);
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForStatus(port, child, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('tauri-driver did not start in time');
}

/**
 * Starts tauri-driver and the app; returns { driver, stop, started, driverPid, profile }.
 * `env` is passed to the app (tauri-driver -> WebKitWebDriver -> app inherit it). Each launch
 * gets its own XDG data, config and cache folders (the embedded demo database, the remembered
 * language and accessibility settings), so test files do not see each other's bookings.
 * `prepare(profile, xdg)`, if given, runs once those folders exist and before the app starts
 * (e.g. to install a desktop file and mimeapps.list that xdg-open will read).
 */
export async function launchApp({ env = {}, prepare } = {}) {
  if (!APP || !DRIVER) throw new Error('CUP_APP_BINARY and CUP_TAURI_DRIVER must be set (scripts/e2e.sh does it)');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'cup-e2e-app-'));
  const xdg = {
    XDG_DATA_HOME: path.join(profile, 'data'),
    XDG_CONFIG_HOME: path.join(profile, 'config'),
    XDG_CACHE_HOME: path.join(profile, 'cache'),
  };
  for (const dir of Object.values(xdg)) mkdirSync(dir, { recursive: true });
  if (prepare !== undefined) await prepare(profile, xdg);
  // tauri-driver, WebKitWebDriver, the app and WebKit write to a log file, never to the test
  // runner's pipes: a process that outlived its test would otherwise keep the runner waiting.
  mkdirSync(LOGS, { recursive: true });
  launches += 1;
  const logPath = path.join(LOGS, `${path.basename(process.argv[1] ?? 'app', '.test.mjs')}-${launches}.log`);
  // tauri-driver and the WebKitWebDriver it starts each need a free port. A port found free
  // can be taken again before the driver binds it (by the other driver, or by a process of an
  // earlier test file), and then the driver never answers: such a start is given up after its
  // timeout and tried again on two fresh ports, up to three times, each try logged.
  let child;
  let port;
  const failures = [];
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    port = await freePort();
    let nativePort = await freePort();
    while (nativePort === port) nativePort = await freePort();
    const log = openSync(logPath, attempt === 1 ? 'w' : 'a');
    writeFileSync(log, `--- launch try ${attempt}: tauri-driver --port ${port} --native-port ${nativePort}\n`);
    child = spawn(DRIVER, ['--port', String(port), '--native-port', String(nativePort)], {
      env: { ...process.env, ...xdg, ...env },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    try {
      await waitForStatus(port, child);
      break;
    } catch (error) {
      failures.push(`try ${attempt}: ${error.message}`);
      child.kill('SIGKILL');
      for (const pid of descendants(child.pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      if (attempt === 3) {
        const tail = readFileSync(logPath, 'utf8').split('\n').slice(-40).join('\n');
        throw new Error(`${failures.join('; ')} (log: ${logPath})\n${tail}`);
      }
      console.warn(`tauri-driver start ${failures.at(-1)}; trying again on fresh ports`);
    }
  }
  const started = Date.now();
  const driver = await new Builder()
    .usingServer(`http://127.0.0.1:${port}/`)
    .withCapabilities({ browserName: 'wry', 'tauri:options': { application: APP } })
    .build();
  const stop = async () => {
    // Every process below tauri-driver: WebKitWebDriver, the app, its WebKit processes.
    const pids = descendants(child.pid);
    const alive = () => pids.filter((pid) => existsSync(`/proc/${pid}/status`) && rssKb(pid) > 0);
    try {
      await driver.quit();
    } finally {
      child.kill('SIGTERM');
      // Wait (a little) for the app and WebKit to go, then make sure they are gone, before
      // removing their folders.
      const deadline = Date.now() + 5000;
      while (alive().length > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      for (const pid of [child.pid, ...alive()]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      } catch (error) {
        console.warn(`could not remove ${profile}: ${error.message}`);
      }
    }
  };
  return { driver, stop, started, driverPid: child.pid, profile };
}

/** Parent pid and command name of every process, from /proc. */
function processTable() {
  const table = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      table.push({ pid: Number(entry), ppid: Number(fields[1]), startTicks: Number(fields[19]), cmdline });
    } catch {
      // the process ended meanwhile
    }
  }
  return table;
}

/**
 * The app's processes, found under tauri-driver: the app (cup-toscana) and its WebKit web and
 * network processes. Each as { pid, cmdline, startTicks }.
 */
export function appProcesses(driverPid) {
  const table = processTable();
  const below = descendantSet(table, driverPid);
  const mine = table.filter((p) => below.has(p.pid) && p.pid !== driverPid);
  const find = (re) => mine.filter((p) => re.test(p.cmdline));
  return {
    app: find(/cup-toscana/).filter((p) => !/WebKit/.test(p.cmdline))[0] ?? null,
    web: find(/WebKitWebProcess/),
    network: find(/WebKitNetworkProcess/),
  };
}

/** The pids of every process below `pid` (not `pid` itself). */
function descendants(pid) {
  return [...descendantSet(processTable(), pid)].filter((p) => p !== pid);
}

function descendantSet(table, root) {
  const below = new Set([root]);
  let grown = true;
  while (grown) {
    grown = false;
    for (const p of table) {
      if (below.has(p.ppid) && !below.has(p.pid)) {
        below.add(p.pid);
        grown = true;
      }
    }
  }
  return below;
}

/** VmRSS of a process in kB (0 when it is gone). */
export function rssKb(pid) {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** How long ago the process started, in ms (10 ms resolution: /proc clock ticks). */
export function processAgeMs(process) {
  const uptimeS = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  const ticksPerS = 100; // USER_HZ on Linux
  return Math.round((uptimeS - process.startTicks / ticksPerS) * 1000);
}

/** Prints the RSS of the app and its WebKit processes; returns the figures in MB. */
export function reportMemory(driverPid, label) {
  const { app, web, network } = appProcesses(driverPid);
  const mb = (kb) => Math.round(kb / 102.4) / 10;
  const appKb = app === null ? 0 : rssKb(app.pid);
  const webKb = web.reduce((sum, p) => sum + rssKb(p.pid), 0);
  const netKb = network.reduce((sum, p) => sum + rssKb(p.pid), 0);
  const figures = { app: mb(appKb), web: mb(webKb), network: mb(netKb), total: mb(appKb + webKb + netKb) };
  console.log(
    `memory ${label}: cup-toscana ${figures.app} MB + WebKitWebProcess ${figures.web} MB (${web.length}) + ` +
      `WebKitNetworkProcess ${figures.network} MB (${network.length}) = ${figures.total} MB RSS`,
  );
  return figures;
}

/** The environment the app process runs with (to check that `env` reached it). */
export function appEnvironment(driverPid) {
  const { app } = appProcesses(driverPid);
  if (app === null) return {};
  const pairs = readFileSync(`/proc/${app.pid}/environ`, 'utf8').split('\0').filter(Boolean);
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

/** Reads an attribute of the document's root element. */
export async function rootAttribute(driver, name) {
  return driver.executeScript('return document.documentElement.getAttribute(arguments[0])', name);
}

export async function waitForTestId(driver, testId, timeoutMs = 15000) {
  const element = await driver.wait(until.elementLocated(By.css(`[data-testid="${testId}"]`)), timeoutMs);
  await driver.wait(until.elementIsVisible(element), timeoutMs);
  return element;
}

export function byTestId(testId) {
  return By.css(`[data-testid="${testId}"]`);
}

/** Writes a PNG of the window under the screenshots folder, named `<suite>/<step>.png`. */
export async function screenshot(driver, suite, step) {
  const dir = path.join(SHOTS, suite);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${step}.png`);
  // Let the engine paint the latest state first (a snapshot can otherwise show the frame
  // before the last change).
  await driver.executeAsyncScript(
    'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));',
  );
  writeFileSync(file, Buffer.from(await driver.takeScreenshot(), 'base64'));
  return file;
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousA11yViolations(driver) {
  await driver.executeScript(AXE_SOURCE);
  const result = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    window.axe.run(document, { resultTypes: ['violations'] })
      .then((r) => done(JSON.stringify(r.violations)))
      .catch((e) => done(JSON.stringify([{ id: 'axe-error', impact: 'critical', description: String(e), nodes: [] }])));
  `);
  const violations = JSON.parse(result);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, description: v.description, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Asserts that axe-core finds no serious or critical violation on the current screen. */
export async function assertAxeClean(driver, step) {
  const violations = await seriousA11yViolations(driver);
  if (violations.length > 0) {
    throw new Error(`axe-core violations on ${step}: ${JSON.stringify(violations, null, 2)}`);
  }
}

/** Replaces an input's value by typing (so React sees real input events). */
export async function typeInto(driver, testId, value) {
  const input = await waitForTestId(driver, testId);
  await driver.executeScript('arguments[0].focus(); arguments[0].select();', input);
  await input.sendKeys(value);
  const typed = await input.getAttribute('value');
  if (typed !== value) throw new Error(`${testId} holds "${typed}", not "${value}"`);
  return input;
}

/** From the home screen: PRENOTA, the three factors, the consent, "Avanti"; waits for the prescription. */
export async function loginWith(driver, citizen) {
  await waitForTestId(driver, 'action-book');
  await driver.findElement(byTestId('action-book')).click();
  await waitForTestId(driver, 'access-cf');
  await typeInto(driver, 'access-cf', citizen.cf);
  await typeInto(driver, 'access-tessera', citizen.tessera);
  await typeInto(driver, 'access-nre', citizen.nre);
  await driver.findElement(byTestId('access-consent')).click();
  await driver.findElement(byTestId('access-submit')).click();
  return waitForTestId(driver, 'screen-prescription', 20000);
}

/** The test id of the focused element (or null). */
export async function activeTestId(driver) {
  return driver.executeScript('return document.activeElement && document.activeElement.dataset.testid || null');
}

/**
 * Demo citizens from the generator itself (`cup-server demo-citizens --json`), never copied
 * identifiers: the showcase by case key, or with `bookableFor` the other generated citizens
 * with a bookable line for that service (catalogue code or description). Each is
 * { case, given_name, family_name, codice_fiscale, tessera, nre, line, service_code, zone_id, zone,
 * cf } (cf: the codice fiscale again, as loginWith takes it).
 */
export function demoCitizens({ bookableFor } = {}) {
  const args = ['demo-citizens', '--json'];
  if (bookableFor) args.push('--bookable-for', bookableFor);
  const list = JSON.parse(execFileSync(SERVER, args, { encoding: 'utf8' }));
  return list.map((c) => ({ ...c, cf: c.codice_fiscale }));
}

/**
 * Starts a standalone cup-server (the `small` demo region on a fresh SQLite file, any free
 * port) for tests that need a backend they can stop or reach over HTTP themselves; returns
 * { base, stop }. Its log goes to a file (never to the runner's pipes).
 */
export async function startServer() {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'cup-e2e-server-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  mkdirSync(LOGS, { recursive: true });
  launches += 1;
  const logPath = path.join(LOGS, `${path.basename(process.argv[1] ?? 'server', '.test.mjs')}-server-${launches}.log`);
  const log = openSync(logPath, 'w');
  const server = spawn(
    SERVER,
    ['--database', `sqlite://${workDir}/cup.db`, '--listen', `127.0.0.1:${port}`, '--demo-profile', 'small'],
    { stdio: ['ignore', log, log] },
  );
  closeSync(log);
  const deadline = Date.now() + 60000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`cup-server exited with ${server.exitCode} (log: ${logPath})`);
    try {
      const response = await fetch(`${base}/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      server.kill('SIGKILL');
      throw new Error(`cup-server did not start in time (log: ${logPath})`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const exited = new Promise((resolve) => {
      if (server.exitCode !== null || server.signalCode !== null) resolve();
      else server.once('exit', resolve);
    });
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    rmSync(workDir, { recursive: true, force: true });
  };
  return { base, stop };
}

/**
 * After a day is chosen on the offer: its sites, each with "Scegli", or — when a single site
 * has places that day — that site chosen for the citizen, with its times at once. Clicks the
 * first site when there are several (after `beforeChoosing`, if given) and returns its test id;
 * returns null for a single site.
 */
export async function chooseFirstSite(driver, { beforeChoosing } = {}) {
  const revealed = await driver.wait(
    async () => (await driver.findElements(By.css('[data-testid^="site-"], [data-testid="single-site"]')))[0],
    15000,
    'the sites of the day (or its single site)',
  );
  const testId = await revealed.getAttribute('data-testid');
  if (testId === 'single-site') return null;
  if (beforeChoosing !== undefined) await beforeChoosing();
  await revealed.click();
  return testId;
}

/**
 * On a narrow window (below 768 CSS px: a phone, or 200 % page zoom) the accessibility tools
 * sit behind the header's "Accessibilità" button: opens them, as a citizen would. Nothing to
 * do when they are shown already.
 */
export async function showA11yTools(driver) {
  const toggles = await driver.findElements(byTestId('header-a11y-toggle'));
  if (toggles.length === 0 || !(await toggles[0].isDisplayed())) return;
  // Through the DOM: under the webview's page zoom WebDriver's pointer misses (see
  // combined-reflow.test.mjs).
  if ((await toggles[0].getAttribute('aria-expanded')) !== 'true') await driver.executeScript('arguments[0].click()', toggles[0]);
}
