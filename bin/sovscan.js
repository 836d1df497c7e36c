#!/usr/bin/env -S node --max-semi-space-size=8
// A young generation of 8 MiB semi-spaces (Node's default is 16) keeps peak memory down on large trees
// while collecting rarely enough not to cost time (see npm run bench).
import { exitOnCrash, main } from '../lib/sovscan.mjs';

// Exit 1 means a policy failure only: a crash outside the run exits 4 (Node's own default would be 1).
process.on('uncaughtException', exitOnCrash);
process.on('unhandledRejection', exitOnCrash);

// A reader that stops early (`sovscan … | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
