// Kiosk mode in the real window (issue 7): the app started with a kiosk configuration
// (CUP_KIOSK_CONFIG) on a standalone cup-server, a short idle time (6 s) and countdown (3 s),
// and, when a private CUPS scheduler can run here, a printer whose jobs land in a file.
//
// A citizen books with the barcode scanner filling the NRE; the promemoria is printed and the
// QR code shown; the citizen walks away: "Sei ancora lì?", then the reset. Afterwards the UI
// is at home with the default accessibility settings and language, the backend session is
// revoked (the server's per-channel statistics: a logout on channel kiosk; the app's next
// call: session_expired), and no file under the launch's XDG folders or the kiosk's temporary
// folder holds anything of the citizen. External navigation and new windows are refused;
// "Ho finito" resets at once.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { By, Key } from 'selenium-webdriver';
import {
  activeTestId,
  assertAxeClean,
  byTestId,
  launchApp,
  rootAttribute,
  screenshot,
  startServer,
  typeInto,
  waitForTestId,
} from './lib/app.mjs';

const SUITE = 'kiosk';
const IDLE_SECS = 6;
const COUNTDOWN_SECS = 3;
const OPS_TOKEN = `ops-${process.pid}-${Date.now()}`;
const CITIZEN = {
  cf: 'BNCGLI85D52D612X',
  tessera: '80380000001234560016',
  nre: '0900A1123456701',
  given: 'GIULIA',
  family: 'BIANCHI',
};
// A second citizen for "Ho finito" (card access, GESTISCI).
const SECOND = { cf: 'BRNFNC68T53D403C', tessera: '80380000001234560099', family: 'BARONI', given: 'FRANCESCA' };

let server;
let cups;
let app;
let kioskTmp;
let cupNumber;
let pin;

// ---------------------------------------------------------------------------------------------
// A private CUPS scheduler whose one queue writes each job to a file (a backend of ours), on a
// Unix socket the app reaches through CUPS_SERVER. Configured as a kiosk's CUPS should be:
// no job files or history kept after printing.

function which(program) {
  const found = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

async function startCups() {
  const cupsd = which('cupsd') ?? (existsSync('/usr/sbin/cupsd') ? '/usr/sbin/cupsd' : null);
  if (cupsd === null || which('lp') === null || which('lpadmin') === null) {
    return { skip: 'CUPS is not installed (Debian cups-daemon + cups-client; scripts/setup.sh test installs them)' };
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return { skip: 'a private cupsd needs root here (it runs its backends as the lp user)' };
  }
  let lpUid;
  try {
    lpUid = Number(execFileSync('id', ['-u', 'lp'], { encoding: 'utf8' }).trim());
  } catch {
    return { skip: 'no lp user for the CUPS backends' };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cup-e2e-cups-'));
  chmodSync(dir, 0o755);
  for (const sub of ['spool', 'cache', 'state', 'log', 'tmp', 'ppd', 'out', 'serverbin/backend', 'serverbin/filter']) {
    mkdirSync(path.join(dir, sub), { recursive: true });
  }
  chmodSync(path.join(dir, 'out'), 0o755);
  execFileSync('chown', [String(lpUid), path.join(dir, 'out')]);
  for (const sub of readdirSync('/usr/lib/cups')) {
    if (sub !== 'backend' && sub !== 'filter') {
      spawnSync('ln', ['-s', path.join('/usr/lib/cups', sub), path.join(dir, 'serverbin', sub)]);
    }
  }
  const backend = path.join(dir, 'serverbin/backend/tofile');
  writeFileSync(
    backend,
    [
      '#!/bin/sh',
      '# CUPS backend: writes the job to the file named by the device URI (tofile:/path).',
      'if [ $# -eq 0 ]; then echo \'file tofile "Unknown" "Write to a file"\'; exit 0; fi',
      'out=${DEVICE_URI#tofile:}',
      'if [ $# -ge 6 ]; then cat "$6" > "$out.part"; else cat > "$out.part"; fi && mv "$out.part" "$out"',
      '',
    ].join('\n'),
  );
  chmodSync(backend, 0o755);
  const socket = path.join(dir, 'cups.sock');
  writeFileSync(
    path.join(dir, 'cupsd.conf'),
    [
      `Listen ${socket}`,
      'LogLevel info',
      'WebInterface No',
      'Browsing No',
      'DefaultAuthType None',
      // A kiosk's CUPS keeps nothing once a job is printed.
      'PreserveJobFiles No',
      'PreserveJobHistory No',
      '<Location />',
      '  Order allow,deny',
      '  Allow all',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'cups-files.conf'),
    [
      `ServerRoot ${dir}`,
      `ServerBin ${dir}/serverbin`,
      `RequestRoot ${dir}/spool`,
      `CacheDir ${dir}/cache`,
      `StateDir ${dir}/state`,
      `TempDir ${dir}/tmp`,
      `AccessLog ${dir}/log/access_log`,
      `ErrorLog ${dir}/log/error_log`,
      `PageLog ${dir}/log/page_log`,
      'User lp',
      'Group lp',
      'SystemGroup root',
      '',
    ].join('\n'),
  );
  const daemon = spawn(cupsd, ['-f', '-c', path.join(dir, 'cupsd.conf'), '-s', path.join(dir, 'cups-files.conf')], {
    stdio: 'ignore',
  });
  const env = { ...process.env, CUPS_SERVER: socket };
  const stop = async () => {
    if (daemon.exitCode === null) {
      const exited = new Promise((resolve) => daemon.once('exit', resolve));
      daemon.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15000;
  for (;;) {
    if (daemon.exitCode !== null) {
      const log = existsSync(path.join(dir, 'log/error_log')) ? readFileSync(path.join(dir, 'log/error_log'), 'utf8') : '';
      await stop();
      return { skip: `cupsd did not start here (exit ${daemon.exitCode}): ${log.trim().split('\n').slice(-3).join(' | ')}` };
    }
    if (existsSync(socket) && spawnSync('lpstat', ['-r'], { env, encoding: 'utf8' }).stdout.includes('is running')) break;
    if (Date.now() > deadline) {
      await stop();
      return { skip: 'cupsd did not answer in time' };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const output = path.join(dir, 'out', 'printed.pdf');
  const added = spawnSync('lpadmin', ['-p', 'cupfile', '-E', '-v', `tofile:${output}`, '-m', 'raw'], { env, encoding: 'utf8' });
  if (added.status !== 0) {
    await stop();
    return { skip: `lpadmin could not add the file queue: ${added.stderr.trim()}` };
  }
  return { socket, queue: 'cupfile', output, spool: path.join(dir, 'spool'), stop };
}

// ---------------------------------------------------------------------------------------------

/** Every file under `dir` (recursively), as paths. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

/** The personal data of the session, as bytes in UTF-8 and UTF-16LE (WebKit's storages). */
function needles(values) {
  return values.filter((value) => typeof value === 'string' && value !== '').flatMap((value) => [
    { value, bytes: Buffer.from(value, 'utf8') },
    { value, bytes: Buffer.from(value, 'utf16le') },
  ]);
}

/** Lists what exists under the folders and which files hold any of the values. */
function scan(folders, values) {
  const list = needles(values);
  const files = folders.flatMap((folder) => filesUnder(folder));
  const found = [];
  for (const file of files) {
    let content;
    try {
      content = readFileSync(file);
    } catch {
      continue; // a socket or a file gone meanwhile
    }
    for (const needle of list) {
      if (content.includes(needle.bytes)) found.push({ file, value: needle.value });
    }
  }
  return { files, found };
}

async function opsStats() {
  const response = await fetch(`${server.base}/ops/stats`, { headers: { authorization: `Bearer ${OPS_TOKEN}` } });
  assert.equal(response.status, 200, 'ops stats');
  const body = await response.json();
  const count = (channel, operation) =>
    body.operations.filter((o) => o.channel === channel && o.operation === operation).reduce((n, o) => n + o.count, 0);
  return { count, body };
}

/** Calls a command through the app's own IPC (the kiosk capability applies). */
async function invoke(driver, command, args = {}) {
  return driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
       .then((value) => done({ ok: true, value }), (error) => done({ ok: false, error }));`,
    command,
    args,
  );
}

before(async () => {
  process.env.CUP_OPS_TOKEN = OPS_TOKEN; // the standalone server opens /ops/stats with it
  server = await startServer();
  cups = await startCups();
  if (cups.skip) console.log(`# printing through CUPS is skipped: ${cups.skip}`);
  kioskTmp = mkdtempSync(path.join(os.tmpdir(), 'cup-e2e-kiosk-tmp-'));
  const config = {
    backend_url: server.base,
    kiosk_id: 'e2e-sala-1',
    idle_timeout_secs: IDLE_SECS,
    countdown_secs: COUNTDOWN_SECS,
    ...(cups.skip ? {} : { printer: cups.queue }),
  };
  const configFile = path.join(kioskTmp, '..', `cup-e2e-kiosk-${process.pid}.json`);
  writeFileSync(configFile, JSON.stringify(config));
  app = await launchApp({
    env: {
      CUP_KIOSK_CONFIG: configFile,
      TMPDIR: kioskTmp,
      ...(cups.skip ? {} : { CUPS_SERVER: cups.socket }),
    },
  });
});

let step = 0;
afterEach(async () => {
  // The screen as each test left it (a failing one included).
  step += 1;
  if (app) await screenshot(app.driver, SUITE, `end-of-test-${step}`).catch(() => undefined);
});

/**
 * Clicks an element as a finger would: scrolled to the middle of the screen first (as a person
 * scrolls by touch), then a real pointer click, once it can be clicked (a screen may still be
 * settling).
 */
async function click(driver, testId, timeoutMs = 10000) {
  const element = await waitForTestId(driver, testId, timeoutMs);
  let last;
  const clicked = await driver
    .wait(async () => {
      try {
        await driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', element);
        await element.click();
        return true;
      } catch (error) {
        last = error;
        return false;
      }
    }, timeoutMs)
    .catch(() => false);
  if (!clicked) throw last ?? new Error(`${testId} could not be clicked`);
}

after(async () => {
  await app?.stop();
  await cups?.stop?.();
  await server?.stop();
  if (kioskTmp) rmSync(kioskTmp, { recursive: true, force: true });
});

test('the kiosk window fills the screen, has "Ho finito" and refuses to leave the app', async () => {
  const { driver } = app;
  await waitForTestId(driver, 'home-title', 20000);
  await waitForTestId(driver, 'kiosk-finish');
  assert.equal(await rootAttribute(driver, 'data-kiosk'), '', 'the page is in kiosk mode');
  const size = await driver.executeScript('return [window.innerWidth, window.innerHeight, screen.width, screen.height]');
  assert.deepEqual([size[0], size[1]], [size[2], size[3]], `full screen (${size.join(' x ')})`);
  const info = await invoke(driver, 'app_info');
  assert.equal(info.ok, true);
  assert.equal(info.value.kiosk, true);
  assert.equal(info.value.idleTimeoutSecs, IDLE_SECS);
  assert.equal(info.value.countdownSecs, COUNTDOWN_SECS);
  assert.equal(info.value.kioskPrinter, !cups.skip);
  assert.equal(info.value.demo, false);
  // The kiosk's capability has no keyring and no saved bookings.
  for (const command of ['remembered_card', 'forget_card', 'saved_bookings']) {
    const denied = await invoke(driver, command, { codiceFiscale: CITIZEN.cf, tessera: CITIZEN.tessera });
    assert.equal(denied.ok, false, `${command} is not granted to the kiosk`);
  }
  await screenshot(driver, SUITE, '01-home');
  await assertAxeClean(driver, 'kiosk home');

  const start = await driver.getCurrentUrl();
  assert.match(start, /^(tauri:\/\/localhost|https?:\/\/tauri\.localhost)/);
  await driver.executeScript("window.location.href = 'https://example.org/';");
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(await driver.getCurrentUrl(), start, 'location.href to another site is refused');
  const opened = await driver.executeScript("const w = window.open('https://example.org/', '_blank'); return w === null ? 'null' : 'window';");
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal((await driver.getAllWindowHandles()).length, 1, `window.open opened nothing (${opened})`);
  assert.equal(await driver.getCurrentUrl(), start);
  await driver.executeScript("document.location.assign('file:///etc/passwd');");
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await driver.getCurrentUrl(), start, 'file: is refused');
  await waitForTestId(driver, 'home-title');
});

test('a citizen books: the scanner fills the NRE, large touch targets, the numeric keypad', async () => {
  const { driver } = app;
  // Settings the next citizen must not inherit.
  await click(driver, 'a11y-contrast');
  await click(driver, 'a11y-text-larger');
  assert.equal(await rootAttribute(driver, 'data-contrast'), 'high');

  await click(driver, 'action-book');
  await waitForTestId(driver, 'access-cf');
  await typeInto(driver, 'access-cf', CITIZEN.cf);
  // The card number field is numeric: the on-screen keypad has digits only.
  const tessera = await waitForTestId(driver, 'access-tessera');
  assert.equal(await tessera.getAttribute('inputmode'), 'numeric');
  await driver.executeScript('arguments[0].focus()', tessera);
  const keypad = await waitForTestId(driver, 'kiosk-keypad');
  assert.equal(await keypad.getAttribute('data-layout'), 'numeric');
  for (const digit of CITIZEN.tessera.slice(0, 4)) await driver.findElement(byTestId(`keypad-${digit}`)).click();
  assert.equal(await tessera.getAttribute('value'), CITIZEN.tessera.slice(0, 4), 'typed on the keypad');
  await screenshot(driver, SUITE, '02-keypad');
  await typeInto(driver, 'access-tessera', CITIZEN.tessera);

  // Touch targets of at least 48 px.
  const small = await driver.executeScript(`
    return [...document.querySelectorAll('button, input.form-control, [data-testid="access-consent"]')]
      .filter((el) => el.offsetParent !== null && !el.closest('[data-kiosk-keypad]'))
      .map((el) => { const r = el.getBoundingClientRect(); return { id: el.dataset.testid || el.textContent.trim().slice(0, 30), w: r.width, h: r.height }; })
      .filter((r) => r.h < 32 || (r.h < 48 && r.w < 48));`);
  assert.deepEqual(small, [], 'no small touch targets');

  // The promemoria's barcode scanned while the focus is in the codice fiscale field: the NRE
  // field gets it, the codice fiscale stays, the focus moves on to the consent.
  const cf = await driver.findElement(byTestId('access-cf'));
  await driver.executeScript('arguments[0].focus()', cf);
  await driver.executeScript(
    "window.__keys = []; document.addEventListener('keydown', (e) => window.__keys.push([e.key, Math.round(e.timeStamp), e.defaultPrevented]), { capture: false });",
  );
  const before = Date.now();
  await cf.sendKeys(CITIZEN.nre + Key.ENTER);
  const scanMs = Date.now() - before;
  const scanned = await driver
    .wait(async () => (await driver.findElement(byTestId('access-nre')).getAttribute('value')) === CITIZEN.nre, 3000)
    .catch(() => false);
  if (!scanned) {
    const keys = await driver.executeScript('return window.__keys');
    const values = await driver.executeScript(
      "return ['access-cf', 'access-nre'].map((id) => document.querySelector(`[data-testid=\"${id}\"]`).value)",
    );
    assert.fail(`the scan did not fill the NRE (${scanMs} ms): fields ${JSON.stringify(values)}, keys ${JSON.stringify(keys)}`);
  }
  assert.equal(await cf.getAttribute('value'), CITIZEN.cf, 'the codice fiscale is given back');
  assert.equal(await activeTestId(driver), 'access-consent', 'the focus moved on');
  assert.equal((await driver.findElements(byTestId('screen-prescription'))).length, 0, 'the scan did not submit the form');
  await screenshot(driver, SUITE, '03-scanned');

  await click(driver, 'access-consent');
  await click(driver, 'access-submit');
  await waitForTestId(driver, 'screen-prescription', 20000);
  await screenshot(driver, SUITE, '04a-prescription');
  await click(driver, 'prescription-next');
  await waitForTestId(driver, 'offer-first-1', 20000);
  await screenshot(driver, SUITE, '04b-offer');
  await click(driver, 'offer-first-1');
  // The first available offer is held at once, or through its site and time.
  await driver.wait(
    async () =>
      (await driver.findElements(byTestId('hold-countdown'))).length > 0 ||
      (await driver.findElements(By.css('[data-testid^="time-"]'))).length > 0,
    20000,
  );
  const times = await driver.findElements(By.css('[data-testid^="time-"]'));
  if ((await driver.findElements(byTestId('hold-countdown'))).length === 0 && times.length > 0) await times[0].click();
  await waitForTestId(driver, 'hold-countdown', 20000);
  await screenshot(driver, SUITE, '04c-summary');
  await click(driver, 'summary-confirm');

  const cup = await waitForTestId(driver, 'success-cup-number', 20000);
  cupNumber = await cup.getText();
  pin = await driver.findElement(byTestId('success-pin')).getText();
  assert.match(cupNumber, /^\d{12}$/);
  const qr = await waitForTestId(driver, 'kiosk-qr');
  assert.match(await qr.getAttribute('src'), /^data:image\/svg\+xml/);
  assert.equal(await qr.getAttribute('alt'), `Codice QR con il numero di prenotazione ${cupNumber}`);
  const loaded = await driver.executeScript('return arguments[0].complete && arguments[0].naturalWidth > 0', qr);
  assert.equal(loaded, true, 'the QR code image is shown (CSP img-src data:)');
  await screenshot(driver, SUITE, '04-success');
  await assertAxeClean(driver, 'kiosk success');
  const stats = await opsStats();
  assert.equal(stats.count('kiosk', 'login'), 1, 'the login named channel kiosk');
  assert.equal(stats.count('kiosk', 'book'), 1, 'the booking named channel kiosk');
  assert.equal(stats.count('app', 'book'), 0, 'nothing on channel app');
});

test('the promemoria is printed through CUPS, and the kiosk keeps no copy', async (t) => {
  const { driver } = app;
  if (cups.skip) {
    assert.equal((await driver.findElements(byTestId('kiosk-print'))).length, 0, 'no printer, no print button');
    t.skip(`printing through CUPS cannot run here: ${cups.skip}`);
    return;
  }
  await click(driver, 'kiosk-print');
  await driver.wait(
    async () => (await driver.findElement(byTestId('kiosk-print-status')).getAttribute('data-state')) !== 'busy',
    20000,
  );
  const errors = await driver.findElements(byTestId('kiosk-print-error'));
  assert.equal(errors.length, 0, errors.length ? await errors[0].getAttribute('data-code') : '');
  assert.equal(await driver.findElement(byTestId('kiosk-print-status')).getAttribute('data-state'), 'done');
  await driver.wait(() => existsSync(cups.output), 15000, 'the job reached the printer');
  const text = execFileSync('pdftotext', [cups.output, '-'], { encoding: 'utf8' });
  assert.match(text, /Promemoria di prenotazione/);
  assert.ok(text.includes(cupNumber), 'the promemoria of this booking');
  assert.ok(text.includes(CITIZEN.family));
  await screenshot(driver, SUITE, '05-printed');
  // The job's title is fixed, and the spooler (PreserveJobFiles No) kept no document.
  const spool = readdirSync(cups.spool);
  console.log(`# CUPS spool after printing: ${JSON.stringify(spool)}`);
  assert.deepEqual(spool.filter((f) => f.startsWith('d')), [], 'no document left in the spool');
});

test('nobody answers "Sei ancora lì?": the kiosk resets to a clean home', async () => {
  const { driver } = app;
  // No input from now on: the question comes after the idle time.
  const dialog = await waitForTestId(driver, 'kiosk-idle-dialog', (IDLE_SECS + 4) * 1000);
  assert.equal(await dialog.getAttribute('role'), 'alertdialog');
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  assert.match(await dialog.getText(), /Sei ancora lì\?/);
  assert.equal(await activeTestId(driver), 'kiosk-idle-stay', 'the focus is in the dialog');
  assert.equal(await driver.findElement(byTestId('kiosk-idle-stay')).getText(), 'Sì, continuo');
  await screenshot(driver, SUITE, '06-idle');
  await assertAxeClean(driver, 'idle question');

  // The countdown runs out: home, with nothing of the citizen.
  const home = await waitForTestId(driver, 'home-title', (COUNTDOWN_SECS + 5) * 1000);
  assert.ok(home);
  assert.equal((await driver.findElements(byTestId('kiosk-idle-dialog'))).length, 0);
  assert.equal((await driver.findElements(byTestId('success-cup-number'))).length, 0);
  await screenshot(driver, SUITE, '07-after-reset');
  await assertAxeClean(driver, 'home after the reset');
  assert.equal(await rootAttribute(driver, 'data-contrast'), null, 'high contrast is off again');
  assert.equal(await rootAttribute(driver, 'lang'), 'it');
  const scale = await driver.executeScript(
    "return getComputedStyle(document.documentElement).getPropertyValue('--cup-font-scale').trim()",
  );
  assert.equal(scale, '1', 'text size is back to 100%');
  const storage = await driver.executeScript(
    'return { local: Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]), session: Object.keys(sessionStorage) }',
  );
  console.log(`# web storage after the reset: ${JSON.stringify(storage)}`);
  assert.deepEqual(storage.session, []);
  for (const [key, value] of storage.local) {
    assert.ok([CITIZEN.cf, CITIZEN.tessera, CITIZEN.nre, cupNumber].every((v) => !value.includes(v)), key);
  }

  // The backend session is revoked: the server counted the kiosk's logout, and the app's
  // next call has no session.
  const stats = await opsStats();
  assert.equal(stats.count('kiosk', 'logout'), 1, 'revoked on the server');
  const patient = await invoke(driver, 'patient');
  assert.equal(patient.ok, false);
  assert.equal(patient.error.code, 'session_expired');
});

test('after the reset no file of the app or of its temporary folder holds personal data', async () => {
  const folders = ['data', 'config', 'cache'].map((d) => path.join(app.profile, d)).concat([kioskTmp]);
  const values = [CITIZEN.cf, CITIZEN.tessera, CITIZEN.nre, CITIZEN.family, CITIZEN.given, cupNumber, pin];
  const { files, found } = scan(folders, values);
  console.log(`# files after the reset (${files.length}):`);
  const shaders = files.filter((file) => file.includes(`${path.sep}mesa_shader_cache${path.sep}`));
  for (const file of files.filter((f) => !shaders.includes(f))) {
    const where = file.startsWith(kioskTmp) ? `TMPDIR/${path.relative(kioskTmp, file)}` : path.relative(app.profile, file);
    console.log(`#   ${where} (${statSync(file).size} bytes)`);
  }
  console.log(`#   cache/mesa_shader_cache/...: ${shaders.length} files (the GPU driver's compiled shaders)`);
  console.log(`# the kiosk's TMPDIR holds: ${JSON.stringify(readdirSync(kioskTmp))}`);
  assert.deepEqual(found, [], 'no personal data on disk');
  assert.deepEqual(
    readdirSync(kioskTmp).filter((name) => name.startsWith('cup-kiosk-')),
    [],
    'the session folder is gone',
  );
});

test('"Ho finito" resets at once', async () => {
  const { driver } = app;
  await click(driver, 'a11y-contrast');
  await click(driver, 'lang-en');
  await click(driver, 'action-manage');
  await typeInto(driver, 'manage-cf', SECOND.cf);
  await typeInto(driver, 'manage-tessera', SECOND.tessera);
  assert.equal(await driver.findElement(byTestId('manage-remember')).isDisplayed(), false, 'no "remember me" on a kiosk');
  await screenshot(driver, SUITE, '08a-manage-login');
  await click(driver, 'manage-login');
  await waitForTestId(driver, 'screen-manage-search', 20000);
  await screenshot(driver, SUITE, '08-manage');
  const logins = (await opsStats()).count('kiosk', 'login');
  assert.equal(logins, 2);

  const pressed = Date.now();
  await click(driver, 'kiosk-finish');
  await waitForTestId(driver, 'home-title', 5000);
  const tookMs = Date.now() - pressed;
  assert.ok(tookMs < 5000, `home in ${tookMs} ms`);
  assert.match(await driver.findElement(byTestId('home-title')).getText(), /CUP/);
  assert.equal(await rootAttribute(driver, 'lang'), 'it', 'Italian again');
  assert.equal(await rootAttribute(driver, 'data-contrast'), null);
  assert.equal((await opsStats()).count('kiosk', 'logout'), 2, 'this session revoked too');
  const patient = await invoke(driver, 'patient');
  assert.equal(patient.error?.code, 'session_expired');
  await screenshot(driver, SUITE, '09-finished');

  const values = [SECOND.cf, SECOND.tessera, SECOND.family, SECOND.given, CITIZEN.cf, CITIZEN.nre, cupNumber];
  const folders = ['data', 'config', 'cache'].map((d) => path.join(app.profile, d)).concat([kioskTmp]);
  assert.deepEqual(scan(folders, values).found, []);
});
