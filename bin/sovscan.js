#!/usr/bin/env node
import { main } from '../lib/sovscan.mjs';

process.exitCode = await main(process.argv.slice(2));
