import type { Browser } from 'playwright-core';

/** The Chromium binary: $SOVSCAN_CHROMIUM, else Debian's. */
export declare const CHROMIUM: string;

/** A headless Chromium without background networking; a clear error when there is none. */
export declare function launchChromium(): Promise<Browser>;
