// The HTML report's tests drive Debian's Chromium through playwright-core (browsers are not downloaded
// from anywhere else). Install it with apt-get when it is missing: as root, or through passwordless sudo.
// SOVSCAN_CHROMIUM names another Chromium binary instead.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM as chromium } from './chromium.js';

if (!existsSync(chromium)) {
  const asRoot = process.getuid?.() === 0;
  const apt = (...args) =>
    execFileSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['-n', 'apt-get', ...args], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  try {
    console.error(`Installing Debian's chromium for the HTML report tests (${chromium} is missing)…`);
    try {
      apt('install', '-y', '-q', 'chromium');
    } catch {
      apt('update', '-q');
      apt('install', '-y', '-q', 'chromium');
    }
  } catch (error) {
    console.error(`Could not install chromium (${error.message.split('\n')[0]}). Install Debian's chromium package, or set SOVSCAN_CHROMIUM to a Chromium binary, then run the tests again.`);
    process.exit(1);
  }
}
