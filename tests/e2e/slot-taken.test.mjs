// A slot taken by someone else meanwhile, in the real app window on a standalone cup-server
// (CUP_BACKEND_URL): while GIULIA BIANCHI looks at her offer, another demo citizen with a
// prescription for the same service (CONSULENZA CARDIOLOGICA), who lives in another zone (picked
// from the generator: no other demo citizen shares GIULIA's zone and service, and the hold does
// not depend on the zone), holds her first offered slot over HTTP, after finding it in his own
// region-wide offer. GIULIA then chooses that slot: the app says it was taken and shows a fresh
// offer, from which she can hold another one. Screenshots under
// target/e2e-screenshots/slot-taken/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { assertAxeClean, byTestId, demoCitizens, launchApp, loginWith, screenshot, startServer, waitForTestId } from './lib/app.mjs';

const GIULIA = demoCitizens().find((c) => c.case === 'visit_p');
// A generated demo citizen with a P prescription for the same service, in another zone.
const OTHER = demoCitizens({ bookableFor: GIULIA.service_code }).find((c) => c.zone_id !== GIULIA.zone_id);

let server;
let base;
let app;

async function api(method, route, { token, body } = {}) {
  const headers = { 'X-CUP-Channel': 'web', Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['Idempotency-Key'] = randomUUID();
  const response = await fetch(`${base}${route}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => null);
  return { status: response.status, data };
}

async function login(citizen) {
  const { status, data } = await api('POST', '/v1/sessions/prescription', {
    body: { codice_fiscale: citizen.cf, tessera: citizen.tessera, nre: citizen.nre, privacy_consent: true },
  });
  assert.equal(status, 201, `login of ${citizen.cf}: ${JSON.stringify(data)}`);
  return data.token;
}

before(async () => {
  server = await startServer();
  base = server.base;
  app = await launchApp({ env: { CUP_BACKEND_URL: base } });
  await waitForTestId(app.driver, 'home-title', 20000);
});

after(async () => {
  await app?.stop();
  await server?.stop();
});

test('the app talks to the configured backend, with no demo badge', async () => {
  assert.equal((await app.driver.findElements(byTestId('demo-badge'))).length, 0);
});

test('a slot taken meanwhile by another citizen: the app says so and shows a fresh offer', async () => {
  const { driver } = app;
  await loginWith(driver, GIULIA);
  await screenshot(driver, 'slot-taken', '01-prescription');
  await driver.findElement(byTestId('prescription-next')).click();
  const firstButton = await waitForTestId(driver, 'offer-first-1', 20000);
  const firstLabel = await firstButton.getAttribute('aria-label');
  await screenshot(driver, 'slot-taken', '02-offer');
  await assertAxeClean(driver, 'offer');

  // GIULIA's first offer, as the backend gives it (the list the UI shows).
  const giulia = await login(GIULIA);
  const mine = await api('GET', `/v1/prescriptions/${GIULIA.nre}/availability?line=0&scope=zone&limit=5`, { token: giulia });
  assert.equal(mine.status, 200);
  const taken = mine.data.offers[0];
  assert.ok(firstLabel.includes(taken.facility.name), `the UI's first offer (${firstLabel}) is at ${taken.facility.name}`);

  // The other citizen finds the same slot in his region-wide offer for that day and holds it.
  const other = await login(OTHER);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date(taken.starts_at));
  const theirs = await api(
    'GET',
    `/v1/prescriptions/${OTHER.nre}/availability?line=${OTHER.line}&scope=region&day=${day}&facility_id=${taken.facility.id}&limit=50`,
    { token: other },
  );
  assert.equal(theirs.status, 200);
  assert.equal(theirs.data.service.id, mine.data.service.id, 'same service');
  assert.ok(theirs.data.offers.some((o) => o.slot_id === taken.slot_id), 'the slot is offered to the other citizen too');
  const hold = await api('POST', '/v1/holds', { token: other, body: { nre: OTHER.nre, line: OTHER.line, slot_id: taken.slot_id } });
  assert.equal(hold.status, 201, `the other citizen holds the slot: ${JSON.stringify(hold.data)}`);

  // GIULIA chooses it in the app: taken meanwhile, a fresh offer.
  await driver.findElement(byTestId('offer-first-1')).click();
  const notice = await waitForTestId(driver, 'offer-notice', 20000);
  assert.equal(await notice.getAttribute('data-code'), 'slot_unavailable');
  assert.match(
    await notice.getText(),
    /Nel frattempo questo appuntamento è stato preso da un'altra persona\. Ti mostriamo le disponibilità aggiornate/,
  );
  await driver.wait(
    async () => {
      const buttons = await driver.findElements(byTestId('offer-first-1'));
      return buttons.length > 0 && (await buttons[0].getAttribute('aria-label')) !== firstLabel;
    },
    20000,
    'the offer is refreshed without the taken slot',
  );
  const fresh = await api('GET', `/v1/prescriptions/${GIULIA.nre}/availability?line=0&scope=zone&limit=5`, { token: giulia });
  assert.ok(!fresh.data.offers.some((o) => o.slot_id === taken.slot_id), 'the taken slot is no longer offered');
  await screenshot(driver, 'slot-taken', '03-fresh-offer');
  await assertAxeClean(driver, 'fresh offer after a slot was taken');

  // And from the fresh offer she can hold another slot.
  await driver.findElement(byTestId('offer-first-1')).click();
  await waitForTestId(driver, 'hold-countdown', 20000);
  await screenshot(driver, 'slot-taken', '04-held-fresh-slot');
  await assertAxeClean(driver, 'summary of the fresh slot');
  await api('DELETE', '/v1/sessions/current', { token: giulia });
  await api('DELETE', '/v1/sessions/current', { token: other });
});
