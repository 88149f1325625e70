// The desktop's "open with" for the documents tests: a recording viewer (and file manager)
// registered through a desktop file and mimeapps.list in the app's own XDG folders, so that
// xdg-open hands it every file (or folder) the app opens; and a PDF read back as text.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MIME_TYPES = ['application/pdf', 'text/calendar', 'application/zip', 'inode/directory'];

/** The recording "viewer" (and file manager): every path xdg-open hands it goes to opened.log. */
export function installViewer(profile, xdg) {
  const log = path.join(profile, 'opened.log');
  const script = path.join(profile, 'record-open.sh');
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\n`);
  chmodSync(script, 0o755);
  const applications = path.join(xdg.XDG_DATA_HOME, 'applications');
  mkdirSync(applications, { recursive: true });
  writeFileSync(
    path.join(applications, 'cup-e2e-viewer.desktop'),
    [
      '[Desktop Entry]',
      'Type=Application',
      'Name=CUP e2e viewer',
      `Exec=${script} %f`,
      `MimeType=${MIME_TYPES.join(';')};`,
      'NoDisplay=true',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(xdg.XDG_CONFIG_HOME, 'mimeapps.list'),
    ['[Default Applications]', ...MIME_TYPES.map((type) => `${type}=cup-e2e-viewer.desktop`), ''].join('\n'),
  );
}

export function opened(profile) {
  const log = path.join(profile, 'opened.log');
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
}

export function pdfText(file) {
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}
