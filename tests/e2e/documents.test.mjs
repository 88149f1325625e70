// End-to-end documents and reminders (issue 6) in the real app window, on the embedded demo
// backend: GIULIA BIANCHI books a visit, the SMS phone is checked on its field (the domain's
// rules) and the success screen says where the SMS went; "Scarica il promemoria", "Modulo di
// pagamento", "Aggiungi al calendario" and "Scarica tutti i documenti" each write the file
// inside this launch's XDG data folder and open it with the desktop's viewer — here a small
// recording script registered for application/pdf, text/calendar and application/zip through
// a .desktop file and mimeapps.list in the launch's own XDG folders, which xdg-open reads —;
// the promemoria is read back with pdftotext; no file path is shown on screen ("Salvato nei
// documenti dell'app") and "Apri la cartella dei documenti" hands the booking's folder to the
// same recorder, registered as the file manager (inode/directory). "Prova le notifiche" raises a notification that
// dunst, started on the private session bus by the notification itself (scripts/e2e.sh runs
// under dbus-run-session and Xvfb), shows: read back with dunstctl.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assertAxeClean, byTestId, launchApp, loginWith, screenshot, typeInto, waitForTestId } from './lib/app.mjs';
import { installViewer, opened, pdfText } from './lib/viewer.mjs';

const CITIZEN = { cf: 'BNCGLI85D52D612X', tessera: '80380000001234560016', nre: '0900A1123456701' };

let app;
let cupNumber;
before(async () => {
  // X-Generic: xdg-open takes its generic path (mimeapps.list + .desktop files).
  app = await launchApp({ env: { XDG_CURRENT_DESKTOP: 'X-Generic' }, prepare: installViewer });
});
after(async () => {
  await app?.stop();
});

test('a booking: the SMS phone checked on its field, then where the SMS went', async () => {
  const { driver } = app;
  await loginWith(driver, CITIZEN);
  await driver.findElement(byTestId('prescription-next')).click();
  await waitForTestId(driver, 'offer-first-1', 20000);
  await driver.findElement(byTestId('offer-first-1')).click();
  await waitForTestId(driver, 'hold-countdown', 20000);

  // Prefilled from the backend (the demo patient's phone), editable, checked by the domain's
  // rules with an error on the field.
  const phone = await waitForTestId(driver, 'summary-phone');
  assert.match(await phone.getAttribute('value'), /^\+39\d{9,10}$/, 'prefilled with the patient phone');
  await typeInto(driver, 'summary-phone', '555 123 4567');
  await driver.findElement(byTestId('summary-confirm')).click();
  const error = await waitForTestId(driver, 'field-error-phone');
  assert.match(await error.getText(), /^Telefono: un numero italiano inizia con 3/);
  assert.equal(await phone.getAttribute('aria-invalid'), 'true');
  await screenshot(driver, 'documents', '01-phone-error');
  await typeInto(driver, 'summary-phone', '333 123 4567');
  await driver.findElement(byTestId('summary-confirm')).click();

  const cup = await waitForTestId(driver, 'success-cup-number', 20000);
  cupNumber = await cup.getText();
  assert.match(cupNumber, /^\d{12}$/);
  // The number as the backend masks it (never in clear on the screen).
  const sms = await driver.findElement(byTestId('success-sms')).getText();
  assert.match(sms, /SMS di conferma al numero \+39\*+67\./);
  assert.doesNotMatch(sms, /3331234567/, 'masked');
  await screenshot(driver, 'documents', '02-success-sms');
});

test('the documents are written in the data folder and open with the system viewer', async () => {
  const { driver, profile } = app;
  const dataDir = path.join(profile, 'data', 'org.cuptoscana.app', 'documents');
  // The folder is kept in an attribute for the test: no file path is shown on screen.
  const where = await waitForTestId(driver, 'doc-folder', 20000);
  const folder = await where.getAttribute('data-path');
  const shownText = await driver.findElement(byTestId('documents-files')).getText();
  assert.ok(!shownText.includes(dataDir) && !shownText.includes('prenotazione-'), `no file path on screen: ${shownText}`);
  assert.match(shownText, /I documenti vengono salvati nella cartella dei documenti dell'app, su questo dispositivo\./);
  assert.ok(folder.startsWith(dataDir + path.sep), `${folder} inside ${dataDir}`);
  assert.ok(folder.endsWith(`prenotazione-${cupNumber}`), folder);
  assert.doesNotMatch(folder, new RegExp(CITIZEN.cf), 'no codice fiscale names a folder');
  await screenshot(driver, 'documents', '03-success-documents');
  await assertAxeClean(driver, 'success with documents');

  const started = Date.now();
  await driver.findElement(byTestId('doc-promemoria')).click();
  const saved = await waitForTestId(driver, 'doc-opened', 20000);
  const promemoria = await saved.getAttribute('data-path');
  console.log(`"Scarica il promemoria" answered in ${Date.now() - started} ms (documents regenerated, debug build)`);
  assert.equal(promemoria, path.join(folder, 'promemoria.pdf'));
  assert.ok(existsSync(promemoria), 'the PDF exists at the shown path');
  assert.equal(await driver.findElement(byTestId('doc-opened')).getText(), "Promemoria (PDF): documento aperto. Salvato nei documenti dell'app.");
  await driver.wait(() => opened(profile).includes(promemoria), 10000, 'xdg-open handed the PDF to the viewer');
  const text = pdfText(promemoria);
  assert.ok(text.includes(cupNumber), 'the promemoria carries the CUP number');
  assert.match(text, /BIANCHI/);
  await screenshot(driver, 'documents', '04-promemoria-opened');

  for (const [kind, file] of [
    ['payment', 'pagamento.pdf'],
    ['calendar', 'appuntamento.ics'],
    ['archive', 'tutti-i-documenti.zip'],
  ]) {
    await driver.findElement(byTestId(`doc-${kind}`)).click();
    const expected = path.join(folder, file);
    await driver.wait(async () => {
      const shown = await driver.findElements(byTestId('doc-opened'));
      return shown.length > 0 && (await shown[0].getAttribute('data-kind')) === kind;
    }, 10000);
    assert.equal(await driver.findElement(byTestId('doc-opened')).getAttribute('data-path'), expected);
    await driver.wait(() => opened(profile).includes(expected), 10000, `xdg-open handed ${file} to the viewer`);
  }
  assert.match(readFileSync(path.join(folder, 'appuntamento.ics'), 'utf8'), new RegExp(`BEGIN:VEVENT[\\s\\S]*${cupNumber}`));
  await assertAxeClean(driver, 'documents opened');

  // "Apri la cartella dei documenti": the booking's folder, in the file manager.
  await driver.findElement(byTestId('doc-open-folder')).click();
  await driver.wait(async () => {
    const shown = await driver.findElements(byTestId('doc-opened'));
    return shown.length > 0 && (await shown[0].getText()) === 'Cartella dei documenti aperta.';
  }, 10000);
  await driver.wait(() => opened(profile).includes(folder), 10000, 'xdg-open handed the folder to the file manager');
});

test('"Prova le notifiche" raises a notification on the desktop (dunst)', async () => {
  const { driver } = app;
  const toggle = await waitForTestId(driver, 'reminders-toggle');
  assert.match(await driver.findElement(byTestId('reminders-summary')).getText(), /Il giorno prima alle 18:00 · 2 ore prima/);
  await toggle.click();
  await waitForTestId(driver, 'reminders-form');
  await assertAxeClean(driver, 'reminder settings');
  await driver.findElement(byTestId('reminders-test')).click();
  const status = await waitForTestId(driver, 'reminders-status');
  assert.match(await status.getText(), /Notifica di prova inviata/);
  await screenshot(driver, 'documents', '05-notification-tried');

  // The notification server: dunst, activated on this session's bus by the notification.
  const dunstctl = (...args) => execFileSync('dunstctl', args, { encoding: 'utf8', timeout: 5000 });
  let summaries = [];
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    try {
      // Closed notifications go to the history, which dunstctl prints as JSON.
      if (Number(dunstctl('count', 'displayed').trim()) + Number(dunstctl('count', 'waiting').trim()) > 0) {
        dunstctl('close-all');
      }
      const history = JSON.parse(dunstctl('history'));
      summaries = history.data.flat().map((n) => `${n.summary?.data ?? ''} | ${n.body?.data ?? ''}`);
      if (summaries.some((s) => s.includes('CUP Toscana: prova delle notifiche'))) break;
    } catch {
      // dunst not started yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  assert.ok(
    summaries.some((s) => s.includes('CUP Toscana: prova delle notifiche') && s.includes('ti ricorderemo')),
    `the notification reached dunst: ${JSON.stringify(summaries)}`,
  );

  // The lead times are edited and kept.
  await typeInto(driver, 'reminder-amount-1', '3');
  await driver.findElement(byTestId('reminders-save')).click();
  await driver.wait(
    async () => (await driver.findElement(byTestId('reminders-summary')).getText()) === 'Il giorno prima alle 18:00 · 3 ore prima',
    10000,
  );
  const reminders = JSON.parse(readFileSync(path.join(app.profile, 'data', 'org.cuptoscana.app', 'reminders', 'reminders.json'), 'utf8'));
  assert.deepEqual(reminders.leadTimes, [
    { kind: 'days_before_at', days: 1, hour: 18, minute: 0 },
    { kind: 'minutes_before', minutes: 180 },
  ]);
  assert.deepEqual(
    reminders.plans.map((p) => p.booking.cupNumber),
    [cupNumber],
    'the booking is reminded',
  );
});
