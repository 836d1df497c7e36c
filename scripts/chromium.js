// Debian's Chromium driven by playwright-core, for the HTML report's tests and its benchmark. `.ci/run`
// (through ensure-chromium.js) installs the browser; SOVSCAN_CHROMIUM points at another binary.
// Background networking is off: the page must make no request of its own, and the browser's own would be
// refused by this network anyway. Plain JavaScript with its types beside it (chromium.d.ts), so that
// scripts and tests share it.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.SOVSCAN_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium() {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (.ci/run does) or set SOVSCAN_CHROMIUM`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
