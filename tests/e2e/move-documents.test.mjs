// Documents that follow a move (issue 14, finding 5), in the real app window on the embedded
// demo backend: GIULIA BIANCHI (the showcase's visit_p) books a visit, then in GESTISCI moves
// it. The move's success screen offers the NEW booking's promemoria at once: "Scarica il
// promemoria" writes it in this launch's XDG data folder and opens it with the desktop's
// viewer (a recording script registered through a .desktop file and mimeapps.list, as in
// documents.test.mjs); it is read back with pdftotext and carries the new CUP number and PIN.
// "Apri la cartella dei documenti" opens the new booking's folder in the file manager (the
// same recorder, for inode/directory). Back in the list, the moved booking offers no
// promemoria and no payment form any more — it says they are no longer valid and leads to
// the new booking. No file path is shown on screen. axe-core on each screen; screenshots
// under target/e2e-screenshots/move-documents/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { By } from 'selenium-webdriver';
import { assertAxeClean, byTestId, demoCitizens, launchApp, loginWith, screenshot, typeInto, waitForTestId } from './lib/app.mjs';
import { installViewer, opened, pdfText } from './lib/viewer.mjs';

const SUITE = 'move-documents';
async function text(driver, testId) {
  return (await waitForTestId(driver, testId, 20000)).getText();
}

function card(driver, cupNumber) {
  return driver.findElement(By.css(`[data-testid="booking-card"][data-cup-number="${cupNumber}"]`));
}

/** Clicks "Scarica il promemoria" and answers the path the app opened (kept in an attribute, never shown). */
async function downloadPromemoria(driver, profile) {
  await (await waitForTestId(driver, 'doc-promemoria', 20000)).click();
  const shown = await driver.wait(async () => {
    const found = await driver.findElements(byTestId('doc-opened'));
    return found.length > 0 && (await found[0].getAttribute('data-kind')) === 'promemoria' ? found[0] : null;
  }, 20000);
  const file = await shown.getAttribute('data-path');
  assert.match(await shown.getText(), /^Promemoria \(PDF\): documento aperto\. Salvato nei documenti dell'app\.$/);
  await driver.wait(() => opened(profile).includes(file), 10000, 'xdg-open handed the promemoria to the viewer');
  return file;
}

const GIULIA = demoCitizens().find((c) => c.case === 'visit_p');
let app;
let dataDir;
/** GIULIA's booking before the move: CUP number and its documents' folder. */
const first = {};

before(async () => {
  assert.ok(GIULIA, 'the showcase citizen visit_p');
  // X-Generic: xdg-open takes its generic path (mimeapps.list + .desktop files).
  app = await launchApp({ env: { XDG_CURRENT_DESKTOP: 'X-Generic' }, prepare: installViewer });
  dataDir = path.join(app.profile, 'data', 'org.cuptoscana.app', 'documents');
  await waitForTestId(app.driver, 'home-title', 30000);
});
after(async () => {
  await app?.stop();
});

test('GIULIA books a visit: its documents are saved in the app, no path on screen', async () => {
  const { driver } = app;
  await loginWith(driver, GIULIA);
  await driver.findElement(byTestId('prescription-next')).click();
  await (await waitForTestId(driver, 'offer-first-1', 20000)).click();
  await waitForTestId(driver, 'hold-countdown', 20000);
  await driver.findElement(byTestId('summary-confirm')).click();
  first.cup = await text(driver, 'success-cup-number');
  assert.match(first.cup, /^\d{12}$/);
  const where = await waitForTestId(driver, 'doc-folder', 20000);
  first.folder = await where.getAttribute('data-path');
  assert.ok(first.folder.startsWith(dataDir + path.sep), `${first.folder} inside ${dataDir}`);
  assert.equal(
    await where.findElement(By.css('p')).getText(),
    "I documenti vengono salvati nella cartella dei documenti dell'app, su questo dispositivo.",
  );
  const files = await driver.findElement(byTestId('documents-files')).getText();
  assert.ok(!files.includes(dataDir) && !files.includes('prenotazione-'), `no file path on screen: ${files}`);
  assert.ok(existsSync(path.join(first.folder, 'promemoria.pdf')));
  await driver.findElement(byTestId('success-home')).click();
});

test('she moves it in GESTISCI: the new promemoria at once, with the new CUP number and PIN', async () => {
  const { driver, profile } = app;
  await driver.findElement(byTestId('nav-home')).click();
  await (await waitForTestId(driver, 'action-manage')).click();
  await waitForTestId(driver, 'screen-manage-login', 20000);
  await typeInto(driver, 'manage-cf', GIULIA.cf);
  await typeInto(driver, 'manage-tessera', GIULIA.tessera);
  const remember = await driver.findElement(byTestId('manage-remember'));
  if (await remember.isSelected()) await remember.click();
  await driver.findElement(byTestId('manage-login')).click();
  await waitForTestId(driver, 'screen-manage-search', 20000);
  await driver.findElement(byTestId('manage-mode-cup')).click();
  await typeInto(driver, 'manage-value', first.cup);
  await driver.findElement(byTestId('manage-search')).click();
  await waitForTestId(driver, 'screen-manage-results', 20000);
  await (await card(driver, first.cup)).findElement(By.css('[data-testid="booking-reschedule"]')).click();
  await (await waitForTestId(driver, 'offer-first-1', 20000)).click();
  await waitForTestId(driver, 'screen-manage-confirm', 20000);
  await driver.findElement(byTestId('reschedule-confirm')).click();

  const cup = await text(driver, 'reschedule-new-cup-number');
  const pin = await text(driver, 'reschedule-new-pin');
  assert.match(cup, /^\d{12}$/);
  assert.notEqual(cup, first.cup);
  assert.match(await text(driver, 'reschedule-previous'), new RegExp(`${first.cup}.*non valgono più`));
  await screenshot(driver, SUITE, '01-moved-documents');
  await assertAxeClean(driver, 'moved, with the new documents');

  const started = Date.now();
  const promemoria = await downloadPromemoria(driver, profile);
  console.log(`the moved booking's "Scarica il promemoria" answered in ${Date.now() - started} ms (debug build)`);
  assert.equal(path.basename(promemoria), 'promemoria.pdf');
  assert.ok(promemoria.startsWith(dataDir + path.sep), `${promemoria} inside ${dataDir}`);
  assert.ok(path.dirname(promemoria).endsWith(`prenotazione-${cup}`), promemoria);
  const pdf = pdfText(promemoria);
  assert.ok(pdf.includes(cup), `the promemoria carries the new CUP number: ${pdf}`);
  assert.ok(pdf.includes(pin), 'the promemoria carries the new PIN');
  assert.doesNotMatch(pdf, /non è più valid|usa il suo promemoria/i, 'the new promemoria is a valid one');
  assert.ok(!existsSync(first.folder), "the old booking's documents are gone from the device");
  const screenText = await driver.findElement(byTestId('screen-manage-moved')).getText();
  assert.ok(!screenText.includes(dataDir), 'no file path on screen');

  // "Apri la cartella dei documenti": the new booking's folder, in the file manager.
  await driver.findElement(byTestId('doc-open-folder')).click();
  await driver.wait(async () => (await text(driver, 'doc-opened')) === 'Cartella dei documenti aperta.', 10000);
  await driver.wait(() => opened(profile).includes(path.dirname(promemoria)), 10000, 'xdg-open handed the folder to the file manager');
  await screenshot(driver, SUITE, '02-moved-promemoria-opened');

  // The list: the old booking offers none of its documents, says why, and leads to the new one.
  await driver.findElement(byTestId('moved-back')).click();
  await waitForTestId(driver, 'screen-manage-results', 20000);
  const old = await card(driver, first.cup);
  assert.equal(await old.getAttribute('data-status'), 'moved');
  assert.equal((await old.findElements(By.css('[data-testid="booking-documents"]'))).length, 0, 'no promemoria on the moved booking');
  assert.equal((await old.findElements(By.css('[data-testid="booking-iuv"]'))).length, 0, 'no payment code on the moved booking');
  const notice = await old.findElement(By.css('[data-testid="booking-documents-void"]')).getText();
  assert.equal(notice, `Il promemoria e il modulo di pagamento di questa prenotazione non sono più validi: usa quelli della nuova prenotazione ${cup}.`);
  const fresh = await card(driver, cup);
  assert.equal((await fresh.findElements(By.css('[data-testid="booking-documents"]'))).length, 1, 'the new booking has its documents');
  assert.match(await fresh.findElement(By.css('[data-testid="booking-iuv-hint"]')).getText(), /pagoPA/);
  await screenshot(driver, SUITE, '03-list-after-move');
  await assertAxeClean(driver, 'list after the move');
  await old.findElement(By.css('[data-testid="booking-go-to-new"]')).click();
  const focused = await driver.executeScript(
    'const c = document.activeElement && document.activeElement.closest("[data-testid=booking-card]"); return c && c.dataset.cupNumber;',
  );
  assert.equal(focused, cup, '"Vai alla nuova prenotazione" takes the focus to the new booking');
});
