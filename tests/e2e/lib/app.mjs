// Test harness: starts tauri-driver, opens the real app window over WebDriver, takes
// screenshots and runs axe-core inside the webview.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Builder, By, until } from 'selenium-webdriver';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const APP = process.env.CUP_APP_BINARY;
const DRIVER = process.env.CUP_TAURI_DRIVER;
const SHOTS = process.env.CUP_SCREENSHOTS ?? path.resolve('target/e2e-screenshots');

function freePort() {
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
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('tauri-driver did not start in time');
}

/** Starts tauri-driver and the app; returns { driver, stop }. `env` is passed to the app. */
export async function launchApp({ env = {} } = {}) {
  if (!APP || !DRIVER) throw new Error('CUP_APP_BINARY and CUP_TAURI_DRIVER must be set (scripts/e2e.sh does it)');
  const port = await freePort();
  const nativePort = await freePort();
  const child = spawn(DRIVER, ['--port', String(port), '--native-port', String(nativePort)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitForStatus(port, child);
  const started = Date.now();
  const driver = await new Builder()
    .usingServer(`http://127.0.0.1:${port}/`)
    .withCapabilities({ browserName: 'wry', 'tauri:options': { application: APP } })
    .build();
  const stop = async () => {
    try {
      await driver.quit();
    } finally {
      child.kill('SIGTERM');
    }
  };
  return { driver, stop, started };
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
