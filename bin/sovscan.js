#!/usr/bin/env -S node --max-semi-space-size=2
// A small young generation keeps peak memory down on large trees at no measurable cost in time
// (scans allocate many short-lived objects; see npm run bench).
import { main } from '../lib/sovscan.mjs';

// A reader that stops early (`sovscan … | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
